/**
 * The handle statistics read through. With DATABASE_READ_URL (PostgreSQL only) a pool of its own
 * on that URL — a streaming replica, so analysts' reads never compete with the meeting room for
 * the primary — otherwise the primary's own Kysely. Writes (the audit events of the reads) always
 * go to the primary.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../../config';
import type { DB } from '../../db/schema';

export type StatisticsDatabase = { db: Kysely<DB>; close(): Promise<void> };

export function openStatisticsDatabase(
  database: Config['database'],
  primary: Kysely<DB>,
): StatisticsDatabase {
  if (database.kind !== 'postgres' || !database.readUrl) {
    return { db: primary, close: async () => {} };
  }
  const pool = new pg.Pool({
    connectionString: database.readUrl,
    connectionTimeoutMillis: database.connectTimeoutMs,
    statement_timeout: database.statementTimeoutMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    application_name: 'fourfold-statistics',
    max: Math.max(2, Math.ceil(database.poolMax / 2)),
  });
  // A lost idle connection is discarded by the pool; the query in flight fails on its own.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, close: () => db.destroy() };
}
