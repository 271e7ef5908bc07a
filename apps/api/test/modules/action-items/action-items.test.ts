/**
 * Action items on situations at filter 4: the first-contact clock the assignment starts, who may
 * plan and change items, the checks on owner, due time and description, the owning agency's list,
 * and the audit and meeting events each write leaves in its own transaction.
 */
import { actionItemListSchema, actionItemSchema } from '@fourfold/shared/action-items';
import { problemSchema } from '@fourfold/shared/problem';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpiredIdentities } from '../../../src/modules/situations/retention.service';
import { auditRowsOf } from '../../helpers/admin-fixtures';
import { createUser, signIn } from '../../helpers/fixtures';
import {
  PERSON,
  SituationClient,
  createCast,
  leaksIn,
  situationAt,
  type Cast,
  type Who,
} from '../../helpers/situations';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';
import { openMeetingWith } from './meeting-fixtures';

const HOUR = 3_600_000;
const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();
const TASK = 'Housing worker to arrange a shelter bed and call back the table.';

describe('action items', () => {
  let t: TestApp;
  let cast: Cast;
  let client: SituationClient;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.app, t.database.db);
    client = new SituationClient(t.app, t.database.db, cast);
  });
  afterAll(async () => closeTestApp(t));

  const db = () => t.database.db;
  const itemsUrl = (id: string) => `/api/situations/${id}/action-items`;
  const addItem = (who: Who, situationId: string, payload: Record<string, unknown> = {}) =>
    client.call(who, 'POST', itemsUrl(situationId), {
      payload: {
        ownerAgencyId: cast.agencies.assisting,
        description: TASK,
        dueAt: inHours(24),
        ...payload,
      },
    });
  const patchItem = (who: Who, id: string, payload: unknown, ifMatch: string | null) =>
    client.call(who, 'PATCH', `/api/action-items/${id}`, { payload, ifMatch });
  const itemRows = (situationId: string) =>
    db().selectFrom('action_item').selectAll().where('situation_id', '=', situationId).execute();

  it('starts the first-contact clock at assignment with the table’s hours, and stops it at first contact', async () => {
    await db()
      .updateTable('situation_table')
      .set({ first_contact_hours: 24 })
      .where('id', '=', cast.tableId)
      .execute();
    try {
      const id = await situationAt(client, cast, 'filter4');
      const [row] = await itemRows(id);
      const situation = await db()
        .selectFrom('situation')
        .select('assigned_at')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        kind: 'first_contact',
        owner_agency_id: cast.agencies.lead,
        description: null,
        status: 'open',
      });
      expect(new Date(row!.due_at).getTime() - new Date(situation.assigned_at!).getTime()).toBe(
        24 * HOUR,
      );

      const list = actionItemListSchema.parse(
        (await client.get('uninvolved', itemsUrl(id))).json(),
      );
      expect(list.items).toHaveLength(1);
      expect(list.items[0]).toMatchObject({ kind: 'first_contact', overdue: false });

      const contact = await client.write('lead', 'POST', id, '/contact', {
        at: new Date().toISOString(),
        outcome: 'engaged',
      });
      expect(contact.statusCode).toBe(200);
      const [done] = await itemRows(id);
      expect(done).toMatchObject({ status: 'done', status_changed_by: cast.users.lead.id });
    } finally {
      await db()
        .updateTable('situation_table')
        .set({ first_contact_hours: 48 })
        .where('id', '=', cast.tableId)
        .execute();
    }
  });

  it('lets the coordinator, the lead and the assisting agency add items, with audit and meeting events in the same write', async () => {
    const id = await situationAt(client, cast, 'filter4');
    const meeting = await openMeetingWith(db(), cast, id);
    for (const who of ['coordinator', 'lead', 'assisting'] as const) {
      const res = await addItem(who, id, { meetingId: meeting.meetingId });
      expect(res.statusCode, who).toBe(201);
      const item = actionItemSchema.parse(res.json());
      expect(item).toMatchObject({
        kind: 'task',
        status: 'open',
        description: TASK,
        ownerAgency: { id: cast.agencies.assisting },
        createdInMeetingId: meeting.meetingId,
        overdue: false,
      });
      expect(res.headers.etag).toBe('"1"');
      const audit = await auditRowsOf(db(), res);
      expect(audit).toMatchObject([
        {
          action: 'situation.action_item.create',
          data_category: 'de_identified',
          situation_id: id,
          table_id: cast.tableId,
          user_id: cast.users[who].id,
        },
      ]);
    }
    const events = await db()
      .selectFrom('meeting_event')
      .select(['kind', 'situation_id', 'agenda_item_id'])
      .where('meeting_id', '=', meeting.meetingId)
      .execute();
    expect(events).toEqual(
      Array.from({ length: 3 }, () => ({
        kind: 'action_item.changed',
        situation_id: id,
        agenda_item_id: meeting.agendaItemId,
      })),
    );
  });

  it('refuses other agencies (403), and hides the situation from analysts and other tables (404), writing nothing', async () => {
    const id = await situationAt(client, cast, 'filter4');
    const before = await itemRows(id);
    for (const [who, status] of [
      ['originating', 403],
      ['present', 403],
      ['uninvolved', 403],
      ['analyst', 404],
      ['outsider', 404],
    ] as const) {
      const res = await addItem(who, id);
      expect(res.statusCode, who).toBe(status);
      problemSchema.parse(res.json());
      expect((await auditRowsOf(db(), res)).map((row) => row.outcome)).toEqual(['denied']);
    }
    expect(await itemRows(id)).toEqual(before);
    expect((await client.get('analyst', itemsUrl(id))).statusCode).toBe(404);
    expect((await client.get('outsider', itemsUrl(id))).statusCode).toBe(404);
  });

  it('plans only at filter 4 (409 before and after)', async () => {
    const filter3 = await situationAt(client, cast, 'filter3');
    expect((await addItem('coordinator', filter3)).statusCode).toBe(409);
    const closed = await situationAt(client, cast, 'closed');
    expect((await addItem('coordinator', closed)).statusCode).toBe(409);
  });

  it('refuses an owner outside the lead and assisting agencies, and a due time in the past or beyond a year (422)', async () => {
    const id = await situationAt(client, cast, 'filter4');
    for (const [payload, path] of [
      [{ ownerAgencyId: cast.agencies.originating }, 'ownerAgencyId'],
      [{ ownerAgencyId: cast.agencies.uninvolved }, 'ownerAgencyId'],
      [{ dueAt: inHours(-2) }, 'dueAt'],
      [{ dueAt: inHours(24 * 400) }, 'dueAt'],
    ] as const) {
      const res = await addItem('lead', id, payload);
      expect(res.statusCode).toBe(422);
      expect(problemSchema.parse(res.json()).invalidParams?.map((p) => p.path)).toEqual([path]);
    }
    expect((await itemRows(id)).filter((row) => row.kind === 'task')).toEqual([]);
  });

  it('refuses a description that names the person or gives a phone number, telling kinds and offsets but never the value', async () => {
    const id = await situationAt(client, cast, 'filter4');
    for (const [description, kind] of [
      [`Check in with ${PERSON.givenName} at the shelter.`, 'name'],
      ['Call the mother back on 613-555-0199 tomorrow.', 'phone'],
    ] as const) {
      const res = await addItem('lead', id, { description });
      expect(res.statusCode).toBe(422);
      const problem = problemSchema.parse(res.json());
      expect(problem.code).toBe('PERSONAL_DATA_IN_TEXT');
      expect(problem.personalData?.map((f) => [f.field, f.kind])).toContainEqual([
        'description',
        kind,
      ]);
      expect(res.body).not.toContain(PERSON.givenName);
      expect(res.body).not.toContain('613-555-0199');
      expect(await auditRowsOf(db(), res)).toEqual([]);
    }
    expect((await itemRows(id)).filter((row) => row.kind === 'task')).toEqual([]);
    expect(leaksIn(client.responses)).toEqual([]);
  });

  it('refuses a meeting that is not open or does not have the situation on its agenda (422)', async () => {
    const id = await situationAt(client, cast, 'filter4');
    const other = await situationAt(client, cast, 'filter4');
    const meeting = await openMeetingWith(db(), cast, other);
    const res = await addItem('lead', id, { meetingId: meeting.meetingId });
    expect(res.statusCode).toBe(422);
    expect(problemSchema.parse(res.json()).invalidParams?.[0]?.path).toBe('meetingId');
  });

  it('changes an item with its ETag: done, reopened, cancelled for good; 428 without, 412 when stale', async () => {
    const id = await situationAt(client, cast, 'filter4');
    const item = actionItemSchema.parse((await addItem('lead', id)).json());
    expect((await patchItem('assisting', item.id, { status: 'done' }, null)).statusCode).toBe(428);
    expect((await patchItem('assisting', item.id, { status: 'done' }, '"7"')).statusCode).toBe(412);
    expect((await patchItem('uninvolved', item.id, { status: 'done' }, '"1"')).statusCode).toBe(
      403,
    );
    expect((await patchItem('analyst', item.id, { status: 'done' }, '"1"')).statusCode).toBe(404);

    const done = await patchItem('assisting', item.id, { status: 'done' }, '"1"');
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', version: 2 });
    expect(done.headers.etag).toBe('"2"');
    expect((await auditRowsOf(db(), done)).map((row) => row.action)).toEqual([
      'situation.action_item.update',
    ]);
    // A done item changes only by being reopened.
    expect((await patchItem('lead', item.id, { dueAt: inHours(5) }, '"2"')).statusCode).toBe(409);
    const reopened = await patchItem('lead', item.id, { status: 'open', dueAt: inHours(5) }, '"2"');
    expect(reopened.statusCode).toBe(200);
    const changed = await patchItem(
      'coordinator',
      item.id,
      { ownerAgencyId: cast.agencies.lead, description: 'Lead agency follows up with school.' },
      '"3"',
    );
    expect(changed.json()).toMatchObject({
      ownerAgency: { id: cast.agencies.lead },
      description: 'Lead agency follows up with school.',
    });
    expect(
      (await patchItem('lead', item.id, { ownerAgencyId: cast.agencies.present }, '"4"'))
        .statusCode,
    ).toBe(422);
    expect(
      (await patchItem('lead', item.id, { description: 'Phone 613 555 0199' }, '"4"')).statusCode,
    ).toBe(422);
    expect((await patchItem('lead', item.id, { status: 'cancelled' }, '"4"')).statusCode).toBe(200);
    expect((await patchItem('lead', item.id, { status: 'open' }, '"5"')).statusCode).toBe(409);
    expect(
      (await patchItem('lead', '00000000-0000-4000-8000-000000000000', { status: 'done' }, '"1"'))
        .statusCode,
    ).toBe(404);
  });

  it('leaves the first-contact item’s status to the first-contact step (409)', async () => {
    const id = await situationAt(client, cast, 'filter4');
    const [first] = await itemRows(id);
    const res = await patchItem('lead', first!.id, { status: 'done' }, '"1"');
    expect(res.statusCode).toBe(409);
    const moved = await patchItem('lead', first!.id, { dueAt: inHours(72) }, '"1"');
    expect(moved.statusCode).toBe(200);
  });

  it('cancels every open item at closure, and the purge destroys the descriptions', async () => {
    const id = await situationAt(client, cast, 'filter4');
    const item = actionItemSchema.parse((await addItem('lead', id)).json());
    expect(
      (
        await client.write('lead', 'POST', id, '/contact', {
          at: new Date().toISOString(),
          outcome: 'engaged',
        })
      ).statusCode,
    ).toBe(200);
    const close = await client.write('coordinator', 'POST', id, '/close', {
      conclusion: 'lowered_connected',
    });
    expect(close.statusCode).toBe(200);
    const rows = await itemRows(id);
    expect(rows.find((row) => row.id === item.id)).toMatchObject({
      status: 'cancelled',
      status_changed_by: cast.users.coordinator.id,
      description: TASK,
    });
    expect(rows.find((row) => row.kind === 'first_contact')?.status).toBe('done');

    await purgeExpiredIdentities(db(), 0);
    expect((await itemRows(id)).map((row) => row.description)).toEqual([null, null]);
  });

  describe('the owning agency’s list', () => {
    it('lists the open items of the person’s agency by due time, overdue first and flagged, with a cursor', async () => {
      const id = await situationAt(client, cast, 'filter4');
      const late = actionItemSchema.parse(
        (await addItem('lead', id, { dueAt: inHours(1) })).json(),
      );
      await db()
        .updateTable('action_item')
        .set({ due_at: sql<Date>`now() - interval '3 hours'` })
        .where('id', '=', late.id)
        .execute();
      const later = actionItemSchema.parse(
        (await addItem('lead', id, { dueAt: inHours(30) })).json(),
      );
      const ofLead = actionItemSchema.parse(
        (await addItem('lead', id, { ownerAgencyId: cast.agencies.lead })).json(),
      );

      const allRes = await client.get('assisting', '/api/action-items?limit=100');
      expect(allRes.statusCode, allRes.body).toBe(200);
      const all = actionItemListSchema.parse(allRes.json());
      const mine = all.items.filter((item) => item.situationId === id).map((item) => item.id);
      expect(mine).toEqual([late.id, later.id]);
      expect(all.items.every((item) => item.ownerAgency.id === cast.agencies.assisting)).toBe(true);
      expect(all.items.find((item) => item.id === late.id)?.overdue).toBe(true);
      expect(all.items.map((item) => item.id)).not.toContain(ofLead.id);

      const overdue = actionItemListSchema.parse(
        (await client.get('assisting', '/api/action-items?overdue=true')).json(),
      );
      expect(overdue.items.every((item) => item.overdue)).toBe(true);
      expect(overdue.items.map((item) => item.id)).toContain(late.id);

      // Page by page, the cursor walks the same order.
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
        const page = actionItemListSchema.parse(
          (await client.get('assisting', `/api/action-items?limit=1${query}`)).json(),
        );
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all.items.map((item) => item.id));

      const uninvolved = actionItemListSchema.parse(
        (await client.get('uninvolved', '/api/action-items')).json(),
      );
      expect(uninvolved.items).toEqual([]);
      // An analyst holds no role that views situations: refused before any item is read.
      expect((await client.get('analyst', '/api/action-items')).statusCode).toBe(403);
    });

    it('leaves out items of situations the person may no longer see (agreement not accepted)', async () => {
      const id = await situationAt(client, cast, 'filter4');
      const item = actionItemSchema.parse((await addItem('lead', id)).json());
      // A colleague of the assisting agency who has not accepted the table's agreement.
      const colleague = await createUser(db(), {
        agencyId: cast.agencies.assisting,
        memberships: [{ tableId: cast.tableId, role: 'agency_rep', acceptAgreement: false }],
      });
      const session = await signIn(t.app, colleague.email);
      const withheld = actionItemListSchema.parse(
        (await client.get(session, '/api/action-items?limit=100')).json(),
      );
      expect(withheld.items.map((i) => i.id)).not.toContain(item.id);
      const listed = actionItemListSchema.parse(
        (await client.get('assisting', '/api/action-items?limit=100')).json(),
      );
      expect(listed.items.map((i) => i.id)).toContain(item.id);
    });

    it('refuses a cursor it did not make (400)', async () => {
      for (const cursor of [
        'not-a-cursor',
        Buffer.from('{"d":"x","i":"y"}').toString('base64url'),
        '%00',
      ]) {
        const res = await client.get(
          'lead',
          `/api/action-items?cursor=${encodeURIComponent(cursor)}`,
        );
        expect(res.statusCode, cursor).toBe(400);
        problemSchema.parse(res.json());
      }
      expect((await client.get('lead', '/api/action-items?status=late')).statusCode).toBe(400);
    });
  });
});
