import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetingDetailSchema } from '@fourfold/shared/meetings';
import { problemSchema } from '@fourfold/shared/problem';
import { situationSchema } from '@fourfold/shared/situations';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';
import {
  auditActions,
  createMeetingCast,
  meetingEvents,
  openMeeting,
  scheduleMeeting,
  type MeetingCast,
} from '../../helpers/meetings';
import { leaksIn, SituationClient, situationAt } from '../../helpers/situations';

describe('situation steps taken in the room', () => {
  let t: TestApp;
  let cast: MeetingCast;
  let client: SituationClient;
  let meetingId: string;
  let scheduledId: string;
  const s: Record<
    'accept' | 'reject' | 'filter3' | 'filter4' | 'contacted' | 'notOnAgenda',
    string
  > = {
    accept: '',
    reject: '',
    filter3: '',
    filter4: '',
    contacted: '',
    notOnAgenda: '',
  };
  beforeAll(async () => {
    t = await createTestApp();
    cast = await createMeetingCast(t.app, t.database.db);
    client = new SituationClient(t.app, t.database.db, cast);
    s.accept = await situationAt(client, cast, 'filter2');
    s.reject = await situationAt(client, cast, 'filter2');
    s.filter3 = await situationAt(client, cast, 'filter3');
    s.filter4 = await situationAt(client, cast, 'filter4');
    s.contacted = await situationAt(client, cast, 'filter4');
    const contact = await client.write('lead', 'POST', s.contacted, '/contact', {
      at: new Date().toISOString(),
      outcome: 'engaged',
    });
    expect(contact.statusCode).toBe(200);
    meetingId = await scheduleMeeting(client, cast);
    await openMeeting(client, t.database.db, meetingId);
    scheduledId = await scheduleMeeting(client, cast);
  });
  afterAll(async () => closeTestApp(t));

  const url = (situationId: string, step: string, meeting = meetingId) =>
    `/api/meetings/${meeting}/situations/${situationId}/${step}`;
  const inRoom = async (
    who: Parameters<SituationClient['call']>[0],
    situationId: string,
    step: string,
    payload: unknown,
    options: { meeting?: string; ifMatch?: string } = {},
  ) =>
    client.call(who, 'POST', url(situationId, step, options.meeting), {
      payload,
      ifMatch: options.ifMatch ?? (await client.etag(situationId)),
    });
  const problem = (body: string) => problemSchema.parse(JSON.parse(body));
  const decisionsOf = (situationId: string) =>
    t.database.db
      .selectFrom('meeting_decision')
      .selectAll()
      .where('meeting_id', '=', meetingId)
      .where('situation_id', '=', situationId)
      .execute();
  const itemOf = (situationId: string) =>
    t.database.db
      .selectFrom('meeting_agenda_item')
      .select(['id', 'discussed_at'])
      .where('meeting_id', '=', meetingId)
      .where('situation_id', '=', situationId)
      .executeTakeFirstOrThrow();

  it('refuses the decision until attendance records an agency present (422 ATTENDANCE_REQUIRED)', async () => {
    const res = await inRoom('coordinator', s.accept, 'decision', { outcome: 'accepted' });
    expect(res.statusCode).toBe(422);
    expect(problem(res.body).code).toBe('ATTENDANCE_REQUIRED');
    expect(await decisionsOf(s.accept)).toEqual([]);
  });

  it('takes the decision with the agencies present, stamped with the meeting, in one transaction', async () => {
    const present = [cast.agencies.present, cast.agencies.lead, cast.agencies.chair];
    const attendance = await client.call(
      'coordinator',
      'PUT',
      `/api/meetings/${meetingId}/attendance`,
      {
        payload: {
          entries: [
            ...present.map((agencyId) => ({ agencyId, status: 'present' })),
            { agencyId: cast.agencies.assisting, status: 'apologies' },
          ],
        },
      },
    );
    expect(attendance.statusCode).toBe(200);
    const eventsBefore = (await meetingEvents(t.database.db, meetingId)).length;

    const res = await inRoom('coordinator', s.accept, 'decision', { outcome: 'accepted' });
    expect(res.statusCode).toBe(200);
    const situation = situationSchema.parse(res.json());
    expect(situation.stage).toBe('filter3');
    expect(res.headers.etag).toBe(`"${situation.version}"`);
    expect(situation.agenciesPresent.map((a) => a.id).sort()).toEqual([...present].sort());

    const [decision, ...more] = await decisionsOf(s.accept);
    expect(more).toEqual([]);
    expect(decision).toMatchObject({ kind: 'accepted', decided_by: cast.users.coordinator.id });
    expect((await itemOf(s.accept)).discussed_at).not.toBeNull();
    const audit = await auditActions(t.database.db, res.headers['x-request-id'] as string);
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'situation.decide',
        situation_id: s.accept,
        outcome: 'allowed',
      }),
    ]);
    const events = (await meetingEvents(t.database.db, meetingId)).slice(eventsBefore);
    expect(events.map((e) => e.kind)).toEqual(['situation.changed', 'decision.recorded']);
    expect(events[1]).toMatchObject({
      situation_id: s.accept,
      agenda_item_id: (await itemOf(s.accept)).id,
    });

    const meeting = meetingDetailSchema.parse(
      (await client.get('uninvolved', `/api/meetings/${meetingId}`)).json(),
    );
    const item = meeting.agenda.find((i) => i.situationId === s.accept)!;
    expect(item.restricted).toBe(false);
    if (!item.restricted) {
      expect(item.stage).toBe('filter3');
      expect(item.stageAtOpening).toBe('filter2');
      expect(item.decisions.map((d) => [d.kind, d.decidedBy?.id])).toEqual([
        ['accepted', cast.users.coordinator.id],
      ]);
    }
  });

  it('leaves nothing behind when the step fails (stale If-Match, retired reason)', async () => {
    const eventsBefore = (await meetingEvents(t.database.db, meetingId)).length;
    const stale = await inRoom(
      'coordinator',
      s.reject,
      'decision',
      { outcome: 'rejected', rejectionReason: 'single_agency' },
      { ifMatch: '"99"' },
    );
    expect(stale.statusCode).toBe(412);
    const noMatch = await client.call('coordinator', 'POST', url(s.reject, 'decision'), {
      payload: { outcome: 'rejected', rejectionReason: 'single_agency' },
    });
    expect(noMatch.statusCode).toBe(428);
    const unknownReason = await inRoom('coordinator', s.reject, 'decision', {
      outcome: 'rejected',
      rejectionReason: 'no_such_reason',
    });
    // The step's own answer for a code not in the list (it validates after locking the row).
    expect(unknownReason.statusCode).toBe(400);
    expect(problem(unknownReason.body).invalidParams?.[0]?.path).toBe('rejectionReason');
    expect(await decisionsOf(s.reject)).toEqual([]);
    expect((await itemOf(s.reject)).discussed_at).toBeNull();
    expect((await meetingEvents(t.database.db, meetingId)).length).toBe(eventsBefore);
    const row = await t.database.db
      .selectFrom('situation')
      .select(['stage', 'version'])
      .where('id', '=', s.reject)
      .executeTakeFirstOrThrow();
    expect(row.stage).toBe('filter2');

    const rejected = await inRoom('coordinator', s.reject, 'decision', {
      outcome: 'rejected',
      rejectionReason: 'single_agency',
    });
    expect(rejected.statusCode).toBe(200);
    expect(situationSchema.parse(rejected.json()).stage).toBe('rejected');
    expect((await decisionsOf(s.reject)).map((d) => [d.kind, d.rejection_reason])).toEqual([
      ['rejected', 'single_agency'],
    ]);
  });

  it('rolls the step back when stamping it with the meeting fails', async () => {
    const late = await situationAt(client, cast, 'filter2');
    const refresh = await client.call(
      'coordinator',
      'POST',
      `/api/meetings/${meetingId}/agenda/refresh`,
    );
    expect(refresh.statusCode).toBe(200);
    // The database refuses this one stamp, after the situation's step has run in the transaction.
    await sql`create function refuse_stamp() returns trigger language plpgsql as $$
      begin raise exception 'refused for the test'; end $$`.execute(t.database.db);
    await sql`create trigger refuse_stamp before insert on meeting_decision for each row
      when (new.situation_id = ${sql.lit(late)}::uuid) execute function refuse_stamp()`.execute(
      t.database.db,
    );
    try {
      const before = await client.etag(late);
      const eventsBefore = (await meetingEvents(t.database.db, meetingId)).length;
      const res = await inRoom('coordinator', late, 'decision', { outcome: 'accepted' });
      expect(res.statusCode).toBe(500);
      expect(await client.etag(late)).toBe(before);
      const row = await t.database.db
        .selectFrom('situation')
        .select('stage')
        .where('id', '=', late)
        .executeTakeFirstOrThrow();
      expect(row.stage).toBe('filter2');
      const present = await t.database.db
        .selectFrom('situation_agency_present')
        .select('agency_id')
        .where('situation_id', '=', late)
        .execute();
      expect(present).toEqual([]);
      expect(await auditActions(t.database.db, res.headers['x-request-id'] as string)).toEqual([]);
      expect((await meetingEvents(t.database.db, meetingId)).length).toBe(eventsBefore);
    } finally {
      await sql`drop trigger refuse_stamp on meeting_decision`.execute(t.database.db);
      await sql`drop function refuse_stamp()`.execute(t.database.db);
    }
  });

  it('records involvement for the caller’s agency, as the step allows', async () => {
    const notPresent = await inRoom('uninvolved', s.filter3, 'involvement', { involved: true });
    expect(notPresent.statusCode).toBe(403);
    const res = await inRoom('present', s.filter3, 'involvement', { involved: true });
    expect(res.statusCode).toBe(200);
    expect(
      situationSchema.parse(res.json()).agenciesPresent.find((a) => a.id === cast.agencies.present)
        ?.involved,
    ).toBe(true);
    expect((await decisionsOf(s.filter3)).map((d) => [d.kind, d.agency_id, d.involved])).toEqual([
      ['involvement', cast.agencies.present, true],
    ]);
  });

  it('assigns the lead and assisting agencies, and concludes, in the room', async () => {
    const assign = await inRoom('coordinator', s.filter3, 'assignment', {
      leadAgencyId: cast.agencies.lead,
      assistingAgencyIds: [cast.agencies.assisting],
    });
    expect(assign.statusCode).toBe(200);
    expect(situationSchema.parse(assign.json()).stage).toBe('filter4');
    // No first contact is recorded: the conclusion needs a reason.
    const conclude = await inRoom('coordinator', s.filter4, 'conclusion', {
      conclusion: 'lowered_connected',
      noContactReason: 'risk_resolved',
    });
    expect(conclude.statusCode).toBe(200);
    expect(situationSchema.parse(conclude.json())).toMatchObject({
      stage: 'closed',
      noContactReason: 'risk_resolved',
    });
    expect((await decisionsOf(s.filter3)).map((d) => d.kind)).toEqual(['involvement', 'assigned']);
    const assigned = (await decisionsOf(s.filter3))[1]!;
    expect(assigned).toMatchObject({
      lead_agency_id: cast.agencies.lead,
      assisting_agency_ids: [cast.agencies.assisting],
    });
    expect(
      (await decisionsOf(s.filter4)).map((d) => [d.kind, d.conclusion_reason, d.no_contact_reason]),
    ).toEqual([['concluded', 'lowered_connected', 'risk_resolved']]);
    const meeting = meetingDetailSchema.parse(
      (await client.get('coordinator', `/api/meetings/${meetingId}`)).json(),
    );
    const item = meeting.agenda.find((i) => i.situationId === s.filter3)!;
    if (item.restricted) throw new Error('the coordinator sees every item');
    expect(item.decisions.map((d) => d.kind)).toEqual(['involvement', 'assigned']);
    expect(item.decisions[1]).toMatchObject({
      leadAgency: { id: cast.agencies.lead },
      assistingAgencies: [{ id: cast.agencies.assisting }],
    });
    const concluded = meeting.agenda.find((i) => i.situationId === s.filter4)!;
    if (concluded.restricted) throw new Error('the coordinator sees every item');
    expect(concluded.decisions).toMatchObject([
      { kind: 'concluded', conclusion: 'lowered_connected', noContactReason: 'risk_resolved' },
    ]);
  });

  it('refuses to conclude in the room without a no-contact reason when none is recorded, or with one after a first contact (422, nothing stamped)', async () => {
    const id = await situationAt(client, cast, 'filter4');
    // On the agenda: refreshing takes in situations presented or moved since the opening.
    const refresh = await client.call(
      'coordinator',
      'POST',
      `/api/meetings/${meetingId}/agenda/refresh`,
    );
    expect(refresh.statusCode).toBe(200);
    const refusals: Array<[string, Record<string, unknown>]> = [
      [id, { conclusion: 'still_unable_to_locate' }],
      [id, { conclusion: 'still_unable_to_locate', noContactReason: 'unknown_code' }],
      [id, { conclusion: 'still_unable_to_locate', noContactReason: 'lowered_connected' }],
      [s.contacted, { conclusion: 'lowered_connected', noContactReason: 'unable_to_locate' }],
    ];
    for (const [situationId, body] of refusals) {
      const before = await client.etag(situationId);
      const res = await inRoom('coordinator', situationId, 'conclusion', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(problem(res.body).invalidParams?.map((p) => p.path)).toEqual(['noContactReason']);
      expect(await client.etag(situationId)).toBe(before);
      expect(await decisionsOf(situationId)).toEqual([]);
    }
    const concluded = await inRoom('coordinator', s.contacted, 'conclusion', {
      conclusion: 'lowered_connected',
    });
    expect(concluded.statusCode).toBe(200);
    expect(
      (await decisionsOf(s.contacted)).map((d) => [
        d.kind,
        d.conclusion_reason,
        d.no_contact_reason,
      ]),
    ).toEqual([['concluded', 'lowered_connected', null]]);
  });

  it('refuses steps outside an open meeting, off its agenda, or for people who may not see it', async () => {
    // Presented after the last refresh of the agenda.
    s.notOnAgenda = await situationAt(client, cast, 'filter2');
    const notOpen = await inRoom(
      'coordinator',
      s.accept,
      'conclusion',
      { conclusion: 'lowered_connected' },
      {
        meeting: scheduledId,
      },
    );
    expect(notOpen.statusCode).toBe(409);
    expect(problem(notOpen.body).code).toBe('MEETING_NOT_OPEN');
    const offAgenda = await inRoom('coordinator', s.notOnAgenda, 'decision', {
      outcome: 'accepted',
    });
    expect(offAgenda.statusCode).toBe(404);
    const outsider = await inRoom('outsider', s.notOnAgenda, 'decision', { outcome: 'accepted' });
    expect(outsider.statusCode).toBe(404);
    const missing = await inRoom(
      'coordinator',
      s.accept,
      'decision',
      { outcome: 'accepted' },
      {
        meeting: crypto.randomUUID(),
      },
    );
    expect(missing.statusCode).toBe(404);
    // A rep may not decide (coordinator only): the route answers as for a missing resource.
    expect(
      (await inRoom('present', s.notOnAgenda, 'decision', { outcome: 'accepted' })).statusCode,
    ).toBe(404);
    const row = await t.database.db
      .selectFrom('situation')
      .select('stage')
      .where('id', '=', s.notOnAgenda)
      .executeTakeFirstOrThrow();
    expect(row.stage).toBe('filter2');
    expect(leaksIn(client.responses)).toEqual([]);
  });
});
