/**
 * Starts Fourfold: load config, open the database, migrate, build the app, start the identity
 * retention purge, listen. On SIGINT or SIGTERM it stops accepting connections, lets in-flight
 * requests finish, stops the purge, then closes the database.
 */
import closeWithGrace from 'close-with-grace';
import pino from 'pino';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/database';
import { DataDirInUseError } from './db/data-dir-lock';
import { seedDemoData } from './db/demo-data';
import { MigrationError, migrateToLatest } from './db/migrator';
import { resolveSecrets } from './lib/app-secrets';
import { resealTotpSecrets } from './modules/auth/totp-secrets';
import { scheduleIdentityPurge } from './modules/situations/retention.service';

async function main() {
  const config = loadConfig();
  const bootLog = pino({ level: config.logLevel });
  const database = await openDatabase(config.database, bootLog);
  const applied = await migrateToLatest(database.db);
  if (applied.length > 0) bootLog.info({ migrations: applied }, 'database migrated');
  if (config.seedDemo && (await seedDemoData(database.db))) {
    bootLog.info('demo data loaded: sign in as admin@fourfold.demo (see the README)');
  }

  // Embedded mode keeps generated secrets in DATA_DIR; with DATABASE_URL config.ts demands them.
  const secrets = await resolveSecrets(config);
  // Authenticator secrets stored before they were sealed (migration 0008) are sealed now.
  const totp = await resealTotpSecrets(database.db, secrets.identityKeys, { plaintextOnly: true });
  if (totp.resealed > 0) bootLog.info({ count: totp.resealed }, 'authenticator secrets sealed');
  const app = await buildApp(config, { database, secrets });
  // Identity retention: a purge now and hourly; stopped (and awaited) before the database closes.
  const purge = scheduleIdentityPurge({
    db: database.db,
    retentionDays: config.identityRetentionDays,
    log: app.log,
  });
  app.addHook('onClose', async () => {
    await purge.stop();
    await database.close();
  });

  closeWithGrace({ delay: 10_000, logger: app.log }, async ({ signal, err }) => {
    if (err) app.log.error({ err: { type: err.name } }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
  });

  await app.listen({ host: config.host, port: config.port });
}

main().catch((error: unknown) => {
  // Known start-up failures get one readable message; anything else its class only.
  const known =
    error instanceof ConfigError ||
    error instanceof DataDirInUseError ||
    error instanceof MigrationError;
  console.error(known ? error.message : `Fourfold could not start: ${describe(error)}`);
  process.exit(1);
});

function describe(error: unknown): string {
  if (error instanceof Error)
    return `${error.name}${'code' in error ? ` (${String(error.code)})` : ''}`;
  return 'unknown error';
}
