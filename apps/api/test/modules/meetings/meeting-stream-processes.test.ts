/**
 * The live view across API processes: two apps on one PostgreSQL database, each listening on its
 * own port, as behind a load balancer. What one writes reaches the other's streams through
 * LISTEN/NOTIFY within a second. PostgreSQL only (PGlite is one process's database).
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app';
import { openDatabase, type DatabaseHandle } from '../../../src/db/database';
import { recordMeetingEventIn } from '../../../src/modules/meeting-events/meeting-events';
import {
  closeTestApp,
  createTestApp,
  testConfig,
  testSecrets,
  type TestApp,
} from '../../helpers/test-app';
import { silentLog, testDatabaseUrl } from '../../helpers/test-env';
import { createCast, type Cast } from '../../helpers/situations';
import { createMeeting, listen, openStream } from '../../helpers/event-stream';

describe.runIf(testDatabaseUrl())('the live view across two API processes (PostgreSQL)', () => {
  let a: TestApp;
  let b: { app: FastifyInstance; database: DatabaseHandle };
  let urlB: string;
  let cast: Cast;
  let meetingId: string;

  /** The private test database's address (createTestDatabase gives one on PostgreSQL). */
  const databaseUrl = () => (a.database as DatabaseHandle & { url?: string }).url!;

  beforeAll(async () => {
    a = await createTestApp();
    await listen(a.app);
    const database = await openDatabase(
      {
        kind: 'postgres',
        url: databaseUrl(),
        poolMax: 3,
        connectTimeoutMs: 5000,
        statementTimeoutMs: 15000,
      },
      silentLog,
    );
    const app = await buildApp(a.config, { database, secrets: testSecrets() });
    b = { app, database };
    urlB = await listen(app);
    cast = await createCast(a.app, a.database.db);
    meetingId = (await createMeeting(a.database.db, cast.tableId, cast.users.coordinator.id)).id;
  });

  afterAll(async () => {
    await b.app.close();
    await b.database.close();
    await closeTestApp(a);
  });

  it('delivers an event written through A to a stream on B within a second', async () => {
    const client = await openStream(urlB, meetingId, cast.sessions.lead.headers);
    expect(client.status).toBe(200);
    for (const kind of ['decision.recorded', 'attendance.changed'] as const) {
      const written = Date.now();
      const seq = await a.database.db
        .transaction()
        .execute((trx) => recordMeetingEventIn(trx, { meetingId, kind }));
      const events = await client.waitForEvents(kind === 'decision.recorded' ? 1 : 2, 1000);
      expect(Date.now() - written).toBeLessThan(1000);
      expect(events.at(-1)!.id).toBe(seq);
      expect(JSON.parse(events.at(-1)!.data).kind).toBe(kind);
    }
    client.close();
  });

  it("catches up on B what was written while B's listening connection was down", async () => {
    const client = await openStream(urlB, meetingId, cast.sessions.lead.headers);
    expect(client.status).toBe(200);
    let reconnected = 0;
    const stop = b.database.onReconnect(() => (reconnected += 1));
    // In one transaction of A: B's listening connection is cut (as by a failover), then the
    // event recorded; when it commits and NOTIFYs, nobody of B listens. (A follows no meeting.)
    const seq = await a.database.db.transaction().execute(async (trx) => {
      const cut = await sql<{ n: number }>`
        select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
        where application_name = 'fourfold-listen' and datname = current_database()`.execute(trx);
      expect(cut.rows[0]!.n).toBe(1);
      await sql`select pg_sleep(0.05)`.execute(trx);
      return recordMeetingEventIn(trx, { meetingId, kind: 'agenda.changed' });
    });
    const events = await client.waitForEvents(1, 5000);
    expect(events.map((e) => e.id)).toEqual([seq]);
    expect(reconnected).toBe(1);
    stop();
    client.close();
  });

  it('ends the streams of B when B closes, so that their clients reconnect elsewhere', async () => {
    const config = testConfig({ SMTP_URL: a.mail.url });
    const database = await openDatabase(
      {
        kind: 'postgres',
        url: databaseUrl(),
        poolMax: 2,
        connectTimeoutMs: 5000,
        statementTimeoutMs: 15000,
      },
      silentLog,
    );
    const c = await buildApp(config, { database, secrets: testSecrets() });
    const urlC = await listen(c);
    const client = await openStream(urlC, meetingId, cast.sessions.lead.headers);
    expect(client.status).toBe(200);
    await c.close();
    await database.close();
    await client.closed;
    // Closed without an end message: the client is to reconnect.
    expect(client.messages.filter((m) => m.event === 'end')).toEqual([]);
  });
});
