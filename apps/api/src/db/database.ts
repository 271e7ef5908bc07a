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
import type { Config } from '../config';
import { lockDataDir } from './data-dir-lock';
import { PreparingClient } from './prepared-statements';
import { redactError, type Logger } from './log';
import {
  embeddedListener,
  notifyIn,
  postgresListener,
  type Listener,
  type NotificationHandler,
  type Unsubscribe,
} from './notifications';
import type { DB } from './schema';

export type DatabaseHandle = {
  readonly db: Kysely<DB>;
  readonly kind: 'postgres' | 'embedded';
  /** One round trip; rejects when the database cannot answer. */
  ping(): Promise<void>;
  /**
   * Calls onMessage with the payload of every notification on the channel, from any process
   * sharing the database, until the returned function unsubscribes. Not inside a transaction of
   * this handle. See notifications.ts: channel names follow a closed pattern, payloads carry ids
   * and versions only (never personal data) and stay under 8000 bytes.
   */
  listen(channel: string, onMessage: NotificationHandler): Promise<Unsubscribe>;
  /** Sends a notification at once; inside a transaction use notifyIn(trx, ...) (sent on commit). */
  notify(channel: string, payload: string): Promise<void>;
  /**
   * Runs callback after the listening connection was lost and restored (every channel subscribed
   * again). Notifications sent during the outage were lost: re-read the state you follow.
   */
  onReconnect(callback: () => void): () => void;
  close(): Promise<void>;
};

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
  const options: pg.PoolConfig = {
    connectionString: database.url,
    // Fails fast while the server is unreachable, so a request answers 503 within the
    // connection timeout (1.5 s by default) instead of hanging.
    connectionTimeoutMillis: database.connectTimeoutMs,
    statement_timeout: database.statementTimeoutMs,
    idle_in_transaction_session_timeout: database.statementTimeoutMs * 2,
    // A peer that vanished without closing the socket (a crashed host) is probed by TCP after
    // 10 s idle, instead of the system's default of two hours.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    application_name: 'fourfold-api',
  };
  const pool = listenForConnectionErrors(
    new pg.Pool({ ...options, max: database.poolMax, Client: PreparingClient }),
    log,
  );
  // Readiness has a connection of its own, so that a pool busy with requests does not make a
  // healthy database look down (and a probe never waits behind the request queue).
  const probe = listenForConnectionErrors(
    new pg.Pool({ ...options, max: 1, idleTimeoutMillis: 30_000 }),
    log,
  );
  const listener = postgresListener(
    {
      connectionString: database.url,
      connectionTimeoutMillis: database.connectTimeoutMs,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      // How the fault tests (and an operator) find it in pg_stat_activity.
      application_name: 'fourfold-listen',
    },
    log,
  );
  return handle(
    pool,
    'postgres',
    listener,
    () => probe.end(),
    async () => {
      await probe.query('select 1');
    },
  );
}

/**
 * pg-pool listens for errors on idle clients only. A client that is checked out (a query
 * running, or between the statements of a transaction) when the server ends its connection
 * would emit an 'error' event nobody listens to, and node would end the process. So every
 * client gets a listener of its own for its whole life; the query in flight fails with the
 * error, Kysely releases the client, and pg-pool discards it because it is no longer queryable.
 */
function listenForConnectionErrors(pool: pg.Pool, log: Logger): pg.Pool {
  pool.on('connect', (client) => {
    client.on('error', (error) =>
      log.warn({ err: redactError(error) }, 'database connection lost'),
    );
  });
  // The same error reaches the pool when the client was idle; the client's listener logged it.
  pool.on('error', () => {});
  return pool;
}

/** Wraps an already-open PGlite instance (tests load one from a migrated template). */
export function embeddedDatabase(
  pglite: PGlite,
  log: Logger,
  onClose: () => Promise<void> = async () => {},
): DatabaseHandle {
  const pool = listenForConnectionErrors(
    new pg.Pool({ ...createPgConfig(pglite), Client: PreparingClient }),
    log,
  );
  return handle(pool, 'embedded', embeddedListener(pglite, pool, log), onClose);
}

function handle(
  pool: pg.Pool,
  kind: DatabaseHandle['kind'],
  listener: Listener,
  afterDestroy: () => Promise<void>,
  probe?: () => Promise<void>,
): DatabaseHandle {
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    kind,
    async ping() {
      if (closed) throw new Error('database closed');
      if (probe) await probe();
      else await sql`select 1`.execute(db);
    },
    async listen(channel, onMessage) {
      if (closed) throw new Error('database closed');
      return listener.listen(channel, onMessage);
    },
    async notify(channel, payload) {
      if (closed) throw new Error('database closed');
      await notifyIn(db, channel, payload);
    },
    onReconnect: (callback) => listener.onReconnect(callback),
    async close() {
      if (closed) return;
      closed = true;
      await listener.close();
      await db.destroy();
      await afterDestroy();
    },
  };
}
