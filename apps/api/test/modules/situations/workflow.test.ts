import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemSchema } from '@fourfold/shared/problem';
import {
  accessPurposeHeader,
  identityViewSchema,
  interventionNoteListSchema,
  situationListSchema,
  situationSchema,
  tableDetailSchema,
} from '@fourfold/shared/situations';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';
import {
  IDENTITY,
  NOTE_TEXT,
  PERSON,
  SituationClient,
  createCast,
  draftBody,
  leaksIn,
  situationAt,
  type Cast,
} from '../../helpers/situations';

describe('the four-filter workflow', () => {
  let t: TestApp;
  let cast: Cast;
  let client: SituationClient;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.app, t.database.db);
    client = new SituationClient(t.app, t.database.db, cast);
  });
  afterAll(async () => closeTestApp(t));

  const situationUrl = (id: string) => `/api/situations/${id}`;

  it('walks a situation from draft to closed with the right person at each step', async () => {
    const { agencies, users } = cast;
    // Filter 1: the originating agency drafts it.
    const created = await client.call(
      'originating',
      'POST',
      `/api/tables/${cast.tableId}/situations`,
      {
        payload: draftBody(),
      },
    );
    expect(created.statusCode).toBe(201);
    const draft = situationSchema.parse(created.json());
    expect(draft).toMatchObject({
      stage: 'draft',
      version: 1,
      originatingAgency: { id: agencies.originating },
      identityStatus: 'none',
      riskFactors: ['alcohol.abuse', 'antisocial.threats'],
      protectiveFactors: ['supportive_family'],
    });
    expect(draft.reference).toMatch(/^[A-Z]{4}-\d{4}-0001$/);
    expect(created.headers.etag).toBe('"1"');
    expect(draft.steps.created?.by?.agencyName).toBeTruthy();
    const id = draft.id;

    const withIdentity = await client.write('originating', 'PUT', id, '/identity', IDENTITY, '"1"');
    expect(withIdentity.statusCode).toBe(200);
    expect(withIdentity.json()).toMatchObject({ version: 2, identityStatus: 'held' });
    expect(withIdentity.headers.etag).toBe('"2"');

    // Filter 2: presented to the table.
    const submitted = await client.write('originating', 'POST', id, '/submit', undefined, '"2"');
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({ stage: 'filter2', version: 3 });
    expect(submitted.json().steps.submitted).toMatchObject({
      by: { agencyName: expect.any(String) },
    });

    // The table agrees it is AER; the present agencies see identity now.
    const decided = await client.write('coordinator', 'POST', id, '/decision', {
      outcome: 'accepted',
      agenciesPresent: [agencies.present, agencies.lead, agencies.assisting],
    });
    expect(decided.statusCode).toBe(200);
    const filter3 = situationSchema.parse(decided.json());
    expect(filter3.stage).toBe('filter3');
    expect(filter3.agenciesPresent.map((a) => a.id).sort()).toEqual(
      [agencies.present, agencies.lead, agencies.assisting].sort(),
    );
    expect(filter3.agenciesPresent.every((a) => a.involved === null)).toBe(true);

    const identity = await client.get(
      'present',
      `${situationUrl(id)}/identity`,
      accessPurposeHeader('checking our files'),
    );
    expect(identity.statusCode).toBe(200);
    expect(identityViewSchema.parse(identity.json())).toMatchObject({
      people: [PERSON],
      address: IDENTITY.address,
    });

    const involved = await client.write('present', 'POST', id, '/involvement', { involved: true });
    expect(involved.statusCode).toBe(200);
    expect(
      situationSchema.parse(involved.json()).agenciesPresent.find((a) => a.id === agencies.present),
    ).toMatchObject({ involved: true });
    const declared = await t.database.db
      .selectFrom('situation_agency_present')
      .select(['declared_at', 'declared_by'])
      .where('situation_id', '=', id)
      .where('agency_id', '=', agencies.present)
      .executeTakeFirstOrThrow();
    expect(declared.declared_by).toBe(users.present.id);
    expect(declared.declared_at).not.toBeNull();

    // Filter 4: lead and assisting named.
    const assigned = await client.write('coordinator', 'POST', id, '/assignment', {
      leadAgencyId: agencies.lead,
      assistingAgencyIds: [agencies.assisting],
    });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json()).toMatchObject({
      stage: 'filter4',
      leadAgency: { id: agencies.lead },
      assistingAgencies: [{ id: agencies.assisting }],
    });

    const noted = await client.write('lead', 'POST', id, '/notes', { body: NOTE_TEXT });
    expect(noted.statusCode).toBe(201);
    expect(noted.headers.etag).toBe(`"${noted.json().version}"`);
    const notes = await client.get('originating', `${situationUrl(id)}/notes`);
    expect(notes.statusCode).toBe(200);
    expect(interventionNoteListSchema.parse(notes.json()).items).toMatchObject([
      { body: NOTE_TEXT, agency: { id: agencies.lead } },
    ]);

    const contactAt = new Date().toISOString();
    const contact = await client.write('assisting', 'POST', id, '/contact', {
      at: contactAt,
      outcome: 'engaged',
    });
    expect(contact.statusCode).toBe(200);
    expect(contact.json().firstContact).toEqual({ at: contactAt, outcome: 'engaged' });

    const closed = await client.write('coordinator', 'POST', id, '/close', {
      conclusion: 'lowered_connected',
    });
    expect(closed.statusCode).toBe(200);
    const final = situationSchema.parse(closed.json());
    expect(final).toMatchObject({
      stage: 'closed',
      conclusion: 'lowered_connected',
      identityStatus: 'held', // kept for the retention period
    });
    // Every step keeps its time and who took it.
    for (const step of [
      'created',
      'submitted',
      'decided',
      'assigned',
      'firstContact',
      'closed',
    ] as const) {
      expect(final.steps[step], step).toMatchObject({
        at: expect.any(String),
        by: { displayName: expect.any(String) },
      });
    }
    expect(final.steps.identityDestroyed).toBeNull();
    const row = await t.database.db
      .selectFrom('situation')
      .select([
        'created_by',
        'submitted_by',
        'decided_by',
        'assigned_by',
        'first_contact_recorded_by',
        'closed_by',
      ])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      created_by: users.originating.id,
      submitted_by: users.originating.id,
      decided_by: users.coordinator.id,
      assigned_by: users.coordinator.id,
      first_contact_recorded_by: users.assisting.id,
      closed_by: users.coordinator.id,
    });

    // Notes stay readable to the team after closure.
    expect((await client.get('lead', `${situationUrl(id)}/notes`)).statusCode).toBe(200);

    // Every write left its audit event, in order, without values.
    const events = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'data_category', 'user_id', 'outcome'])
      .where('situation_id', '=', id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => `${e.action}/${e.data_category}`)).toEqual([
      'situation.create/de_identified',
      'situation.identity.update/identity',
      'situation.submit/de_identified',
      'situation.decide/de_identified',
      'situation.identity.view/identity',
      'situation.involvement.declare/de_identified',
      'situation.assign/de_identified',
      'situation.note.create/intervention',
      'situation.note.view/intervention',
      'situation.contact.record/de_identified',
      'situation.close/de_identified',
      'situation.note.view/intervention',
    ]);
    expect(leaksIn(client.responses)).toEqual([]);
  });

  it('numbers references per table and year, in order', async () => {
    const first = await situationAt(client, cast, 'draft', { identity: false });
    const second = await situationAt(client, cast, 'draft', { identity: false });
    const refs = await t.database.db
      .selectFrom('situation')
      .select(['id', 'reference'])
      .where('id', 'in', [first, second])
      .execute();
    const number = (id: string) => Number(refs.find((r) => r.id === id)!.reference.split('-')[2]);
    expect(number(second)).toBe(number(first) + 1);
    const year = new Date().getFullYear();
    expect(refs[0]!.reference).toContain(`-${year}-`);
  });

  it('serves the table to its members with its agencies and settings', async () => {
    const res = await client.get('uninvolved', `/api/tables/${cast.tableId}`);
    expect(res.statusCode).toBe(200);
    const table = tableDetailSchema.parse(res.json());
    expect(table).toMatchObject({
      id: cast.tableId,
      minRiskFactors: 2,
      requiresSecondFactor: false,
      // The deployment's default: concluding says when identity will be destroyed.
      identityRetentionDays: 30,
    });
    expect(table.agencies.map((a) => a.id).sort()).toEqual(Object.values(cast.agencies).sort());
    expect((await client.get('analyst', `/api/tables/${cast.tableId}`)).statusCode).toBe(200);
    expect((await client.get('outsider', `/api/tables/${cast.tableId}`)).statusCode).toBe(404);
  });

  describe('versions (If-Match)', () => {
    it('answers GET with the version as ETag', async () => {
      const id = await situationAt(client, cast, 'draft');
      const res = await client.get('originating', situationUrl(id));
      expect(res.headers.etag).toBe(`"${res.json().version}"`);
    });

    it('refuses a write without If-Match (428) and with a stale one (412)', async () => {
      const id = await situationAt(client, cast, 'draft');
      const without = await client.call('originating', 'POST', `${situationUrl(id)}/submit`);
      expect(without.statusCode).toBe(428);
      expect(without.json().code).toBe('PRECONDITION_REQUIRED');
      const stale = await client.write('originating', 'POST', id, '/submit', undefined, '"1"');
      expect(stale.statusCode).toBe(412);
      expect(problemSchema.parse(stale.json()).code).toBe('PRECONDITION_FAILED');
      const weak = await client.write('originating', 'POST', id, '/submit', undefined, 'W/"2"');
      expect(weak.statusCode).toBe(428);
      // Nothing moved.
      expect((await client.get('originating', situationUrl(id))).json()).toMatchObject({
        stage: 'draft',
        version: 2,
      });
    });

    // Every versioned write of a draft, the identity's included: each must check If-Match itself.
    it.each<['PUT' | 'POST', string, unknown]>([
      ['PUT', '', draftBody({ ageBand: '25_29' })],
      ['PUT', '/identity', IDENTITY],
      ['POST', '/submit', undefined],
    ])(
      '%s …%s refuses a write without If-Match (428) and a stale one (412), changing nothing',
      async (method, path, payload) => {
        const id = await situationAt(client, cast, 'draft');
        const before = (await client.get('originating', situationUrl(id))).json();
        const without = await client.call('originating', method, `${situationUrl(id)}${path}`, {
          payload,
        });
        expect(without.statusCode).toBe(428);
        const stale = await client.write('originating', method, id, path, payload, '"1"');
        expect(stale.statusCode).toBe(412);
        expect(problemSchema.parse(stale.json()).code).toBe('PRECONDITION_FAILED');
        const after = (await client.get('originating', situationUrl(id))).json();
        expect(after).toEqual(before);
      },
    );

    it('lets only one of two writes based on the same version through', async () => {
      const id = await situationAt(client, cast, 'draft');
      const etag = await client.etag(id);
      const [a, b] = await Promise.all([
        client.write('originating', 'PUT', id, '', draftBody({ ageBand: '25_29' }), etag),
        client.write('originating', 'PUT', id, '', draftBody({ ageBand: '30_39' }), etag),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 412]);
    });

    it('increments the version on every write', async () => {
      const id = await situationAt(client, cast, 'filter4');
      const before = Number((await client.etag(id)).replaceAll('"', ''));
      const res = await client.write('lead', 'POST', id, '/notes', { body: 'Called the family.' });
      expect(res.json().version).toBe(before + 1);
    });
  });

  describe('the state machine decides when', () => {
    it('answers a step the stage does not allow with 409 INVALID_TRANSITION', async () => {
      const id = await situationAt(client, cast, 'filter3');
      const submitAgain = await client.write('originating', 'POST', id, '/submit');
      expect(submitAgain.statusCode).toBe(409);
      expect(submitAgain.json().code).toBe('INVALID_TRANSITION');
      const close = await client.write('coordinator', 'POST', id, '/close', {
        conclusion: 'lowered_connected',
      });
      expect(close.statusCode).toBe(409);
      const edit = await client.write('originating', 'PUT', id, '', draftBody());
      expect(edit.statusCode).toBe(409);
      const note = await client.write('lead', 'POST', id, '/notes', { body: 'Too early.' });
      expect(note.statusCode).toBe(409);
    });

    it('checks visibility before the stage, and the stage before the person', async () => {
      const draft = await situationAt(client, cast, 'draft');
      // Hidden draft: 404 even though the stage would refuse the move too.
      expect(
        (
          await client.write('coordinator', 'POST', draft, '/close', {
            conclusion: 'lowered_connected',
          })
        ).statusCode,
      ).toBe(404);
      const filter2 = await situationAt(client, cast, 'filter2');
      // Wrong stage: 409 for someone the policy would refuse anyway.
      expect((await client.write('uninvolved', 'POST', filter2, '/submit')).statusCode).toBe(409);
      // Right stage, wrong person: 403.
      const notMine = await situationAt(client, cast, 'filter3');
      const res = await client.write('uninvolved', 'POST', notMine, '/involvement', {
        involved: false,
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    });

    it('records the first contact once (409 CONFLICT the second time)', async () => {
      const id = await situationAt(client, cast, 'filter4');
      const at = new Date().toISOString();
      expect(
        (await client.write('lead', 'POST', id, '/contact', { at, outcome: 'declined' }))
          .statusCode,
      ).toBe(200);
      const again = await client.write('assisting', 'POST', id, '/contact', {
        at,
        outcome: 'engaged',
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('CONFLICT');
    });

    it('refuses a first contact in the future or before the decision', async () => {
      const id = await situationAt(client, cast, 'filter4');
      const future = await client.write('lead', 'POST', id, '/contact', {
        at: new Date(Date.now() + 86_400_000).toISOString(),
        outcome: 'engaged',
      });
      expect(future.statusCode).toBe(400);
      expect(future.json().invalidParams[0].path).toBe('at');
      const early = await client.write('lead', 'POST', id, '/contact', {
        at: '2020-01-01T00:00:00Z',
        outcome: 'engaged',
      });
      expect(early.statusCode).toBe(400);
    });
  });

  describe('presenting (filter 1 complete)', () => {
    it('refuses to present with a filter-1 answer false, naming the field (422)', async () => {
      const created = await client.call(
        'originating',
        'POST',
        `/api/tables/${cast.tableId}/situations`,
        {
          payload: draftBody({
            filter1: {
              ...draftBody().filter1,
              agencyExhaustedOptions: false,
              severityOfHarm: false,
            },
          }),
        },
      );
      const id = created.json().id as string;
      const res = await client.write('originating', 'POST', id, '/submit');
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(res.json().invalidParams.map((p: { path: string }) => p.path)).toEqual([
        'filter1.agencyExhaustedOptions',
        'filter1.severityOfHarm',
      ]);
    });

    it("needs the table's minimum number of risk factors", async () => {
      const one = await client.call(
        'originating',
        'POST',
        `/api/tables/${cast.tableId}/situations`,
        {
          payload: draftBody({ riskFactors: ['alcohol.abuse'] }),
        },
      );
      const id = one.json().id as string;
      const res = await client.write('originating', 'POST', id, '/submit');
      expect(res.statusCode).toBe(422);
      expect(res.json().invalidParams).toEqual([expect.objectContaining({ path: 'riskFactors' })]);
      // A table that asks for one accepts it.
      await t.database.db
        .updateTable('situation_table')
        .set({ min_risk_factors: 1 })
        .where('id', '=', cast.tableId)
        .execute();
      try {
        expect((await client.write('originating', 'POST', id, '/submit')).statusCode).toBe(200);
      } finally {
        await t.database.db
          .updateTable('situation_table')
          .set({ min_risk_factors: 2 })
          .where('id', '=', cast.tableId)
          .execute();
      }
    });
  });

  describe('validation against the code lists and the table', () => {
    it('refuses codes that are not active codes of their list', async () => {
      const res = await client.call(
        'originating',
        'POST',
        `/api/tables/${cast.tableId}/situations`,
        {
          payload: draftBody({ ageBand: 'ancient', riskFactors: ['alcohol.abuse', 'no.such'] }),
        },
      );
      expect(res.statusCode).toBe(400);
      expect(res.json().invalidParams.map((p: { path: string }) => p.path)).toEqual([
        'ageBand',
        'riskFactors.1',
      ]);
    });

    it('refuses agencies present, lead or assisting that are not member agencies', async () => {
      const id = await situationAt(client, cast, 'filter2');
      const stranger = (
        await t.database.db
          .selectFrom('table_agency')
          .select('agency_id')
          .where('table_id', '=', cast.otherTableId)
          .executeTakeFirstOrThrow()
      ).agency_id;
      const decision = await client.write('coordinator', 'POST', id, '/decision', {
        outcome: 'accepted',
        agenciesPresent: [cast.agencies.present, stranger],
      });
      expect(decision.statusCode).toBe(400);
      expect(decision.json().invalidParams[0].path).toBe('agenciesPresent.1');
      const accepted = await client.write('coordinator', 'POST', id, '/decision', {
        outcome: 'accepted',
        agenciesPresent: [cast.agencies.present],
      });
      expect(accepted.statusCode).toBe(200);
      const assignment = await client.write('coordinator', 'POST', id, '/assignment', {
        leadAgencyId: stranger,
        assistingAgencyIds: [],
      });
      expect(assignment.statusCode).toBe(400);
      expect(assignment.json().invalidParams[0].path).toBe('leadAgencyId');
    });

    it('refuses a rejection reason or conclusion that is not an active code', async () => {
      const id = await situationAt(client, cast, 'filter2');
      const res = await client.write('coordinator', 'POST', id, '/decision', {
        outcome: 'rejected',
        rejectionReason: 'because',
        agenciesPresent: [cast.agencies.present],
      });
      expect(res.statusCode).toBe(400);
      const open = await situationAt(client, cast, 'filter4');
      const close = await client.write('coordinator', 'POST', open, '/close', {
        conclusion: 'done',
      });
      expect(close.statusCode).toBe(400);
    });

    it("creates only for the caller's agency when it sits at the table (else 403)", async () => {
      const { createAgency, createUser, signIn } = await import('../../helpers/fixtures');
      const elsewhere = await createAgency(t.database.db);
      const user = await createUser(t.database.db, {
        agencyId: elsewhere.id,
        memberships: [{ tableId: cast.tableId, role: 'agency_rep' }],
      });
      const session = await signIn(t.app, user.email);
      const res = await client.call(session, 'POST', `/api/tables/${cast.tableId}/situations`, {
        payload: draftBody(),
      });
      expect(res.statusCode).toBe(403);
    });
  });

  describe('lists', () => {
    it('lists newest first with an opaque keyset cursor, drafts only to their agency', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 3; i += 1) ids.push(await situationAt(client, cast, 'filter2'));
      const draft = await situationAt(client, cast, 'draft');

      const all: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/tables/${cast.tableId}/situations?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await client.get('uninvolved', url);
        expect(res.statusCode).toBe(200);
        const page = situationListSchema.parse(res.json());
        expect(page.items.length).toBeLessThanOrEqual(2);
        all.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(new Set(all).size).toBe(all.length);
      expect(all).not.toContain(draft);
      // Newest first.
      expect(all.indexOf(ids[2]!)).toBeLessThan(all.indexOf(ids[1]!));
      expect(all.indexOf(ids[1]!)).toBeLessThan(all.indexOf(ids[0]!));

      const mine = await client.get(
        'originating',
        `/api/tables/${cast.tableId}/situations?stage=draft`,
      );
      const items = situationListSchema.parse(mine.json()).items;
      expect(items.map((i) => i.id)).toContain(draft);
      expect(items.every((i) => i.stage === 'draft')).toBe(true);
      expect(items.find((i) => i.id === draft)).toMatchObject({ riskFactorCount: 2 });
    });

    it('refuses a cursor it did not make', async () => {
      const res = await client.get(
        'uninvolved',
        `/api/tables/${cast.tableId}/situations?cursor=bm9wZQ`,
      );
      expect(res.statusCode).toBe(400);
      expect(res.json().invalidParams[0].path).toBe('cursor');
    });

    it('refuses the list to an analyst of the table and to outsiders (404, as for any id they hold no permission on)', async () => {
      expect(
        (await client.get('analyst', `/api/tables/${cast.tableId}/situations`)).statusCode,
      ).toBe(404);
      expect(
        (await client.get('outsider', `/api/tables/${cast.tableId}/situations`)).statusCode,
      ).toBe(404);
    });
  });
});
