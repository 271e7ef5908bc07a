/**
 * Report-backs: an agency's de-identified status update at filters 3 and 4, between meetings or
 * in an open meeting (then also a decision of that meeting and a live event), checked by the
 * personal-data guard, audited, and destroyed with the situation's other free text.
 */
import { reportBackListSchema, reportBackSchema } from '@fourfold/shared/action-items';
import { problemSchema } from '@fourfold/shared/problem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpiredIdentities } from '../../../src/modules/situations/retention.service';
import { auditRowsOf } from '../../helpers/admin-fixtures';
import {
  PERSON,
  SituationClient,
  createCast,
  situationAt,
  type Cast,
  type Who,
} from '../../helpers/situations';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';
import { openMeetingWith } from './meeting-fixtures';

const UPDATE = 'Door knock done; connected to the mental health walk-in clinic.';

describe('report-backs', () => {
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
  const url = (id: string) => `/api/situations/${id}/report-backs`;
  const report = (who: Who, id: string, payload: Record<string, unknown> = {}) =>
    client.call(who, 'POST', url(id), { payload: { statusUpdate: UPDATE, ...payload } });
  const rows = (id: string) =>
    db().selectFrom('report_back').selectAll().where('situation_id', '=', id).execute();

  it('records a report-back between meetings for the person’s own agency, listed oldest first', async () => {
    const id = await situationAt(client, cast, 'filter4');
    const first = await report('lead', id);
    expect(first.statusCode).toBe(201);
    expect(reportBackSchema.parse(first.json())).toMatchObject({
      agency: { id: cast.agencies.lead },
      meetingId: null,
      statusUpdate: UPDATE,
    });
    expect(await auditRowsOf(db(), first)).toMatchObject([
      {
        action: 'situation.report_back.create',
        data_category: 'de_identified',
        situation_id: id,
        user_id: cast.users.lead.id,
      },
    ]);
    expect(
      (await report('originating', id, { statusUpdate: 'Still in contact.' })).statusCode,
    ).toBe(201);
    const list = reportBackListSchema.parse((await client.get('uninvolved', url(id))).json());
    expect(list.items.map((item) => item.statusUpdate)).toEqual([UPDATE, 'Still in contact.']);
    expect(
      await db()
        .selectFrom('meeting_decision')
        .selectAll()
        .where('situation_id', '=', id)
        .execute(),
    ).toEqual([]);
  });

  it('in an open meeting, also records the meeting’s decision and its live event', async () => {
    const id = await situationAt(client, cast, 'filter4');
    const meeting = await openMeetingWith(db(), cast, id);
    const res = await report('coordinator', id, {
      meetingId: meeting.meetingId,
      agencyId: cast.agencies.assisting,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      meetingId: meeting.meetingId,
      agency: { id: cast.agencies.assisting },
    });
    const decisions = await db()
      .selectFrom('meeting_decision')
      .select(['kind', 'agency_id', 'meeting_id', 'decided_by'])
      .where('situation_id', '=', id)
      .execute();
    expect(decisions).toEqual([
      {
        kind: 'report_back',
        agency_id: cast.agencies.assisting,
        meeting_id: meeting.meetingId,
        decided_by: cast.users.coordinator.id,
      },
    ]);
    const events = await db()
      .selectFrom('meeting_event')
      .select(['kind', 'agenda_item_id'])
      .where('meeting_id', '=', meeting.meetingId)
      .execute();
    expect(events).toEqual([
      { kind: 'report_back.recorded', agenda_item_id: meeting.agendaItemId },
    ]);
  });

  it('refuses a meeting that is not open (422), writing nothing', async () => {
    const id = await situationAt(client, cast, 'filter4');
    const closed = await openMeetingWith(db(), cast, id, 'closed');
    const res = await report('lead', id, { meetingId: closed.meetingId });
    expect(res.statusCode).toBe(422);
    expect(problemSchema.parse(res.json()).invalidParams?.[0]?.path).toBe('meetingId');
    expect(await rows(id)).toEqual([]);
  });

  it('lets only the coordinator report for another agency, and only an agency that worked on it report at all', async () => {
    const id = await situationAt(client, cast, 'filter4');
    expect((await report('lead', id, { agencyId: cast.agencies.assisting })).statusCode).toBe(403);
    expect((await report('uninvolved', id)).statusCode).toBe(403);
    expect((await report('analyst', id)).statusCode).toBe(404);
    expect((await report('outsider', id)).statusCode).toBe(404);
    expect(await rows(id)).toEqual([]);
    const filter3 = await situationAt(client, cast, 'filter3');
    expect((await report('present', filter3)).statusCode).toBe(201);
    const filter2 = await situationAt(client, cast, 'filter2');
    expect((await report('coordinator', filter2)).statusCode).toBe(409);
  });

  it('refuses a status update that names the person (422), never echoing it', async () => {
    const id = await situationAt(client, cast, 'filter4');
    const res = await report('lead', id, {
      statusUpdate: `${PERSON.givenName} ${PERSON.familyName} moved in with family.`,
    });
    expect(res.statusCode).toBe(422);
    const problem = problemSchema.parse(res.json());
    expect(problem.code).toBe('PERSONAL_DATA_IN_TEXT');
    expect(problem.personalData?.[0]?.field).toBe('statusUpdate');
    expect(res.body).not.toContain(PERSON.givenName);
    expect(await rows(id)).toEqual([]);
  });

  it('is destroyed with the situation’s free text by the retention purge', async () => {
    const id = await situationAt(client, cast, 'filter4');
    expect((await report('lead', id)).statusCode).toBe(201);
    await client.write('lead', 'POST', id, '/contact', {
      at: new Date().toISOString(),
      outcome: 'engaged',
    });
    const closed = await client.write('coordinator', 'POST', id, '/close', {
      conclusion: 'lowered_connected',
    });
    expect(closed.statusCode).toBe(200);
    expect((await rows(id))[0]?.status_update).toBe(UPDATE);
    await purgeExpiredIdentities(db(), 0);
    expect((await rows(id)).map((row) => row.status_update)).toEqual([null]);
    const list = reportBackListSchema.parse((await client.get('lead', url(id))).json());
    expect(list.items[0]?.statusUpdate).toBeNull();
  });
});

describe('closure with a retention of 0 days', () => {
  let t: TestApp;
  let cast: Cast;
  let client: SituationClient;
  beforeAll(async () => {
    t = await createTestApp({ environment: { IDENTITY_RETENTION_DAYS: '0' } });
    cast = await createCast(t.app, t.database.db);
    client = new SituationClient(t.app, t.database.db, cast);
  });
  afterAll(async () => closeTestApp(t));

  it('destroys action item descriptions and report-backs in the closing transaction', async () => {
    const id = await situationAt(client, cast, 'filter4');
    const db = t.database.db;
    expect(
      (
        await client.call('lead', 'POST', `/api/situations/${id}/action-items`, {
          payload: {
            ownerAgencyId: cast.agencies.lead,
            description: 'Follow up with the school.',
            dueAt: new Date(Date.now() + 3_600_000).toISOString(),
          },
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await client.call('lead', 'POST', `/api/situations/${id}/report-backs`, {
          payload: { statusUpdate: UPDATE },
        })
      ).statusCode,
    ).toBe(201);
    await client.write('lead', 'POST', id, '/contact', {
      at: new Date().toISOString(),
      outcome: 'engaged',
    });
    const closed = await client.write('coordinator', 'POST', id, '/close', {
      conclusion: 'lowered_connected',
    });
    expect(closed.statusCode).toBe(200);
    const items = await db
      .selectFrom('action_item')
      .select(['description', 'status'])
      .where('situation_id', '=', id)
      .where('kind', '=', 'task')
      .execute();
    expect(items).toEqual([{ description: null, status: 'cancelled' }]);
    const reports = await db
      .selectFrom('report_back')
      .select('status_update')
      .where('situation_id', '=', id)
      .execute();
    expect(reports).toEqual([{ status_update: null }]);
  });
});
