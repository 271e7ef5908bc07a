/**
 * The API as the bench runs it, in a child process of its own so that its memory can be read
 * apart from the load generator's: the real config (loadConfig, from the environment the bench
 * gives it), the real database handle and the real buildApp, listening on an ephemeral port on
 * the loopback. Without server.ts's periodic jobs (purge, mail), which would only add noise. It
 * tells the parent its port over IPC and stops when the parent disconnects.
 */
import { buildApp } from '../apps/api/src/app';
import { loadConfig } from '../apps/api/src/config';
import { openDatabase } from '../apps/api/src/db/database';
import type { Logger } from '../apps/api/src/db/log';
import { resolveSecrets } from '../apps/api/src/lib/app-secrets';

// The database handle's own warnings (a lost connection) go to stderr; the app logs through pino.
const log: Logger = { error: console.error, warn: console.warn, info: () => {} };

const config = loadConfig();
const database = await openDatabase(config.database, log);
const app = await buildApp(config, { database, secrets: await resolveSecrets(config) });
app.addHook('onClose', async () => database.close());
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (address === null || typeof address === 'string') throw new Error('no port');
process.send?.({ port: address.port });
process.on('disconnect', () => {
  void app.close().then(() => process.exit(0));
});
