/**
 * Starts Fourfold: load config, open the database, prepare it (waiting for it if need be, see
 * startup.ts), build the app, start the periodic jobs (identity retention purge, repeat fingerprint
 * expiry, sign-in attempt pruning) and the notification mail, listen. On SIGINT or SIGTERM it stops
 * accepting connections, lets in-flight requests finish, stops the jobs, then closes the database.
 */
import closeWithGrace from 'close-with-grace';
import pino from 'pino';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/database';
import { DataDirInUseError } from './db/data-dir-lock';
import { MigrationError } from './db/migrator';
import { resolveSecrets } from './lib/app-secrets';
import { createMailer } from './lib/mailer';
import { startNotificationMail } from './modules/notifications/notification-dispatch';
import { scheduleOverdueSweep } from './modules/action-items/action-items.sweep';
import { scheduleLoginAttemptPruning } from './modules/auth/login-attempts';
import { scheduleFingerprintExpiry } from './modules/situations/repeats.service';
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
  // One mailer for the process: the app's one-time links and the notification e-mails share it.
  const mailer = createMailer(config.mail, bootLog.child({ module: 'mail' }));
  const app = await buildApp(config, { database, secrets, mailer });
  // Identity retention: a purge now and hourly; stopped (and awaited) before the database closes.
  const purge = scheduleIdentityPurge({
    db: database.db,
    retentionDays: config.identityRetentionDays,
    log: app.log,
  });
  // Repeat fingerprints are kept REPEAT_WINDOW_MONTHS: expired ones deleted now and hourly.
  const fingerprintExpiry = scheduleFingerprintExpiry({
    db: database.db,
    windowMonths: config.repeatWindowMonths,
    log: app.log,
  });
  // Sign-in attempts are kept a day (they hold client addresses): pruned now and hourly.
  const pruning = scheduleLoginAttemptPruning({ db: database.db, log: app.log });
  // Notification e-mails, after their transactions commit: on LISTEN 'notification' and a sweep
  // every minute that retries refused ones (modules/notifications/notification-dispatch.ts).
  const notificationMail = await startNotificationMail({
    database,
    mailer,
    publicUrl: config.publicUrl,
    log: app.log,
  });
  // Overdue action items: swept every minute, each owner told once.
  const overdueSweep = scheduleOverdueSweep({ db: database.db, log: app.log });
  app.addHook('onClose', async () => {
    await notificationMail.stop();
    await purge.stop();
    await fingerprintExpiry.stop();
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
