import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/database';
import { NotificationError, maxPayloadBytes, notifyIn } from '../../src/db/notifications';
import { createTestDatabase } from '../helpers/test-database';
import { silentLog, testDatabaseUrl } from '../helpers/test-env';

/** Collects what a channel receives. */
function recorder() {
  const received: string[] = [];
  return { received, handler: (payload: string) => void received.push(payload) };
}

async function until(condition: () => boolean, timeout = 5000): Promise<void> {
  await vi.waitFor(
    () => {
      if (!condition()) throw new Error('not yet');
    },
    { timeout, interval: 20 },
  );
}

describe('notifications', () => {
  let database: DatabaseHandle & { url?: string };
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('delivers a notification to a listener', async () => {
    const { received, handler } = recorder();
    const unsubscribe = await database.listen('case_changed', handler);
    await database.notify('case_changed', '42:7');
    await until(() => received.length === 1);
    expect(received).toEqual(['42:7']);
    await unsubscribe();
  });

  it('delivers a notification sent in a transaction on commit, never on rollback', async () => {
    const { received, handler } = recorder();
    const unsubscribe = await database.listen('tx_channel', handler);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await notifyIn(trx, 'tx_channel', 'rolled-back');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await database.db.transaction().execute(async (trx) => {
      await notifyIn(trx, 'tx_channel', 'committed');
      // Not before the commit.
      await sql`select 1`.execute(trx);
    });
    await until(() => received.includes('committed'));
    expect(received).toEqual(['committed']);
    await unsubscribe();
  });

  it('keeps a subscription made while another transaction is open and then rolls back', async () => {
    const { received, handler } = recorder();
    let subscribing: Promise<() => Promise<void>> | undefined;
    await expect(
      database.db.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx);
        subscribing = database.listen('concurrent_channel', handler);
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const unsubscribe = await subscribing!;
    await database.notify('concurrent_channel', 'heard');
    await until(() => received.length === 1);
    await unsubscribe();
  });

  it('refuses a channel name outside the closed pattern, before reaching SQL', async () => {
    const bad = ['', 'Upper', '1abc', 'a-b', 'a;select 1', '"quoted"', 'a'.repeat(64), 'é'];
    for (const channel of bad) {
      await expect(database.listen(channel, () => {})).rejects.toBeInstanceOf(NotificationError);
      await expect(database.notify(channel, 'x')).rejects.toBeInstanceOf(NotificationError);
      await expect(notifyIn(database.db, channel, 'x')).rejects.toBeInstanceOf(NotificationError);
    }
    const longest = `a${'b'.repeat(62)}`;
    const { received, handler } = recorder();
    const unsubscribe = await database.listen(longest, handler);
    await database.notify(longest, 'ok');
    await until(() => received.length === 1);
    await unsubscribe();
  });

  it('refuses a payload of 8000 bytes or more and delivers one just under', async () => {
    await expect(database.notify('size_channel', 'x'.repeat(8000))).rejects.toThrow(
      /at most 7999 bytes/,
    );
    // 4000 two-byte characters: the limit counts bytes, not characters.
    await expect(database.notify('size_channel', 'é'.repeat(4000))).rejects.toBeInstanceOf(
      NotificationError,
    );
    const { received, handler } = recorder();
    const unsubscribe = await database.listen('size_channel', handler);
    await database.notify('size_channel', 'x'.repeat(maxPayloadBytes));
    await until(() => received.length === 1);
    expect(received[0]).toHaveLength(maxPayloadBytes);
    await unsubscribe();
  });

  it('stops delivering to a handler once it unsubscribes, and keeps the others', async () => {
    const first = recorder();
    const second = recorder();
    const marker = recorder();
    const unsubscribeFirst = await database.listen('unsub_channel', first.handler);
    const unsubscribeSecond = await database.listen('unsub_channel', second.handler);
    const unsubscribeMarker = await database.listen('marker_channel', marker.handler);

    await unsubscribeFirst();
    await unsubscribeFirst(); // twice is harmless
    await database.notify('unsub_channel', 'one');
    await until(() => second.received.length === 1);
    expect(first.received).toEqual([]);

    await unsubscribeSecond();
    await database.notify('unsub_channel', 'two');
    // Notifications arrive in order: once the marker is in, 'two' would have been too.
    await database.notify('marker_channel', 'marker');
    await until(() => marker.received.length === 1);
    expect(second.received).toEqual(['one']);
    expect(first.received).toEqual([]);
    await unsubscribeMarker();
  });

  it('keeps delivering to the other handlers when one throws', async () => {
    const { received, handler } = recorder();
    const unsubscribeThrowing = await database.listen('throw_channel', () => {
      throw new Error('handler bug');
    });
    const unsubscribe = await database.listen('throw_channel', handler);
    await database.notify('throw_channel', 'a');
    await database.notify('throw_channel', 'b');
    await until(() => received.length === 2);
    expect(received).toEqual(['a', 'b']);
    await unsubscribeThrowing();
    await unsubscribe();
  });

  it('refuses to listen or notify once closed', async () => {
    const own = await createTestDatabase();
    await own.listen('closing_channel', () => {});
    await own.close();
    await expect(own.listen('closing_channel', () => {})).rejects.toThrow('database closed');
    await expect(own.notify('closing_channel', 'x')).rejects.toThrow('database closed');
  });
});

/** Two API processes on one PostgreSQL database: only meaningful on a server. */
describe.runIf(testDatabaseUrl())('notifications across processes (PostgreSQL)', () => {
  let database: DatabaseHandle & { url?: string };
  let other: DatabaseHandle;
  const open = (log = silentLog) =>
    openDatabase(
      {
        kind: 'postgres',
        url: database.url!,
        poolMax: 2,
        connectTimeoutMs: 5000,
        statementTimeoutMs: 15000,
      },
      log,
    );
  /** Backends of the dedicated listening connections on this test's database. */
  async function listenBackends(): Promise<number[]> {
    const { rows } = await sql<{ pid: number }>`
      select pid from pg_stat_activity
      where application_name = 'fourfold-listen' and datname = current_database()`.execute(
      database.db,
    );
    return rows.map((row) => row.pid).sort();
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    other = await open();
  });
  afterAll(async () => {
    await other.close();
    await database.close();
  });

  it('lets two handles hear each other', async () => {
    const here = recorder();
    const there = recorder();
    const unsubscribeHere = await database.listen('across', here.handler);
    const unsubscribeThere = await other.listen('across', there.handler);
    await database.notify('across', 'from-here');
    await other.notify('across', 'from-there');
    await until(() => here.received.length === 2 && there.received.length === 2);
    expect(here.received).toEqual(['from-here', 'from-there']);
    expect(there.received).toEqual(['from-here', 'from-there']);
    await unsubscribeHere();
    await unsubscribeThere();
  });

  it('uses one dedicated connection per handle, opened on the first listen', async () => {
    const fresh = await open();
    const before = await listenBackends();
    const first = await fresh.listen('one_connection_a', () => {});
    const second = await fresh.listen('one_connection_b', () => {});
    const after = await listenBackends();
    expect(after.filter((pid) => !before.includes(pid))).toHaveLength(1);
    await first();
    await second();
    await fresh.close();
  });

  it('re-subscribes after its connection is killed and hears later messages', async () => {
    const { received, handler } = recorder();
    const unsubscribe = await other.listen('survivor', handler);
    const reconnected = vi.fn();
    const stopWatching = other.onReconnect(reconnected);
    await database.notify('survivor', 'before');
    await until(() => received.length === 1);

    const [killed] = (await listenBackends()).filter(Boolean);
    expect(killed).toBeDefined();
    // Kill every listening backend of this database (this handle's and the other's).
    await sql`
      select pg_terminate_backend(pid) from pg_stat_activity
      where application_name = 'fourfold-listen' and datname = current_database()`.execute(
      database.db,
    );
    await until(() => reconnected.mock.calls.length === 1);
    expect(await listenBackends()).not.toContain(killed);

    await database.notify('survivor', 'after');
    await until(() => received.length === 2);
    expect(received).toEqual(['before', 'after']);
    stopWatching();
    await unsubscribe();
  });

  it('stops reconnecting once closed', async () => {
    const warnings: unknown[][] = [];
    const closing = await open({ ...silentLog, warn: (...args: unknown[]) => warnings.push(args) });
    const before = await listenBackends();
    await closing.listen('closing', () => {});
    const [own] = (await listenBackends()).filter((pid) => !before.includes(pid));
    expect(own).toBeDefined();
    const reconnected = vi.fn();
    closing.onReconnect(reconnected);
    await sql`select pg_terminate_backend(${own})`.execute(database.db);
    // The loss is noticed and a reconnect is pending when the handle closes.
    await until(() => warnings.length > 0);
    expect(warnings[0]).toEqual([
      { err: { type: 'error', code: '57P01' } },
      'listening connection lost; reconnecting',
    ]);
    await closing.close();
    // Four times the first backoff step: a reconnect would have happened by now.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(reconnected).not.toHaveBeenCalled();
    const now = await listenBackends();
    expect(now.filter((pid) => !before.includes(pid))).toEqual([]);
  });
});
