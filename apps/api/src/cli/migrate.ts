/** `pnpm db:migrate`: applies pending migrations to the configured database and exits. */
import pino from 'pino';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrator';

const config = loadConfig();
const log = pino({ level: config.logLevel });
const database = await openDatabase(config.database, log);
try {
  const applied = await migrateToLatest(database.db);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Already up to date.');
} catch (error) {
  console.error(error instanceof Error ? error.message : 'Migration failed.');
  process.exitCode = 1;
} finally {
  await database.close();
}
