/**
 * Builds the real app on a private test database, for app.inject, sending its mail to a real SMTP
 * server in the test process (`mail`).
 */
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp, type AppDeps } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { keyRingFrom } from '../../src/lib/identity-vault';
import type { DatabaseHandle } from '../../src/db/database';
import { createTestDatabase } from './test-database';
import { testLogFile } from './test-env';
import { startTestMailServer, type TestMailServer } from './test-mail';

export const TEST_TOKEN_SECRET = 'test-token-secret-0123456789-abcdefghijklmnop';
/** A fixed identity key for tests: `test1` is current. */
export const TEST_IDENTITY_KEY = `test1:${Buffer.alloc(32, 7).toString('base64')}`;
/** A fixed key for repeat fingerprints (base64 of 32 bytes). */
export const TEST_REPEAT_KEY = Buffer.alloc(32, 5).toString('base64');
export const testSecrets = () => ({
  tokenSecret: TEST_TOKEN_SECRET,
  identityKeys: keyRingFrom(TEST_IDENTITY_KEY),
  repeatKey: Buffer.from(TEST_REPEAT_KEY, 'base64'),
});

export type TestApp = {
  app: FastifyInstance;
  database: DatabaseHandle;
  config: Config;
  mail: TestMailServer;
};

export function testConfig(environment: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: '/nonexistent',
    ...environment,
  });
}

export async function createTestApp(
  options: { environment?: Record<string, string>; deps?: Partial<AppDeps> } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const mail = await startTestMailServer();
  const config = testConfig({ SMTP_URL: mail.url, ...options.environment });
  const app = await buildApp(config, {
    database,
    secrets: testSecrets(),
    ...options.deps,
  });
  captureLog(app);
  await app.ready();
  return { app, database, config, mail };
}

let logDestination: pino.DestinationStream | undefined;

/**
 * With FOURFOLD_TEST_LOG_FILE set, the app's own logger (its redaction included) writes at info
 * level to that file, which every test process appends to; CI then scans it for personal values.
 * The logger is the product's, built by buildApp: only its destination is swapped (pino's stream
 * symbol, which request loggers inherit from it) and its level raised from the tests' silence.
 */
function captureLog(app: FastifyInstance) {
  const file = testLogFile();
  if (!file) return;
  // Synchronous appends: a test process may exit right after its last test, and a line lost
  // would be a line never scanned.
  logDestination ??= pino.destination({ dest: file, append: true, mkdir: true, sync: true });
  (app.log as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] = logDestination;
  app.log.level = 'info';
}

export async function closeTestApp({ app, database, mail }: TestApp) {
  await app.close();
  await database.close();
  await mail.close();
}
