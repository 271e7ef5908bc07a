import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetingDetailSchema, meetingListSchema } from '@fourfold/shared/meetings';
import { problemSchema } from '@fourfold/shared/problem';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';
import {
  auditActions,
  createMeetingCast,
  inAnHour,
  meetingEtag,
  meetingEvents,
  meetingWrite,
  openMeeting,
  scheduleMeeting,
  type MeetingCast,
} from '../../helpers/meetings';
import { createUser, signIn, type SignedIn } from '../../helpers/fixtures';
import { leaksIn, SituationClient, situationAt } from '../../helpers/situations';

describe('meetings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => closeTestApp(t));

  async function setUp() {
    const cast = await createMeetingCast(t.app, t.database.db);
    return { cast, client: new SituationClient(t.app, t.database.db, cast) };
  }
  const problem = (body: string) => problemSchema.parse(JSON.parse(body));

  describe('scheduling', () => {
    let cast: MeetingCast;
    let client: SituationClient;
    beforeAll(async () => ({ cast, client } = await setUp()));

    it('schedules a one-off meeting, with its audit event and meeting event', async () => {
      const scheduledFor = inAnHour();
      const res = await client.call('coordinator', 'POST', `/api/tables/${cast.tableId}/meetings`, {
        payload: { kind: 'one_off', scheduledFor },
      });
      expect(res.statusCode).toBe(201);
      const list = meetingListSchema.parse(res.json());
      expect(list.items).toHaveLength(1);
      expect(list.items[0]).toMatchObject({
        tableId: cast.tableId,
        status: 'scheduled',
        version: 1,
        scheduledFor: new Date(scheduledFor).toISOString(),
        openedAt: null,
      });
      expect(await auditActions(t.database.db, res.headers['x-request-id'] as string)).toEqual([
        {
          action: 'meeting.schedule',
          outcome: 'allowed',
          table_id: cast.tableId,
          situation_id: null,
          data_category: 'de_identified',
        },
      ]);
      expect((await meetingEvents(t.database.db, list.items[0]!.id)).map((e) => e.kind)).toEqual([
        'meeting.updated',
      ]);
    });

    it('refuses a one-off meeting more than a day in the past or two years ahead (422)', async () => {
      for (const scheduledFor of [
        new Date(Date.now() - 25 * 3_600_000).toISOString(),
        new Date(Date.now() + 740 * 86_400_000).toISOString(),
      ]) {
        const res = await client.call(
          'coordinator',
          'POST',
          `/api/tables/${cast.tableId}/meetings`,
          {
            payload: { kind: 'one_off', scheduledFor },
          },
        );
        expect(res.statusCode).toBe(422);
        expect(problem(res.body).invalidParams?.map((p) => p.path)).toEqual(['scheduledFor']);
      }
      // A meeting held earlier today may still be entered.
      const earlier = await client.call(
        'coordinator',
        'POST',
        `/api/tables/${cast.tableId}/meetings`,
        {
          payload: {
            kind: 'one_off',
            scheduledFor: new Date(Date.now() - 3_600_000).toISOString(),
          },
        },
      );
      expect(earlier.statusCode).toBe(201);
    });

    it('refuses weekly meetings while the table has no meeting day (422 TABLE_HAS_NO_MEETING_DAY)', async () => {
      const res = await client.call('coordinator', 'POST', `/api/tables/${cast.tableId}/meetings`, {
        payload: { kind: 'weekly', count: 2 },
      });
      expect(res.statusCode).toBe(422);
      expect(problem(res.body).code).toBe('TABLE_HAS_NO_MEETING_DAY');
    });

    it('schedules the next weekly meetings at the local time, skipping days already taken', async () => {
      const { cast: weekly, client: c } = await setUp();
      await t.database.db
        .updateTable('situation_table')
        .set({ meeting_weekday: 3, meeting_time: '09:30', time_zone: 'America/Toronto' })
        .where('id', '=', weekly.tableId)
        .execute();
      const first = await c.call('coordinator', 'POST', `/api/tables/${weekly.tableId}/meetings`, {
        payload: { kind: 'weekly', count: 1 },
      });
      expect(first.statusCode).toBe(201);
      const firstAt = meetingListSchema.parse(first.json()).items[0]!.scheduledFor;
      const local = (at: string) =>
        new Intl.DateTimeFormat('en-CA', {
          timeZone: 'America/Toronto',
          weekday: 'short',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        })
          .format(new Date(at))
          .replace(',', '');
      expect(local(firstAt)).toBe('Wed 09:30');

      const more = await c.call('coordinator', 'POST', `/api/tables/${weekly.tableId}/meetings`, {
        payload: { kind: 'weekly', count: 3 },
      });
      expect(more.statusCode).toBe(201);
      const items = meetingListSchema.parse(more.json()).items;
      expect(items).toHaveLength(3);
      // The first Wednesday is taken: the three are the following ones, a week apart.
      expect(items.map((m) => m.scheduledFor)).not.toContain(firstAt);
      expect(items.every((m) => local(m.scheduledFor) === 'Wed 09:30')).toBe(true);
      const days = [firstAt, ...items.map((m) => m.scheduledFor)].map((at) =>
        Math.round(new Date(at).getTime() / 86_400_000),
      );
      expect(days.slice(1).map((day, i) => day - days[i]!)).toEqual([7, 7, 7]);
      const audit = await auditActions(t.database.db, more.headers['x-request-id'] as string);
      expect(audit.map((a) => a.action)).toEqual(Array(3).fill('meeting.schedule'));
    });

    it('lets only the coordinator schedule: 403 for an agency rep, 404 for other tables', async () => {
      const payload = { kind: 'one_off', scheduledFor: inAnHour() };
      const url = `/api/tables/${cast.tableId}/meetings`;
      const refused = await client.call(cast.chairElsewhere, 'POST', url, { payload });
      expect(refused.statusCode).toBe(403);
      expect(await auditActions(t.database.db, refused.headers['x-request-id'] as string)).toEqual([
        expect.objectContaining({
          action: 'meeting.run',
          outcome: 'denied',
          table_id: cast.tableId,
        }),
      ]);
      // Holding meeting.run on no table at all, the route answers as for a missing resource.
      expect((await client.call('uninvolved', 'POST', url, { payload })).statusCode).toBe(404);
      expect((await client.call(cast.privacyOfficer, 'POST', url, { payload })).statusCode).toBe(
        404,
      );
      expect((await client.call('outsider', 'POST', url, { payload })).statusCode).toBe(404);
      expect((await client.call(cast.administrator, 'POST', url, { payload })).statusCode).toBe(
        404,
      );
    });

    it('lists upcoming and past meetings with a validated cursor', async () => {
      const { cast: c2, client: c } = await setUp();
      const ids = [];
      for (const hours of [3, 1, 2]) {
        ids.push(
          await scheduleMeeting(c, c2, new Date(Date.now() + hours * 3_600_000).toISOString()),
        );
      }
      const url = `/api/tables/${c2.tableId}/meetings`;
      const page1 = meetingListSchema.parse((await c.get('uninvolved', `${url}?limit=2`)).json());
      expect(page1.items.map((m) => m.id)).toEqual([ids[1], ids[2]]);
      expect(page1.nextCursor).not.toBeNull();
      const page2 = meetingListSchema.parse(
        (await c.get('uninvolved', `${url}?limit=2&cursor=${page1.nextCursor}`)).json(),
      );
      expect(page2.items.map((m) => m.id)).toEqual([ids[0]]);
      expect(page2.nextCursor).toBeNull();
      // A cancelled meeting moves to the past.
      expect((await meetingWrite(c, t.database.db, 'POST', ids[0]!, '/cancel')).statusCode).toBe(
        200,
      );
      const past = meetingListSchema.parse((await c.get('coordinator', `${url}?when=past`)).json());
      expect(past.items.map((m) => [m.id, m.status])).toEqual([[ids[0], 'cancelled']]);

      for (const cursor of ['nope', Buffer.from('["x","y"]').toString('base64url')]) {
        const bad = await c.get('coordinator', `${url}?cursor=${cursor}`);
        expect(bad.statusCode).toBe(400);
        expect(problem(bad.body).invalidParams?.[0]?.path).toBe('cursor');
      }
      expect((await c.get('analyst', url)).statusCode).toBe(404);
      expect((await c.get('outsider', url)).statusCode).toBe(404);
    });

    it('reschedules and cancels a scheduled meeting with If-Match, and nothing else', async () => {
      const id = await scheduleMeeting(client, cast);
      const later = new Date(Date.now() + 5 * 3_600_000).toISOString();
      const url = `/api/meetings/${id}`;
      const noMatch = await client.call('coordinator', 'PATCH', url, {
        payload: { scheduledFor: later },
      });
      expect(noMatch.statusCode).toBe(428);
      const stale = await client.call('coordinator', 'PATCH', url, {
        payload: { scheduledFor: later },
        ifMatch: '"99"',
      });
      expect(stale.statusCode).toBe(412);
      expect(stale.headers.etag).toBe('"1"');
      const moved = await meetingWrite(client, t.database.db, 'PATCH', id, '', {
        scheduledFor: later,
      });
      expect(moved.statusCode).toBe(200);
      expect(moved.headers.etag).toBe('"2"');
      expect(meetingDetailSchema.parse(moved.json()).scheduledFor).toBe(
        new Date(later).toISOString(),
      );
      expect(
        (await auditActions(t.database.db, moved.headers['x-request-id'] as string))[0]?.action,
      ).toBe('meeting.update');
      const cancelled = await meetingWrite(client, t.database.db, 'POST', id, '/cancel');
      expect(meetingDetailSchema.parse(cancelled.json()).status).toBe('cancelled');
      const again = await meetingWrite(client, t.database.db, 'PATCH', id, '', {
        scheduledFor: later,
      });
      expect(again.statusCode).toBe(409);
      expect(problem(again.body).code).toBe('MEETING_NOT_SCHEDULED');
      expect((await meetingWrite(client, t.database.db, 'POST', id, '/open')).statusCode).toBe(409);
      expect((await meetingEvents(t.database.db, id)).map((e) => e.kind)).toEqual([
        'meeting.updated',
        'meeting.updated',
        'meeting.cancelled',
      ]);
    });
  });

  describe('the home page list', () => {
    it("lists the scheduled and open meetings of the person's tables, soonest first", async () => {
      const { cast, client } = await setUp();
      const soon = await scheduleMeeting(
        client,
        cast,
        new Date(Date.now() + 2 * 3_600_000).toISOString(),
      );
      const sooner = await scheduleMeeting(
        client,
        cast,
        new Date(Date.now() + 3_600_000).toISOString(),
      );
      const farAway = await scheduleMeeting(
        client,
        cast,
        new Date(Date.now() + 30 * 86_400_000).toISOString(),
      );
      const mine = meetingListSchema.parse(
        (await client.get('uninvolved', '/api/meetings')).json(),
      );
      const ids = mine.items.map((m) => m.id);
      expect(ids).toEqual([sooner, soon]);
      expect(ids).not.toContain(farAway);
      const wider = meetingListSchema.parse(
        (
          await client.get(
            'uninvolved',
            `/api/meetings?to=${encodeURIComponent(new Date(Date.now() + 40 * 86_400_000).toISOString())}`,
          )
        ).json(),
      );
      expect(wider.items.map((m) => m.id)).toContain(farAway);
      const outsider = meetingListSchema.parse(
        (await client.get('outsider', '/api/meetings')).json(),
      );
      expect(outsider.items.map((m) => m.id)).not.toContain(sooner);
      expect((await client.get('analyst', '/api/meetings')).statusCode).toBe(403);
    });

    it('refuses a window that ends before it starts or spans more than 92 days', async () => {
      const { client } = await setUp();
      // One instant for every bound: two calls to Date.now() a millisecond apart made the
      // 92-day window 92 days and 1 ms wide, and the test failed on a busy machine.
      const now = Date.now();
      const at = (days: number) =>
        encodeURIComponent(new Date(now + days * 86_400_000).toISOString());
      const reversed = await client.get('coordinator', `/api/meetings?from=${at(2)}&to=${at(1)}`);
      expect(reversed.statusCode).toBe(400);
      expect(problem(reversed.body).invalidParams?.[0]?.path).toBe('to');
      const wide = await client.get('coordinator', `/api/meetings?from=${at(0)}&to=${at(93)}`);
      expect(wide.statusCode).toBe(400);
      expect(
        (await client.get('coordinator', `/api/meetings?from=${at(0)}&to=${at(92)}`)).statusCode,
      ).toBe(200);
    });
  });

  describe('opening and the agenda', () => {
    let cast: MeetingCast;
    let client: SituationClient;
    let meetingId: string;
    let order: Record<string, string>;
    beforeAll(async () => {
      ({ cast, client } = await setUp());
      // Created (and so decided or presented) in this order.
      const f3a = await situationAt(client, cast, 'filter3');
      const f4 = await situationAt(client, cast, 'filter4');
      const ready = await situationAt(client, cast, 'filter4');
      const contact = await client.write('lead', 'POST', ready, '/contact', {
        at: new Date().toISOString(),
        outcome: 'engaged',
      });
      expect(contact.statusCode).toBe(200);
      const f3b = await situationAt(client, cast, 'filter3');
      const f2a = await situationAt(client, cast, 'filter2');
      const f2b = await situationAt(client, cast, 'filter2');
      // Never on an agenda: a draft, a rejected and a closed situation.
      await situationAt(client, cast, 'draft');
      await situationAt(client, cast, 'rejected');
      await situationAt(client, cast, 'closed');
      order = { f3a, f4, ready, f3b, f2a, f2b };
      meetingId = await scheduleMeeting(client, cast);
    });

    it('needs If-Match to open (428 / 412)', async () => {
      const url = `/api/meetings/${meetingId}/open`;
      expect((await client.call('coordinator', 'POST', url)).statusCode).toBe(428);
      expect((await client.call('coordinator', 'POST', url, { ifMatch: '"7"' })).statusCode).toBe(
        412,
      );
      const row = await t.database.db
        .selectFrom('meeting')
        .select('status')
        .where('id', '=', meetingId)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('scheduled');
    });

    it('builds the agenda when it opens: report-backs by decision, new by presentation, ready to close', async () => {
      const res = await meetingWrite(client, t.database.db, 'POST', meetingId, '/open');
      expect(res.statusCode).toBe(200);
      const meeting = meetingDetailSchema.parse(res.json());
      expect(meeting.status).toBe('open');
      expect(meeting.openedBy?.id).toBe(cast.users.coordinator.id);
      expect(res.headers.etag).toBe(`"${meeting.version}"`);
      expect(meeting.agenda.map((i) => [i.situationId, i.section, i.position])).toEqual([
        [order.f3a, 'report_back', 0],
        [order.f4, 'report_back', 1],
        [order.f3b, 'report_back', 2],
        [order.f2a, 'new', 3],
        [order.f2b, 'new', 4],
        [order.ready, 'ready_to_close', 5],
      ]);
      const first = meeting.agenda[0]!;
      expect(first.restricted).toBe(false);
      if (!first.restricted) {
        expect(first.stageAtOpening).toBe('filter3');
        expect(first.situation.id).toBe(order.f3a);
        expect(first.decisions).toEqual([]);
      }
      const audit = await auditActions(t.database.db, res.headers['x-request-id'] as string);
      expect(audit.map((a) => a.action)).toEqual(['meeting.open']);
      expect((await meetingEvents(t.database.db, meetingId)).map((e) => e.kind)).toContain(
        'meeting.opened',
      );
    });

    it('allows one open meeting per table (409 MEETING_ALREADY_OPEN)', async () => {
      const second = await scheduleMeeting(client, cast);
      const res = await meetingWrite(client, t.database.db, 'POST', second, '/open');
      expect(res.statusCode).toBe(409);
      expect(problem(res.body).code).toBe('MEETING_ALREADY_OPEN');
      const items = await t.database.db
        .selectFrom('meeting_agenda_item')
        .select('id')
        .where('meeting_id', '=', second)
        .execute();
      expect(items).toEqual([]);
    });

    it('shows each role the agenda the access policy allows', async () => {
      const url = `/api/meetings/${meetingId}`;
      for (const who of ['coordinator', 'uninvolved', 'originating'] as const) {
        const res = await client.get(who, url);
        expect(res.statusCode).toBe(200);
        const meeting = meetingDetailSchema.parse(res.json());
        expect(meeting.agenda.every((item) => !item.restricted)).toBe(true);
      }
      const po = await client.get(cast.privacyOfficer, url);
      expect(po.statusCode).toBe(200);
      const raw = po.json() as { agenda: Array<Record<string, unknown>> };
      expect(raw.agenda).toHaveLength(6);
      for (const item of raw.agenda) {
        expect(Object.keys(item).sort()).toEqual(
          ['id', 'position', 'reference', 'restricted', 'section', 'situationId', 'stage'].sort(),
        );
        expect(item.restricted).toBe(true);
      }
      for (const who of ['analyst', 'outsider'] as const) {
        expect((await client.get(who, url)).statusCode).toBe(404);
      }
      expect((await client.get(cast.administrator, url)).statusCode).toBe(404);
      expect(leaksIn(client.responses)).toEqual([]);
    });

    it('asks a member who has not accepted the agreement to accept it (403), before anything else', async () => {
      const newcomer = await createUser(t.database.db, {
        agencyId: cast.agencies.uninvolved,
        memberships: [{ tableId: cast.tableId, role: 'agency_rep', acceptAgreement: false }],
      });
      const session = await signIn(t.app, newcomer.email);
      const res = await client.get(session, `/api/meetings/${meetingId}`);
      expect(res.statusCode).toBe(403);
      expect(problem(res.body).code).toBe('AGREEMENT_REQUIRED');
      const list = await client.get(session, `/api/tables/${cast.tableId}/meetings`);
      expect(list.statusCode).toBe(403);
      const home = meetingListSchema.parse((await client.get(session, '/api/meetings')).json());
      expect(home.items).toEqual([]);
    });

    it('reorders with exactly the current items, and refuses any other set (422)', async () => {
      const current = meetingDetailSchema.parse(
        (await client.get('coordinator', `/api/meetings/${meetingId}`)).json(),
      );
      const ids = current.agenda.map((i) => i.id);
      const wrongSets = [
        ids.slice(1),
        [...ids.slice(1), crypto.randomUUID()],
        [...ids, crypto.randomUUID()],
      ];
      for (const itemIds of wrongSets) {
        const res = await meetingWrite(client, t.database.db, 'PUT', meetingId, '/agenda', {
          itemIds,
        });
        expect(res.statusCode).toBe(422);
        expect(problem(res.body).invalidParams?.[0]?.path).toBe('itemIds');
      }
      const repeated = await meetingWrite(client, t.database.db, 'PUT', meetingId, '/agenda', {
        itemIds: [ids[0], ...ids.slice(0, -1)],
      });
      expect(repeated.statusCode).toBe(400);
      const stale = await client.call('coordinator', 'PUT', `/api/meetings/${meetingId}/agenda`, {
        payload: { itemIds: [...ids].reverse() },
        ifMatch: `"${current.version - 1}"`,
      });
      expect(stale.statusCode).toBe(412);

      const reversed = [...ids].reverse();
      const res = await meetingWrite(client, t.database.db, 'PUT', meetingId, '/agenda', {
        itemIds: reversed,
      });
      expect(res.statusCode).toBe(200);
      const meeting = meetingDetailSchema.parse(res.json());
      expect(meeting.agenda.map((i) => i.id)).toEqual(reversed);
      expect(meeting.agenda.map((i) => i.position)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(meeting.version).toBe(current.version + 1);
      expect(
        (await auditActions(t.database.db, res.headers['x-request-id'] as string))[0]?.action,
      ).toBe('meeting.agenda.reorder');
      // Back to the built order for the tests that follow.
      await meetingWrite(client, t.database.db, 'PUT', meetingId, '/agenda', { itemIds: ids });
    });

    it('appends a situation presented after the opening at the end of its section', async () => {
      const late = await situationAt(client, cast, 'filter2');
      const res = await client.call(
        'coordinator',
        'POST',
        `/api/meetings/${meetingId}/agenda/refresh`,
      );
      expect(res.statusCode).toBe(200);
      const meeting = meetingDetailSchema.parse(res.json());
      expect(meeting.agenda.map((i) => i.situationId)).toEqual([
        order.f3a,
        order.f4,
        order.f3b,
        order.f2a,
        order.f2b,
        late,
        order.ready,
      ]);
      expect(meeting.agenda.map((i) => i.position)).toEqual([0, 1, 2, 3, 4, 5, 6]);
      expect(
        (await auditActions(t.database.db, res.headers['x-request-id'] as string))[0]?.action,
      ).toBe('meeting.agenda.refresh');
      // Nothing new: the agenda stays as it is.
      const again = meetingDetailSchema.parse(
        (
          await client.call('coordinator', 'POST', `/api/meetings/${meetingId}/agenda/refresh`)
        ).json(),
      );
      expect(again.agenda.map((i) => i.situationId)).toEqual(
        meeting.agenda.map((i) => i.situationId),
      );
    });

    it('sets the current item (only one of its own) and reports a situation changed elsewhere', async () => {
      const meeting = meetingDetailSchema.parse(
        (await client.get('coordinator', `/api/meetings/${meetingId}`)).json(),
      );
      const item = meeting.agenda[3]!;
      const url = `/api/meetings/${meetingId}/current-item`;
      const wrong = await client.call('coordinator', 'PUT', url, {
        payload: { itemId: crypto.randomUUID() },
      });
      expect(wrong.statusCode).toBe(422);
      expect(
        (await client.call(cast.chairElsewhere, 'PUT', url, { payload: { itemId: item.id } }))
          .statusCode,
      ).toBe(403);
      const res = await client.call('coordinator', 'PUT', url, { payload: { itemId: item.id } });
      expect(res.statusCode).toBe(200);
      expect(meetingDetailSchema.parse(res.json()).currentItemId).toBe(item.id);
      const events = await meetingEvents(t.database.db, meetingId);
      expect(events.at(-1)).toEqual({
        kind: 'current_item.changed',
        situation_id: null,
        agenda_item_id: item.id,
      });

      // A step taken on the situation's own page reaches the open meeting.
      const step = await client.write('uninvolved', 'POST', order.f3a!, '/involvement', {
        involved: false,
      });
      expect(step.statusCode).toBe(403); // not present at the decision
      const involvement = await client.write('present', 'POST', order.f3a!, '/involvement', {
        involved: true,
      });
      expect(involvement.statusCode).toBe(200);
      const after = await meetingEvents(t.database.db, meetingId);
      expect(after.at(-1)).toMatchObject({ kind: 'situation.changed', situation_id: order.f3a });
      expect(after.length).toBe(events.length + 1);
    });

    it('closes the meeting, clearing the current item; an ended meeting refuses changes', async () => {
      const res = await meetingWrite(client, t.database.db, 'POST', meetingId, '/close');
      expect(res.statusCode).toBe(200);
      const meeting = meetingDetailSchema.parse(res.json());
      expect(meeting).toMatchObject({ status: 'closed', currentItemId: null });
      expect(meeting.closedBy?.id).toBe(cast.users.coordinator.id);
      const reorder = await meetingWrite(client, t.database.db, 'PUT', meetingId, '/agenda', {
        itemIds: meeting.agenda.map((i) => i.id),
      });
      expect(reorder.statusCode).toBe(409);
      expect(problem(reorder.body).code).toBe('MEETING_NOT_OPEN');
      const attendance = await client.call(
        'coordinator',
        'PUT',
        `/api/meetings/${meetingId}/attendance`,
        {
          payload: { entries: [{ agencyId: cast.agencies.chair, status: 'present' }] },
        },
      );
      expect(attendance.statusCode).toBe(409);
      expect(problem(attendance.body).code).toBe('MEETING_ENDED');
      // Another meeting of the table may open now.
      const next = await scheduleMeeting(client, cast);
      expect((await openMeeting(client, t.database.db, next)).status).toBe('open');
      expect(await meetingEtag(t.database.db, next)).toBe('"2"');
    });
  });

  describe('attendance', () => {
    let cast: MeetingCast;
    let client: SituationClient;
    let meetingId: string;
    beforeAll(async () => {
      ({ cast, client } = await setUp());
      meetingId = await scheduleMeeting(client, cast);
    });
    const put = (payload: unknown, who: 'coordinator' | SignedIn = 'coordinator') =>
      client.call(who, 'PUT', `/api/meetings/${meetingId}/attendance`, { payload });

    it('lists every member agency with no status before anything is recorded', async () => {
      const meeting = meetingDetailSchema.parse(
        (await client.get('coordinator', `/api/meetings/${meetingId}`)).json(),
      );
      expect(meeting.attendance).toHaveLength(6);
      expect(meeting.attendance.every((a) => a.status === null && a.representative === null)).toBe(
        true,
      );
      const lead = meeting.attendance.find((a) => a.agency.id === cast.agencies.lead)!;
      expect(lead.candidates.map((c) => c.id)).toEqual([cast.users.lead.id]);
      const chair = meeting.attendance.find((a) => a.agency.id === cast.agencies.chair)!;
      // The analyst of the chair's agency cannot represent it; the coordinator can.
      expect(chair.candidates.map((c) => c.id)).toEqual([cast.users.coordinator.id]);
      expect(meeting.agenda).toEqual([]);
    });

    it('refuses agencies that are not members, repeats, and representatives that do not fit (422)', async () => {
      const cases: Array<[unknown, string[]]> = [
        [
          { entries: [{ agencyId: crypto.randomUUID(), status: 'present' }] },
          ['entries.0.agencyId'],
        ],
        [
          {
            entries: [
              { agencyId: cast.agencies.lead, status: 'present' },
              { agencyId: cast.agencies.lead, status: 'absent' },
            ],
          },
          ['entries.1.agencyId'],
        ],
        [
          {
            entries: [
              {
                agencyId: cast.agencies.lead,
                status: 'apologies',
                representativeUserId: cast.users.lead.id,
              },
            ],
          },
          ['entries.0.representativeUserId'],
        ],
        [
          {
            entries: [
              {
                agencyId: cast.agencies.lead,
                status: 'present',
                representativeUserId: cast.users.assisting.id,
              },
            ],
          },
          ['entries.0.representativeUserId'],
        ],
        [
          {
            entries: [
              {
                agencyId: cast.agencies.chair,
                status: 'present',
                representativeUserId: cast.users.analyst.id,
              },
            ],
          },
          ['entries.0.representativeUserId'],
        ],
      ];
      for (const [payload, paths] of cases) {
        const res = await put(payload);
        expect(res.statusCode, JSON.stringify(payload)).toBe(422);
        expect(problem(res.body).invalidParams?.map((p) => p.path)).toEqual(paths);
      }
      const rows = await t.database.db
        .selectFrom('meeting_attendance')
        .select('agency_id')
        .where('meeting_id', '=', meetingId)
        .execute();
      expect(rows).toEqual([]);
      const refused = await put(
        { entries: [{ agencyId: cast.agencies.lead, status: 'present' }] },
        cast.chairElsewhere,
      );
      expect(refused.statusCode).toBe(403);
    });

    it('records the whole attendance at once, with its audit event and meeting event', async () => {
      const res = await put({
        entries: [
          {
            agencyId: cast.agencies.lead,
            status: 'present',
            representativeUserId: cast.users.lead.id,
          },
          { agencyId: cast.agencies.chair, status: 'present' },
          { agencyId: cast.agencies.present, status: 'apologies' },
        ],
      });
      expect(res.statusCode).toBe(200);
      const meeting = meetingDetailSchema.parse(res.json());
      const byAgency = new Map(meeting.attendance.map((a) => [a.agency.id, a]));
      expect(byAgency.get(cast.agencies.lead)).toMatchObject({
        status: 'present',
        representative: { id: cast.users.lead.id },
      });
      expect(byAgency.get(cast.agencies.present)?.status).toBe('apologies');
      expect(byAgency.get(cast.agencies.uninvolved)?.status).toBeNull();
      expect(await auditActions(t.database.db, res.headers['x-request-id'] as string)).toEqual([
        expect.objectContaining({ action: 'meeting.attendance.record', table_id: cast.tableId }),
      ]);
      expect((await meetingEvents(t.database.db, meetingId)).at(-1)?.kind).toBe(
        'attendance.changed',
      );

      // A second call replaces the first.
      const replaced = meetingDetailSchema.parse(
        (await put({ entries: [{ agencyId: cast.agencies.chair, status: 'absent' }] })).json(),
      );
      expect(replaced.attendance.filter((a) => a.status !== null).map((a) => a.agency.id)).toEqual([
        cast.agencies.chair,
      ]);
    });
  });
});
