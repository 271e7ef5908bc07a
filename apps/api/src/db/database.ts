/**
 * The one Kysely instance of a process, built from configuration: a pg Pool on PostgreSQL when
 * DATABASE_URL is set, otherwise embedded PGlite in DATA_DIR reached through PGlite's
 * node-postgres shim. Both paths go through Kysely's PostgresDialect and node-postgres, so type
 * parsing and transaction semantics are the same; PGlite's shim has a pool of one connection, which
 * serialises transactions instead of interleaving them.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config';
import { lockDataDir } from './data-dir-lock';
import type { DB } from './schema';

export type DatabaseHandle = {
  readonly db: Kysely<DB>;
  readonly kind: 'postgres' | 'embedded';
  /** One round trip; rejects when the database cannot answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
};

type Logger = Pick<FastifyBaseLogger, 'error' | 'warn' | 'info'>;

export async function openDatabase(
  database: Config['database'],
  log: Logger,
): Promise<DatabaseHandle> {
  if (database.kind === 'postgres') return openPostgres(database, log);
  await mkdir(database.dataDir, { recursive: true });
  const unlock = await lockDataDir(database.dataDir, log);
  try {
    const pglite = await PGlite.create(path.join(database.dataDir, 'pgdata'));
    return embeddedDatabase(pglite, log, async () => {
      await pglite.close();
      await unlock();
    });
  } catch (error) {
    await unlock();
    throw error;
  }
}

function openPostgres(
  database: Extract<Config['database'], { kind: 'postgres' }>,
  log: Logger,
): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: database.url,
    max: database.poolMax,
    connectionTimeoutMillis: database.connectTimeoutMs,
    statement_timeout: database.statementTimeoutMs,
    idle_in_transaction_session_timeout: database.statementTimeoutMs * 2,
    application_name: 'fourfold-api',
  });
  // An idle client losing its connection (a restarting database) emits here; without a listener
  // node-postgres would crash the process. The next query gets a fresh connection.
  pool.on('error', (error) => log.error({ err: redactError(error) }, 'database connection lost'));
  return handle(pool, 'postgres', async () => {});
}

/** Wraps an already-open PGlite instance (tests load one from a migrated template). */
export function embeddedDatabase(
  pglite: PGlite,
  log: Logger,
  onClose: () => Promise<void> = async () => {},
): DatabaseHandle {
  const pool = new pg.Pool(createPgConfig(pglite));
  pool.on('error', (error) => log.error({ err: redactError(error) }, 'embedded database error'));
  return handle(pool, 'embedded', onClose);
}

function handle(
  pool: pg.Pool,
  kind: DatabaseHandle['kind'],
  afterDestroy: () => Promise<void>,
): DatabaseHandle {
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    kind,
    async ping() {
      if (closed) throw new Error('database closed');
      await sql`select 1`.execute(db);
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      await afterDestroy();
    },
  };
}

/** Keeps the class and code of a driver error, never its message (it can quote values). */
function redactError(error: Error & { code?: string }) {
  return { type: error.name, code: error.code };
}
