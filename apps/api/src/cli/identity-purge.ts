/**
 * `pnpm identity:purge`: destroys the identity and intervention notes of every situation closed
 * more than IDENTITY_RETENTION_DAYS ago, each destruction audited, and the repeat fingerprints past
 * REPEAT_WINDOW_MONTHS. The API does the same at
 * start-up and hourly; this is for a schedule of one's own, or to check at once.
 */
import pino from 'pino';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { expireFingerprints } from '../modules/situations/repeats.service';
import { purgeExpiredIdentities } from '../modules/situations/retention.service';

const config = loadConfig();
const database = await openDatabase(config.database, pino({ level: config.logLevel }));
try {
  const days = config.identityRetentionDays;
  const result = await purgeExpiredIdentities(database.db, days);
  console.log(
    `Retention ${days} days after closure: destroyed the identifying data of ` +
      `${result.situations} situations (${result.identities} identities, ${result.notes} notes).`,
  );
  const months = config.repeatWindowMonths;
  const expired = await expireFingerprints(database.db, months);
  console.log(
    `Repeat window ${months} months: deleted ${expired.fingerprints} fingerprints of ` +
      `${expired.situations} situations.`,
  );
} catch (error) {
  // The class only: a driver's message can quote values.
  console.error(`Identity purge failed: ${error instanceof Error ? error.name : 'unknown error'}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
