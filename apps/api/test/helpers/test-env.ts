import pg from 'pg';

/** What the test harness reads from its own environment (the app reads only config.ts). */
export function testDatabaseUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

/**
 * The file CI's log scan reads (scripts/scan-logs.mjs): when set, test apps write their real log
 * there at info level; otherwise they log nothing.
 */
export function testLogFile(): string | undefined {
  return process.env.FOURFOLD_TEST_LOG_FILE || undefined;
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

const noop = () => {};
export const silentLog = { error: noop, warn: noop, info: noop };

/** One statement on the server's maintenance connection (create or drop a database). */
export async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
