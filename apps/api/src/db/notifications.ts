/**
 * PostgreSQL LISTEN/NOTIFY behind the database handle, so that API processes sharing one database
 * hear each other's changes without a broker.
 *
 * Payloads never carry personal data: only ids and versions ("situation 42 is now at version 7"),
 * so a listener re-reads what it may see through the access policy. Channel names come from a
 * closed pattern and reach SQL only as a bound parameter (pg_notify) or a quoted identifier
 * (LISTEN/UNLISTEN).
 */
import type { PGlite } from '@electric-sql/pglite';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { redactError, type Logger } from './log';
import type { DB } from './schema';

export type NotificationHandler = (payload: string) => void;
export type Unsubscribe = () => Promise<void>;

const channelPattern = /^[a-z][a-z0-9_]{0,62}$/;
/** PostgreSQL refuses a payload of 8000 bytes or more (NOTIFY_PAYLOAD_MAX_LENGTH). */
export const maxPayloadBytes = 7999;

export class NotificationError extends Error {
  override name = 'NotificationError';
}

export function checkChannel(channel: string): void {
  if (!channelPattern.test(channel)) {
    throw new NotificationError(
      'A notification channel is a lowercase letter followed by at most 62 lowercase letters, digits or underscores.',
    );
  }
}

function checkPayload(payload: string): void {
  const bytes = Buffer.byteLength(payload, 'utf8');
  if (bytes > maxPayloadBytes) {
    throw new NotificationError(
      `A notification payload is at most ${maxPayloadBytes} bytes in UTF-8 (this one has ${bytes}); send ids and versions only.`,
    );
  }
}

/**
 * Sends a notification from within a caller's transaction (or on its own with the plain Kysely
 * instance). pg_notify is transactional: listeners hear it when the transaction commits, never
 * when it rolls back. Works on PostgreSQL and on embedded PGlite alike.
 */
export async function notifyIn(db: Kysely<DB>, channel: string, payload: string): Promise<void> {
  checkChannel(channel);
  checkPayload(payload);
  await sql`select pg_notify(${channel}, ${payload})`.execute(db);
}

/** Calls each handler, so that one that throws neither stops the others nor the connection. */
function deliver(handlers: Iterable<NotificationHandler>, payload: string, log: Logger): void {
  for (const handler of [...handlers]) {
    try {
      handler(payload);
    } catch (error) {
      log.error({ err: redactError(error) }, 'notification handler failed');
    }
  }
}

export type Listener = {
  listen(channel: string, onMessage: NotificationHandler): Promise<Unsubscribe>;
  onReconnect(callback: () => void): () => void;
  close(): Promise<void>;
};

export const listenBackoff = { initialMs: 250, maxMs: 5000 };

/**
 * One dedicated connection per process (not from the pool: a pooled connection is handed to other
 * work and its LISTENs would go with it), opened on the first listen. When the server ends it
 * (restart, failover, pg_terminate_backend) it reconnects with a backoff of 0.25 s doubling to 5 s,
 * for as long as the handle is open, and LISTENs again on every subscribed channel. Messages sent
 * while it was down are lost: onReconnect callbacks run after re-subscribing, so that a subscriber
 * re-reads the state it follows.
 */
export function postgresListener(clientConfig: pg.ClientConfig, log: Logger): Listener {
  const handlers = new Map<string, Set<NotificationHandler>>();
  const reconnectCallbacks = new Set<() => void>();
  let client: pg.Client | null = null;
  /** Channels LISTENed on the current client. */
  let listening = new Set<string>();
  let connecting: Promise<pg.Client> | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let delayMs = listenBackoff.initialMs;
  let closed = false;

  function lost(lostClient: pg.Client, error?: unknown) {
    if (lostClient !== client) return;
    client = null;
    listening = new Set();
    lostClient.end().catch(() => {});
    // Nobody subscribed: the next listen opens a connection again.
    if (closed || handlers.size === 0) return;
    log.warn(
      error === undefined ? {} : { err: redactError(error) },
      'listening connection lost; reconnecting',
    );
    scheduleReconnect();
  }

  function scheduleReconnect() {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connection().then(
        () => {
          delayMs = listenBackoff.initialMs;
          log.info({ channels: handlers.size }, 'listening connection restored');
          for (const callback of [...reconnectCallbacks]) {
            try {
              callback();
            } catch (error) {
              log.error({ err: redactError(error) }, 'reconnect callback failed');
            }
          }
        },
        (error: unknown) => {
          if (closed) return;
          log.warn({ err: redactError(error), retryInMs: delayMs }, 'listening connection failed');
          delayMs = Math.min(delayMs * 2, listenBackoff.maxMs);
          scheduleReconnect();
        },
      );
    }, delayMs);
    retryTimer.unref();
  }

  function connection(): Promise<pg.Client> {
    if (closed) return Promise.reject(new Error('database closed'));
    if (client) return Promise.resolve(client);
    connecting ??= open().finally(() => {
      connecting = null;
    });
    return connecting;
  }

  async function open(): Promise<pg.Client> {
    const candidate = new pg.Client(clientConfig);
    candidate.on('error', (error) => lost(candidate, error));
    candidate.on('end', () => lost(candidate));
    candidate.on('notification', (message) => {
      const channelHandlers = handlers.get(message.channel);
      if (channelHandlers) deliver(channelHandlers, message.payload ?? '', log);
    });
    try {
      await candidate.connect();
      const subscribed = new Set<string>();
      for (const channel of handlers.keys()) {
        await candidate.query(`listen "${channel}"`);
        subscribed.add(channel);
      }
      if (closed) throw new Error('database closed');
      client = candidate;
      listening = subscribed;
      return candidate;
    } catch (error) {
      candidate.end().catch(() => {});
      throw error;
    }
  }

  return {
    async listen(channel, onMessage) {
      checkChannel(channel);
      if (closed) throw new Error('database closed');
      let channelHandlers = handlers.get(channel);
      if (!channelHandlers) handlers.set(channel, (channelHandlers = new Set()));
      // A wrapper per call, so that subscribing the same function twice gives two subscriptions.
      const handler: NotificationHandler = (payload) => onMessage(payload);
      channelHandlers.add(handler);
      const unsubscribe = async () => {
        const current = handlers.get(channel);
        if (!current?.delete(handler) || current.size > 0) return;
        handlers.delete(channel);
        if (client && listening.has(channel)) {
          listening.delete(channel);
          // A connection lost meanwhile has no LISTEN left to undo.
          await client.query(`unlisten "${channel}"`).catch(() => {});
        }
      };
      try {
        const live = await connection();
        if (!listening.has(channel)) {
          await live.query(`listen "${channel}"`);
          listening.add(channel);
        }
      } catch (error) {
        await unsubscribe();
        throw error;
      }
      return unsubscribe;
    },
    onReconnect(callback) {
      reconnectCallbacks.add(callback);
      return () => {
        reconnectCallbacks.delete(callback);
      };
    },
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      handlers.clear();
      reconnectCallbacks.clear();
      const pending = connecting;
      if (pending) await pending.catch(() => {});
      const current = client;
      client = null;
      if (current) await current.end().catch(() => {});
    },
  };
}

/**
 * Embedded PGlite is one backend shared by the whole process; its own listen API delivers the
 * notifications that any statement (including those through the node-postgres shim) receives.
 * LISTEN and UNLISTEN run while holding the shim's only connection, so that they never land inside
 * a transaction that is open on it (a rollback would undo the LISTEN). Hence listen must not be
 * called from inside a transaction of the same handle. The connection never drops, so onReconnect
 * callbacks never run.
 */
export function embeddedListener(pglite: PGlite, pool: pg.Pool, log: Logger): Listener {
  let closed = false;
  const active = new Set<Unsubscribe>();
  async function exclusively<T>(work: () => Promise<T>): Promise<T> {
    const held = await pool.connect();
    try {
      return await work();
    } finally {
      held.release();
    }
  }
  return {
    async listen(channel, onMessage) {
      checkChannel(channel);
      if (closed) throw new Error('database closed');
      const unlisten = await exclusively(() =>
        pglite.listen(channel, (payload) => deliver([onMessage], payload, log)),
      );
      let done = false;
      const unsubscribe: Unsubscribe = async () => {
        if (done) return;
        done = true;
        active.delete(unsubscribe);
        if (!closed) await exclusively(() => unlisten());
      };
      active.add(unsubscribe);
      return unsubscribe;
    },
    onReconnect() {
      return () => {};
    },
    async close() {
      for (const unsubscribe of [...active]) await unsubscribe();
      closed = true;
    },
  };
}
