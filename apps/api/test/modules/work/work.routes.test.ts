/**
 * GET /api/me/work through the real API: each role gets exactly its sections, every situation
 * listed passes the access policy (drafts of the caller's agency only), nothing in the answer
 * identifies anyone, and a person without a table gets no work.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  WORK_SECTION_LIMIT,
  workHomeSchema,
  type TableWork,
  type WorkHome,
} from '@fourfold/shared/work';
import { DEMO_PASSWORD, seedDemoData } from '../../../src/db/demo-data';
import { createUser, signIn, type SignedIn } from '../../helpers/fixtures';
import {
  NOTE_TEXT,
  SituationClient,
  createCast,
  draftBody,
  leaksIn,
  situationAt,
  type Cast,
  type Who,
} from '../../helpers/situations';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';

async function workOf(t: TestApp, session: SignedIn): Promise<WorkHome> {
  const res = await t.app.inject({ method: 'GET', url: '/api/me/work', headers: session.headers });
  expect(res.statusCode).toBe(200);
  return workHomeSchema.parse(res.json());
}

const references = (section: { items: Array<{ reference: string }> } | undefined) =>
  section?.items.map((item) => item.reference) ?? [];

/** The number part of a demo reference: RIV-2026-0003 → 3. */
const numbers = (section: { items: Array<{ reference: string }> } | undefined) =>
  references(section)
    .map((reference) => Number(reference.split('-').at(-1)))
    .sort((a, b) => a - b);

describe('the work home of the demo roles', () => {
  let t: TestApp;
  const as = async (email: string) => workOf(t, await signIn(t.app, email, DEMO_PASSWORD));
  const riverside = (work: WorkHome): TableWork => {
    const entry = work.tables.find((table) => table.table.name === 'Riverside Situation Table');
    if (!entry) throw new Error('no Riverside entry');
    return entry;
  };

  beforeAll(async () => {
    t = await createTestApp();
    expect(await seedDemoData(t.database.db)).toBe(true);
  });
  afterAll(async () => closeTestApp(t));

  it('gives a representative their agency’s work and the next meeting, and no table decisions', async () => {
    const work = await as('police@riverside.demo');
    expect(work.tables).toHaveLength(1);
    const table = riverside(work);
    expect(table).toMatchObject({ role: 'agency_rep', access: 'open' });
    expect(table.nextMeeting).toMatchObject({ tableName: 'Riverside Situation Table' });
    // The police were present when RIV-…-0003 was accepted and have not answered yet.
    expect(numbers(table.situations?.involvement)).toEqual([3]);
    expect(table.situations?.drafts).toEqual({ total: 0, items: [] });
    // They originated RIV-…-0001 but are neither lead nor assisting anywhere.
    expect(table.situations?.interventions.total).toBe(0);
    expect(table.decisions).toBeNull();
    expect(table.pendingMemberships).toBeNull();
    expect(table.identityViews).toBeNull();
  });

  it('gives the lead agency its interventions with the first-contact clock, open clocks first', async () => {
    const table = riverside(await as('mentalhealth@riverside.demo'));
    const interventions = table.situations!.interventions;
    // Lead on 0001 and the overdue 0006, assisting on 0002 (whose first contact is made).
    expect(numbers(interventions)).toEqual([1, 2, 6]);
    const overdue = interventions.items[0]!;
    expect(overdue.reference).toMatch(/-0006$/);
    expect(overdue.firstContactAt).toBeNull();
    expect(new Date(overdue.firstContactDueAt!).getTime()).toBeLessThan(Date.now());
    expect(interventions.items.at(-1)!.firstContactAt).not.toBeNull();
    expect(table.decisions).toBeNull();
  });

  it('gives the chair what waits for the table’s decision', async () => {
    const table = riverside(await as('chair@riverside.demo'));
    expect(table.role).toBe('coordinator');
    expect(numbers(table.decisions?.presented)).toEqual([4, 5]);
    expect(numbers(table.decisions?.awaitingAssignment)).toEqual([3]);
    expect(numbers(table.decisions?.firstContactOverdue)).toEqual([6]);
    expect(numbers(table.decisions?.readyToConclude)).toEqual([2]);
    // Every intervention of the table, not only their agency's.
    expect(numbers(table.situations?.interventions)).toEqual([1, 2, 6]);
    expect(table.pendingMemberships).toEqual({ total: 0, items: [] });
    expect(table.identityViews).toBeNull();
    expect(table.nextMeeting).not.toBeNull();
  });

  it('gives an analyst their tables and nothing else, and an administrator nothing', async () => {
    const analyst = await as('analyst@riverside.demo');
    expect(analyst.tables.length).toBeGreaterThanOrEqual(1);
    for (const table of analyst.tables) {
      expect(table).toMatchObject({
        role: 'analyst',
        access: 'open',
        nextMeeting: null,
        situations: null,
        decisions: null,
        pendingMemberships: null,
        identityViews: null,
      });
    }
    expect(await as('admin@fourfold.demo')).toEqual({ tables: [] });
  });

  it('gives the privacy officer identity views and pending memberships, and no situations', async () => {
    const table = riverside(await as('privacy@riverside.demo'));
    expect(table).toMatchObject({
      role: 'privacy_officer',
      situations: null,
      decisions: null,
      identityViews: { items: [] },
      pendingMemberships: { total: 0, items: [] },
    });
  });
});

describe('the work home against the access policy', () => {
  let t: TestApp;
  let cast: Cast;
  let client: SituationClient;
  const work = async (who: Who) => workOf(t, cast.sessions[who]);
  const tableOf = async (who: Who) => {
    const home = await work(who);
    const entry = home.tables.find((table) => table.table.id === cast.tableId);
    if (!entry) throw new Error(`no entry for ${who}`);
    return entry;
  };
  const ids = (section: { items: Array<{ id: string }> } | undefined) =>
    section?.items.map((item) => item.id) ?? [];

  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.app, t.database.db);
    client = new SituationClient(t.app, t.database.db, cast);
  });
  afterAll(async () => closeTestApp(t));

  it('lists a draft to its own agency only, and answers no one with a word of identity', async () => {
    const draft = await situationAt(client, cast, 'draft');
    expect(ids((await tableOf('originating')).situations?.drafts)).toEqual([draft]);
    for (const who of ['present', 'lead', 'uninvolved', 'coordinator'] as const) {
      const entry = await tableOf(who);
      expect(entry.situations?.drafts.total).toBe(0);
      expect(JSON.stringify(entry)).not.toContain(draft);
    }
    // Every answer, whoever asked, is free of the person's identity, the notes and the summary.
    const filter4 = await situationAt(client, cast, 'filter4');
    await client.write('lead', 'POST', filter4, '/notes', { body: NOTE_TEXT });
    for (const who of ['originating', 'present', 'lead', 'assisting', 'coordinator'] as const) {
      const res = await client.get(who, '/api/me/work');
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain(draftBody().summary);
    }
    expect(leaksIn(client.responses.filter((r) => r.url === '/api/me/work'))).toEqual([]);
  });

  it('asks the agencies present for their involvement answer until they give it', async () => {
    const id = await situationAt(client, cast, 'filter3');
    for (const who of ['present', 'lead', 'assisting'] as const) {
      expect(ids((await tableOf(who)).situations?.involvement)).toContain(id);
    }
    expect(ids((await tableOf('uninvolved')).situations?.involvement)).not.toContain(id);
    expect(ids((await tableOf('coordinator')).decisions?.awaitingAssignment)).toContain(id);

    const answered = await client.write('present', 'POST', id, '/involvement', { involved: true });
    expect(answered.statusCode).toBe(200);
    expect(ids((await tableOf('present')).situations?.involvement)).not.toContain(id);
    expect(ids((await tableOf('lead')).situations?.involvement)).toContain(id);
  });

  it('lists an intervention to its lead and assisting agencies, with its clock, and to the chair', async () => {
    const id = await situationAt(client, cast, 'filter4');
    for (const who of ['lead', 'assisting', 'coordinator'] as const) {
      const item = (await tableOf(who)).situations?.interventions.items.find((i) => i.id === id);
      expect(item?.firstContactDueAt).not.toBeNull();
      expect(item?.firstContactAt).toBeNull();
    }
    for (const who of ['originating', 'present', 'uninvolved'] as const) {
      expect(ids((await tableOf(who)).situations?.interventions)).not.toContain(id);
    }
    // Not overdue yet: the clock runs 48 hours from the assignment.
    expect(ids((await tableOf('coordinator')).decisions?.firstContactOverdue)).not.toContain(id);
    await t.database.db
      .updateTable('action_item')
      .set({ due_at: new Date(Date.now() - 3_600_000) })
      .where('situation_id', '=', id)
      .where('kind', '=', 'first_contact')
      .execute();
    expect(ids((await tableOf('coordinator')).decisions?.firstContactOverdue)).toContain(id);
  });

  it('shows the chair presented situations and counts them all', async () => {
    const presented = [
      await situationAt(client, cast, 'filter2'),
      await situationAt(client, cast, 'filter2'),
    ];
    const decisions = (await tableOf('coordinator')).decisions!;
    expect(ids(decisions.presented)).toEqual(expect.arrayContaining(presented));
    expect(decisions.presented.total).toBe(decisions.presented.items.length);
    for (const who of ['originating', 'present', 'lead'] as const) {
      expect((await tableOf(who)).decisions).toBeNull();
    }
  });

  it('lists at most 20 of a section, last changed first, and counts them all', async () => {
    const before = (await tableOf('originating')).situations!.drafts.total;
    for (let n = 0; n < 21; n++) {
      const res = await client.call(
        'originating',
        'POST',
        `/api/tables/${cast.tableId}/situations`,
        {
          payload: draftBody(),
        },
      );
      expect(res.statusCode).toBe(201);
    }
    const drafts = (await tableOf('originating')).situations!.drafts;
    expect(drafts.total).toBe(before + 21);
    expect(drafts.items).toHaveLength(WORK_SECTION_LIMIT);
    const updated = drafts.items.map((item) => item.updatedAt);
    expect(updated).toEqual([...updated].sort().reverse());
  });

  it('shows the chair a pending membership to confirm', async () => {
    await createUser(t.database.db, {
      agencyId: cast.agencies.uninvolved,
      memberships: [{ tableId: cast.tableId, role: 'agency_rep', status: 'pending' }],
    });
    const pending = (await tableOf('coordinator')).pendingMemberships!;
    expect(pending.total).toBe(1);
    expect(pending.items[0]).toMatchObject({ role: 'agency_rep', canConfirm: true });
    expect((await tableOf('lead')).pendingMemberships).toBeNull();
  });

  it('shows a privacy officer who viewed identity, by reference, and records the read', async () => {
    const privacy = await createUser(t.database.db, {
      agencyId: cast.agencies.chair,
      memberships: [{ tableId: cast.tableId, role: 'privacy_officer' }],
    });
    const session = await signIn(t.app, privacy.email);
    const id = await situationAt(client, cast, 'filter3');
    expect((await client.get('present', `/api/situations/${id}/identity`)).statusCode).toBe(200);

    const entry = (await workOf(t, session)).tables.find((x) => x.table.id === cast.tableId)!;
    const view = entry.identityViews!.items.find((item) => item.situationId === id);
    expect(view).toMatchObject({ viewer: { id: cast.users.present.id } });
    expect(view!.reference).toMatch(/^[A-Z]{4}-\d{4}-\d{4}$/);
    expect(entry.situations).toBeNull();
    const reads = await t.database.db
      .selectFrom('audit_event')
      .select('id')
      .where('user_id', '=', privacy.id)
      .where('action', '=', 'audit.search')
      .execute();
    expect(reads.length).toBeGreaterThanOrEqual(1);
  });

  it('holds a table’s work back until its agreement is accepted', async () => {
    const rep = await createUser(t.database.db, {
      agencyId: cast.agencies.uninvolved,
      memberships: [{ tableId: cast.tableId, role: 'agency_rep', acceptAgreement: false }],
    });
    const home = await workOf(t, await signIn(t.app, rep.email));
    expect(home.tables).toEqual([
      expect.objectContaining({
        access: 'agreement_required',
        situations: null,
        nextMeeting: null,
      }),
    ]);
  });

  it('gives a person without a table no work, and refuses without a session', async () => {
    const loner = await createUser(t.database.db, { agencyId: cast.agencies.uninvolved });
    expect(await workOf(t, await signIn(t.app, loner.email))).toEqual({ tables: [] });
    const outsider = await tableOf('outsider').catch((error: Error) => error);
    expect(outsider).toBeInstanceOf(Error);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/me/work' });
    expect(anonymous.statusCode).toBe(401);
  });
});
