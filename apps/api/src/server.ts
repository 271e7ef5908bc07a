/**
 * Starts Fourfold: load config, open the database, prepare it (waiting for it if need be, see
 * startup.ts), build the app, start the identity retention purge, listen. On SIGINT or SIGTERM it stops accepting connections, lets in-flight
 * requests finish, stops the purge, then closes the database.
 */
import closeWithGrace from 'close-with-grace';
import pino from 'pino';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/database';
import { DataDirInUseError } from './db/data-dir-lock';
import { MigrationError } from './db/migrator';
import { resolveSecrets } from './lib/app-secrets';
import { scheduleOverdueSweep } from './modules/action-items/action-items.sweep';
import { scheduleLoginAttemptPruning } from './modules/auth/login-attempts';
import { scheduleIdentityPurge } from './modules/situations/retention.service';
import { DatabaseUnreachableError, prepareDatabase } from './startup';

async function main() {
  const config = loadConfig();
  const bootLog = pino({ level: config.logLevel });
  const database = await openDatabase(config.database, bootLog);
  // Embedded mode keeps generated secrets in DATA_DIR; with DATABASE_URL config.ts demands them.
  const secrets = await resolveSecrets(config);
  // Waits for a database that is not up yet; migrates, seeds and seals under the migration lock.
  const prepared = await prepareDatabase(
    database,
    { seedDemo: config.seedDemo, identityKeys: secrets.identityKeys },
    bootLog,
  );
  if (prepared.migrations.length > 0) {
    bootLog.info({ migrations: prepared.migrations }, 'database migrated');
  }
  if (prepared.seeded) {
    bootLog.info('demo data loaded: sign in as admin@fourfold.demo (see the README)');
  }
  if (prepared.totpSealed > 0) {
    bootLog.info({ count: prepared.totpSealed }, 'authenticator secrets sealed');
  }
  const app = await buildApp(config, { database, secrets });
  // Identity retention: a purge now and hourly; stopped (and awaited) before the database closes.
  const purge = scheduleIdentityPurge({
    db: database.db,
    retentionDays: config.identityRetentionDays,
    log: app.log,
  });
  // Sign-in attempts are kept a day (they hold client addresses): pruned now and hourly.
  const pruning = scheduleLoginAttemptPruning({ db: database.db, log: app.log });
  // Overdue action items: swept every minute, each owner told once.
  const overdueSweep = scheduleOverdueSweep({ db: database.db, log: app.log });
  app.addHook('onClose', async () => {
    await purge.stop();
    await pruning.stop();
    await overdueSweep.stop();
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
    error instanceof MigrationError ||
    error instanceof DatabaseUnreachableError;
  console.error(known ? error.message : `Fourfold could not start: ${describe(error)}`);
  process.exit(1);
});

function describe(error: unknown): string {
  if (error instanceof Error)
    return `${error.name}${'code' in error ? ` (${String(error.code)})` : ''}`;
  return 'unknown error';
}
