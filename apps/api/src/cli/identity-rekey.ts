/**
 * `pnpm identity:rekey`: re-seals every identity, intervention note and authenticator secret
 * sealed with an earlier key (or, for a secret, not yet sealed) with the current IDENTITY_KEY.
 * Set the new key as IDENTITY_KEY and list the old ones in IDENTITY_PREVIOUS_KEYS; once this
 * reports nothing unreadable, the old keys can be dropped. It also repairs values sealed against a
 * non-canonical (capitalised) situation id, so run it once after upgrading.
 */
import pino from 'pino';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { resolveSecrets } from '../lib/app-secrets';
import { resealTotpSecrets } from '../modules/auth/totp-secrets';
import { rekeyIdentityData } from '../modules/situations/rekey.service';

const config = loadConfig();
const { identityKeys } = await resolveSecrets(config);
const database = await openDatabase(config.database, pino({ level: config.logLevel }));
try {
  const result = await rekeyIdentityData(database.db, identityKeys);
  const totp = await resealTotpSecrets(database.db, identityKeys);
  console.log(
    `Re-sealed with key ${result.currentKeyId}: ${result.identities} identities, ` +
      `${result.notes} intervention notes, ${totp.resealed} authenticator secrets.`,
  );
  if (result.repaired > 0) {
    console.log(`${result.repaired} of them were bound to a non-canonical situation id: repaired.`);
  }
  const unreadable = result.unreadable + totp.unreadable;
  if (unreadable > 0) {
    console.error(
      `${unreadable} values could not be opened with any configured key and were left ` +
        'as they are: add their key to IDENTITY_PREVIOUS_KEYS and run this again.',
    );
    process.exitCode = 2;
  }
} catch (error) {
  console.error(`Identity rekey failed: ${error instanceof Error ? error.name : 'unknown error'}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
