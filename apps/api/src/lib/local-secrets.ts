/**
 * Secrets for the embedded, single-machine mode: generated once into DATA_DIR/secrets.json (mode
 * 0600) so that a newcomer needs no setup and tokens survive restarts. With DATABASE_URL the
 * configuration must supply them instead (config.ts refuses to start without).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const localSecretsSchema = z.object({ authTokenSecret: z.string().min(32) });
export type LocalSecrets = z.infer<typeof localSecretsSchema>;

export async function loadOrCreateLocalSecrets(dataDir: string): Promise<LocalSecrets> {
  const file = path.join(dataDir, 'secrets.json');
  try {
    return localSecretsSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
  }
  const secrets: LocalSecrets = { authTokenSecret: randomBytes(48).toString('base64url') };
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' });
  return secrets;
}
