/**
 * The one place that decides which secrets a process uses: the server and the command-line tools
 * (identity purge, rekey) must seal and open identity with the same key ring. With DATABASE_URL
 * the configuration supplies every secret (config.ts refuses to start without); on the embedded
 * database whatever is missing comes from the secrets generated into DATA_DIR.
 */
import type { Config } from '../config';
import { keyRingFrom, type IdentityKeyRing } from './identity-vault';
import { loadOrCreateLocalSecrets } from './local-secrets';

/** The secrets a process runs with, whichever way they were resolved. */
export type AppSecrets = {
  /** Signs access tokens; see config AUTH_TOKEN_SECRET and lib/local-secrets.ts. */
  tokenSecret: string;
  /** Seals identity and intervention notes; see config IDENTITY_KEY. */
  identityKeys: IdentityKeyRing;
  /** Keys the HMAC of repeat fingerprints (modules/situations/repeats.ts); see config REPEAT_KEY. */
  repeatKey: Buffer;
};

export async function resolveSecrets(config: Config): Promise<AppSecrets> {
  const local =
    config.authTokenSecret && config.identityKey && config.repeatKey
      ? undefined
      : await loadOrCreateLocalSecrets(config.dataDir);
  return {
    tokenSecret: config.authTokenSecret ?? local!.authTokenSecret,
    identityKeys: keyRingFrom(
      config.identityKey ?? local!.identityKey,
      config.identityPreviousKeys,
    ),
    repeatKey: Buffer.from(config.repeatKey ?? local!.repeatKey, 'base64'),
  };
}
