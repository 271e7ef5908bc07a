import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetingEventSchema } from '@fourfold/shared/meetings';
import { recordMeetingEventIn } from '../../../src/modules/meeting-events/meeting-events';
import { buildApp } from '../../../src/app';
import type { DatabaseHandle } from '../../../src/db/database';
import {
  closeTestApp,
  createTestApp,
  testConfig,
  testSecrets,
  type TestApp,
} from '../../helpers/test-app';
import { createTestDatabase } from '../../helpers/test-database';
import { createUser, signIn, type SignedIn } from '../../helpers/fixtures';
import { createCast, type Cast } from '../../helpers/situations';
import {
  createMeeting,
  listen,
  openStream,
  recordEvent,
  type StreamClient,
} from '../../helpers/event-stream';

describe('GET /api/meetings/:id/events', () => {
  let t: TestApp;
  let baseUrl: string;
  let cast: Cast;
  let meetingId: string;
  const open: StreamClient[] = [];

  const stream = async (
    who: SignedIn | null,
    headers: Record<string, string> = {},
    id = meetingId,
  ) => {
    const client = await openStream(baseUrl, id, { ...(who?.headers ?? {}), ...headers });
    open.push(client);
    return client;
  };

  beforeAll(async () => {
    t = await createTestApp();
    baseUrl = await listen(t.app);
    cast = await createCast(t.app, t.database.db);
    meetingId = (await createMeeting(t.database.db, cast.tableId, cast.users.coordinator.id)).id;
  });

  afterAll(async () => {
    for (const client of open) client.close();
    await closeTestApp(t);
  });

  it('opens with the stream headers, the security headers and a retry line', async () => {
    const client = await stream(cast.sessions.lead);
    expect(client.status).toBe(200);
    expect(client.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(client.headers.get('cache-control')).toBe('no-store');
    expect(client.headers.get('x-accel-buffering')).toBe('no');
    expect(client.headers.get('x-content-type-options')).toBe('nosniff');
    expect(client.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(client.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await recordEvent(t.database.db, meetingId, 'attendance.changed');
    await client.waitForEvents(1);
    expect(client.retry).toBe(2000);
    client.close();
  });

  it('delivers an event recorded in a committed transaction, with ids only, and never a rolled-back one', async () => {
    const client = await stream(cast.sessions.present);
    const rolledBack = t.database.db.transaction().execute(async (trx) => {
      await recordMeetingEventIn(trx, { meetingId, kind: 'decision.recorded' });
      throw new Error('roll back');
    });
    await expect(rolledBack).rejects.toThrow('roll back');
    const seq = await recordEvent(t.database.db, meetingId, 'current_item.changed');
    const [event] = await client.waitForEvents(1);
    expect(event!.id).toBe(seq);
    const data = JSON.parse(event!.data) as Record<string, unknown>;
    expect(Object.keys(data).sort()).toEqual(
      ['agendaItemId', 'at', 'kind', 'meetingId', 'seq', 'situationId'].sort(),
    );
    expect(meetingEventSchema.parse(data)).toMatchObject({
      seq,
      meetingId,
      kind: 'current_item.changed',
      situationId: null,
      agendaItemId: null,
    });
    // Time for the rolled-back one to have arrived, had it been sent.
    await recordEvent(t.database.db, meetingId, 'agenda.changed');
    const events = await client.waitForEvents(2);
    expect(events.map((e) => JSON.parse(e.data).kind)).toEqual([
      'current_item.changed',
      'agenda.changed',
    ]);
    client.close();
  });

  it("sends only the stream's own meeting", async () => {
    const other = (
      await createMeeting(t.database.db, cast.tableId, cast.users.coordinator.id, 'scheduled')
    ).id;
    const client = await stream(cast.sessions.lead);
    await recordEvent(t.database.db, other, 'meeting.updated');
    const seq = await recordEvent(t.database.db, meetingId, 'meeting.updated');
    const events = await client.waitForEvents(1);
    await recordEvent(t.database.db, meetingId, 'meeting.updated');
    await client.waitForEvents(2);
    expect(events[0]!.id).toBe(seq);
    expect(client.meetingEvents().every((e) => JSON.parse(e.data).meetingId === meetingId)).toBe(
      true,
    );
    client.close();
  });

  it('replays what was missed after Last-Event-ID, in order, then follows', async () => {
    const first = await recordEvent(t.database.db, meetingId, 'attendance.changed');
    const second = await recordEvent(t.database.db, meetingId, 'decision.recorded');
    const third = await recordEvent(t.database.db, meetingId, 'agenda.changed');
    const client = await stream(cast.sessions.lead, { 'last-event-id': first });
    const replayed = await client.waitForEvents(2);
    expect(replayed.map((e) => e.id)).toEqual([second, third]);
    const fourth = await recordEvent(t.database.db, meetingId, 'meeting.updated');
    const all = await client.waitForEvents(3);
    expect(all.map((e) => e.id)).toEqual([second, third, fourth]);
    client.close();
  });

  it('starts from the latest event without Last-Event-ID', async () => {
    await recordEvent(t.database.db, meetingId, 'attendance.changed');
    const client = await stream(cast.sessions.lead);
    const seq = await recordEvent(t.database.db, meetingId, 'agenda.changed');
    const events = await client.waitForEvents(1);
    expect(events.map((e) => e.id)).toEqual([seq]);
    client.close();
  });

  it.each([
    ['letters', 'abc'],
    ['a negative number', '-1'],
    ['twenty digits', '12345678901234567890'],
    ['more than a bigint', '9223372036854775808'],
    ['a decimal', '1.5'],
  ])('refuses a Last-Event-ID of %s with 400 before streaming', async (_, value) => {
    const client = await stream(cast.sessions.lead, { 'last-event-id': value });
    expect(client.status).toBe(400);
    expect(client.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(client.problem).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    // The value is not echoed (the request id is left out: a random UUID can contain "-1").
    const { requestId: _id, ...problem } = client.problem as Record<string, unknown>;
    expect(JSON.stringify(problem)).not.toContain(value);
  });

  it('answers 401 without a token', async () => {
    const client = await stream(null);
    expect(client.status).toBe(401);
    expect(client.problem).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it("answers 404 to a person outside the meeting's table, as for a meeting that does not exist, and audits the denial", async () => {
    const hidden = await stream(cast.sessions.outsider);
    const missing = await stream(cast.sessions.outsider, {}, crypto.randomUUID());
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    const { requestId: _a, ...hiddenBody } = hidden.problem as Record<string, unknown>;
    const { requestId: _b, ...missingBody } = missing.problem as Record<string, unknown>;
    expect(hiddenBody).toEqual(missingBody);
    const denied = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'outcome', 'table_id'])
      .where('request_id', '=', hidden.headers.get('x-request-id')!)
      .execute();
    expect(denied).toEqual([{ action: 'meeting.view', outcome: 'denied', table_id: cast.tableId }]);
  });

  it('answers 403 to a member of the table whose role there has no meeting.view (an analyst who is an agency rep elsewhere)', async () => {
    const user = await createUser(t.database.db, {
      agencyId: cast.agencies.chair,
      memberships: [
        { tableId: cast.tableId, role: 'analyst' },
        { tableId: cast.otherTableId, role: 'agency_rep' },
      ],
    });
    const client = await stream(await signIn(t.app, user.email));
    expect(client.status).toBe(403);
    expect(client.problem).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('answers 404 to a person without meeting.view on any table (an analyst)', async () => {
    const client = await stream(cast.sessions.analyst);
    expect(client.status).toBe(404);
  });

  it('answers 400 to a malformed meeting id', async () => {
    const client = await stream(cast.sessions.lead, {}, 'not-a-meeting');
    expect(client.status).toBe(400);
  });

  it('ends with session_ended when the person signs out, before sending anything more', async () => {
    const user = await createUser(t.database.db, {
      agencyId: cast.agencies.lead,
      memberships: [{ tableId: cast.tableId, role: 'agency_rep' }],
    });
    const session = await signIn(t.app, user.email);
    const client = await stream(session);
    await recordEvent(t.database.db, meetingId, 'attendance.changed');
    await client.waitForEvents(1);
    const logout = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: session.headers,
    });
    expect(logout.statusCode).toBe(204);
    await recordEvent(t.database.db, meetingId, 'decision.recorded');
    await client.closed;
    expect(client.messages.at(-1)).toMatchObject({
      event: 'end',
      data: '{"reason":"session_ended"}',
    });
    expect(client.meetingEvents()).toHaveLength(1);
  });

  it('ends with access_changed when the membership is removed', async () => {
    const user = await createUser(t.database.db, {
      agencyId: cast.agencies.assisting,
      memberships: [{ tableId: cast.tableId, role: 'agency_rep' }],
    });
    const admin = await createUser(t.database.db, { isAdministrator: true });
    const adminSession = await signIn(t.app, admin.email);
    const session = await signIn(t.app, user.email);
    const client = await stream(session);
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/admin/tables/${cast.tableId}/members/${user.id}`,
      headers: adminSession.headers,
    });
    expect(removed.statusCode).toBe(204);
    await recordEvent(t.database.db, meetingId, 'decision.recorded');
    await client.closed;
    expect(client.messages.at(-1)).toMatchObject({
      event: 'end',
      data: '{"reason":"access_changed"}',
    });
    expect(client.meetingEvents()).toHaveLength(0);
  });

  it('ends with session_ended when the access token expires', async () => {
    const claims = t.app.jwt.decode<{ sub: string; sid: string; epoch: number; mfa: boolean }>(
      cast.sessions.present.accessToken,
    )!;
    const shortLived = t.app.jwt.sign(
      { sub: claims.sub, sid: claims.sid, epoch: claims.epoch, mfa: claims.mfa },
      { expiresIn: 2 }, // seconds, in @fastify/jwt's signer
    );
    const client = await stream(null, { authorization: `Bearer ${shortLived}` });
    expect(client.status).toBe(200);
    await client.closed;
    expect(client.messages.at(-1)).toMatchObject({
      event: 'end',
      data: '{"reason":"session_ended"}',
    });
  });

  it('refuses a sixth stream of the same person with 429, and counts a closed one out', async () => {
    const user = await createUser(t.database.db, {
      agencyId: cast.agencies.present,
      memberships: [{ tableId: cast.tableId, role: 'agency_rep' }],
    });
    const session = await signIn(t.app, user.email);
    const five = [];
    for (let i = 0; i < 5; i += 1) five.push(await stream(session));
    expect(five.map((c) => c.status)).toEqual([200, 200, 200, 200, 200]);
    const sixth = await stream(session);
    expect(sixth.status).toBe(429);
    expect(sixth.problem).toMatchObject({ code: 'RATE_LIMITED' });
    five[0]!.close();
    await five[0]!.closed;
    await expect
      .poll(async () => {
        const again = await stream(session);
        again.close();
        return again.status;
      })
      .toBe(200);
    for (const client of five) client.close();
  });

  it('catches up an event committed after one with a higher sequence number', async () => {
    const client = await stream(cast.sessions.lead);
    if (t.database.kind === 'embedded') {
      // One connection: transactions cannot overlap, so there is nothing to reorder.
      return;
    }
    let releaseSlow!: () => void;
    const slowMayCommit = new Promise<void>((resolve) => (releaseSlow = resolve));
    let slowSeq = '';
    const slow = t.database.db.transaction().execute(async (trx) => {
      slowSeq = await recordMeetingEventIn(trx, { meetingId, kind: 'attendance.changed' });
      await slowMayCommit;
    });
    await expect.poll(() => slowSeq).not.toBe('');
    const fast = await recordEvent(t.database.db, meetingId, 'agenda.changed');
    await client.waitForEvents(1);
    releaseSlow();
    await slow;
    const events = await client.waitForEvents(2);
    expect(events.map((e) => e.id)).toEqual([fast, slowSeq]);
    expect(BigInt(slowSeq)).toBeLessThan(BigInt(fast));
    client.close();
  });

  it('keeps the database untouched by the refused streams (no event rows)', async () => {
    const rows = await sql<{
      n: number;
    }>`select count(*)::int as n from meeting_event where meeting_id = ${meetingId} and kind = 'decision.recorded'`.execute(
      t.database.db,
    );
    expect(rows.rows[0]!.n).toBeGreaterThan(0);
  });
});

describe('GET /api/meetings/:id/events while the listening connection cannot be had', () => {
  it('answers 503 DATABASE_UNAVAILABLE before streaming, and holds no stream', async () => {
    const database = await createTestDatabase();
    const unreachable: DatabaseHandle = {
      ...database,
      listen: async () => {
        throw Object.assign(new Error('connect refused'), { code: 'ECONNREFUSED' });
      },
    };
    const app = await buildApp(testConfig(), { database: unreachable, secrets: testSecrets() });
    try {
      const cast = await createCast(app, database.db);
      const meeting = await createMeeting(database.db, cast.tableId, cast.users.coordinator.id);
      const res = await app.inject({
        method: 'GET',
        url: `/api/meetings/${meeting.id}/events`,
        headers: cast.sessions.lead.headers,
      });
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    } finally {
      await app.close();
      await database.close();
    }
  });
});
