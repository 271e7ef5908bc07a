/**
 * Secrets for the embedded, single-machine mode: generated once into DATA_DIR/secrets.json (mode
 * 0600) so that a newcomer needs no setup and tokens survive restarts. With DATABASE_URL the
 * configuration must supply them instead (config.ts refuses to start without).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { text } from '@fourfold/shared/input';

const localSecretsSchema = z.object({
  authTokenSecret: text().min(32),
  /** `<keyId>:<base64>`, as IDENTITY_KEY. */
  identityKey: text().min(10),
  /** Base64 of 32 bytes, as REPEAT_KEY. */
  repeatKey: text().min(43),
});
export type LocalSecrets = z.infer<typeof localSecretsSchema>;

export async function loadOrCreateLocalSecrets(dataDir: string): Promise<LocalSecrets> {
  const file = path.join(dataDir, 'secrets.json');
  let existing: Partial<LocalSecrets> = {};
  try {
    existing = JSON.parse(await readFile(file, 'utf8')) as Partial<LocalSecrets>;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
  }
  // Secrets added by a later version are generated once and kept beside the existing ones.
  const secrets = localSecretsSchema.parse({
    authTokenSecret: existing.authTokenSecret ?? randomBytes(48).toString('base64url'),
    identityKey: existing.identityKey ?? `local1:${randomBytes(32).toString('base64')}`,
    repeatKey: existing.repeatKey ?? randomBytes(32).toString('base64'),
  });
  if (
    secrets.authTokenSecret !== existing.authTokenSecret ||
    secrets.identityKey !== existing.identityKey ||
    secrets.repeatKey !== existing.repeatKey
  ) {
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}
