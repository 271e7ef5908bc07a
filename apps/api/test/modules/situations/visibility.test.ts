/**
 * Who sees what, at every stage, through the real API: the de-identified situation, the
 * identity, and the lists. The expectations are written out, one row per stage, from the domain
 * (shared/domain/README.md, "The Four Filter process"): identity to the originating agency
 * throughout, to the agencies present at filter 3, to the lead and assisting agencies from
 * filter 4, to nobody once rejected; drafts to the originating agency only; analysts (one of them
 * also a representative of the originating agency on another table) and members of other tables
 * never see situation content. No response except an allowed identity view may
 * carry the person's name, date of birth or address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stages, type Stage } from '@fourfold/shared/situation-workflow';
import { situationListSchema, situationStageCountsSchema } from '@fourfold/shared/situations';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';
import { createUser, signIn } from '../../helpers/fixtures';
import {
  PERSONAL_VALUES,
  SituationClient,
  createCast,
  leaksIn,
  situationAt,
  whos,
  type Cast,
  type Who,
} from '../../helpers/situations';

/** [GET situation, GET identity]; a 403 on identity is always IDENTITY_NOT_AVAILABLE. */
type Seen = readonly [situation: 200 | 404, identity: 200 | 403 | 404];

// In these situations the present, lead and assisting agencies were all present at the decision;
// at filter 3 "lead" and "assisting" are merely present (no lead is named until filter 4).
// prettier-ignore
const expected: Record<Stage, Record<Who, Seen>> = {
  draft: {
    originating: [200, 200], present: [404, 404], lead: [404, 404], assisting: [404, 404],
    uninvolved: [404, 404], coordinator: [404, 404], analyst: [404, 404], outsider: [404, 404],
    analystRepElsewhere: [404, 404],
  },
  filter2: {
    originating: [200, 200], present: [200, 403], lead: [200, 403], assisting: [200, 403],
    uninvolved: [200, 403], coordinator: [200, 403], analyst: [404, 404], outsider: [404, 404],
    analystRepElsewhere: [404, 404],
  },
  rejected: {
    originating: [200, 403], present: [200, 403], lead: [200, 403], assisting: [200, 403],
    uninvolved: [200, 403], coordinator: [200, 403], analyst: [404, 404], outsider: [404, 404],
    analystRepElsewhere: [404, 404],
  },
  filter3: {
    originating: [200, 200], present: [200, 200], lead: [200, 200], assisting: [200, 200],
    uninvolved: [200, 403], coordinator: [200, 403], analyst: [404, 404], outsider: [404, 404],
    analystRepElsewhere: [404, 404],
  },
  filter4: {
    originating: [200, 200], present: [200, 403], lead: [200, 200], assisting: [200, 200],
    uninvolved: [200, 403], coordinator: [200, 403], analyst: [404, 404], outsider: [404, 404],
    analystRepElsewhere: [404, 404],
  },
  closed: {
    originating: [200, 200], present: [200, 403], lead: [200, 200], assisting: [200, 200],
    uninvolved: [200, 403], coordinator: [200, 403], analyst: [404, 404], outsider: [404, 404],
    analystRepElsewhere: [404, 404],
  },
};

/**
 * Who is refused the table's list and counts. The analyst sees the table (its statistics) but not
 * its situations: the authentication plugin refuses them, as it does the outsider, since they
 * hold no situation permission anywhere. The analyst who is a representative elsewhere gets past
 * it, so the policy itself must refuse them.
 */
const listRefusedTo: Partial<Record<Who, readonly [number, string]>> = {
  analyst: [404, 'NOT_FOUND'],
  analystRepElsewhere: [403, 'FORBIDDEN'],
  outsider: [404, 'NOT_FOUND'],
};

describe('who sees what, at every stage', () => {
  let t: TestApp;
  let cast: Cast;
  let client: SituationClient;
  const ids = {} as Record<Stage, string>;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.app, t.database.db);
    client = new SituationClient(t.app, t.database.db, cast);
    for (const stage of stages) ids[stage] = await situationAt(client, cast, stage);
  });
  afterAll(async () => closeTestApp(t));

  const auditRowsOf = async (requestId: string) =>
    t.database.db
      .selectFrom('audit_event')
      .select(['action', 'outcome', 'user_id', 'situation_id', 'data_category'])
      .where('request_id', '=', requestId)
      .execute();

  describe.each(stages)('at %s', (stage) => {
    it.each(whos)('%s', async (who) => {
      const id = ids[stage];
      const [situationStatus, identityStatus] = expected[stage][who];

      const situation = await client.get(who, `/api/situations/${id}`);
      expect(situation.statusCode, 'GET situation').toBe(situationStatus);
      if (situationStatus === 200) expect(situation.json().stage).toBe(stage);
      else expect(situation.json().code).toBe('NOT_FOUND');

      const identity = await client.get(who, `/api/situations/${id}/identity`);
      expect(identity.statusCode, 'GET identity').toBe(identityStatus);
      if (identityStatus === 403) expect(identity.json().code).toBe('IDENTITY_NOT_AVAILABLE');
      if (identityStatus === 200) {
        expect(identity.json().people[0].familyName).toBe('Quillfeather');
      }
      // Every identity request leaves exactly one audit event: the view, or the refusal.
      const events = await auditRowsOf(String(identity.headers['x-request-id']));
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject(
        identityStatus === 200
          ? {
              action: 'situation.identity.view',
              outcome: 'allowed',
              data_category: 'identity',
              user_id: cast.users[who].id,
              situation_id: id,
            }
          : { action: 'situation.viewIdentity', outcome: 'denied', data_category: 'identity' },
      );

      const list = await client.get(who, `/api/tables/${cast.tableId}/situations?limit=100`);
      const refused = listRefusedTo[who];
      if (refused) {
        expect([list.statusCode, list.json().code], 'list').toEqual(refused);
      } else {
        expect(list.statusCode, 'list').toBe(200);
        const items = situationListSchema.parse(list.json()).items;
        expect(items.map((item) => item.id).includes(id), 'listed').toBe(situationStatus === 200);
      }
      // The counts by stage count exactly what the list shows this person.
      const counts = await client.get(who, `/api/tables/${cast.tableId}/situations/counts`);
      if (refused) {
        expect([counts.statusCode, counts.json().code], 'counts').toEqual(refused);
      } else {
        const items = situationListSchema.parse(list.json()).items;
        const expected = Object.fromEntries(
          stages.map((s) => [s, items.filter((item) => item.stage === s).length]),
        );
        expect(situationStageCountsSchema.parse(counts.json()).counts, 'counts').toEqual(expected);
      }
    });
  });

  it('never let a name, date of birth or address out, except in an allowed identity view', () => {
    expect(client.responses.length).toBeGreaterThan(stages.length * whos.length * 3);
    expect(leaksIn(client.responses)).toEqual([]);
    // The allowed identity views did carry them (so the check above can see them at all).
    const views = client.responses.filter(
      (r) => r.method === 'GET' && r.url.endsWith('/identity') && r.status === 200,
    );
    expect(views.length).toBeGreaterThan(0);
    expect(views.every((r) => PERSONAL_VALUES.slice(0, 3).every((v) => r.body.includes(v)))).toBe(
      true,
    );
  });

  it('keeps personal values out of the audit log', async () => {
    const rows = await t.database.db.selectFrom('audit_event').selectAll().execute();
    const text = JSON.stringify(rows);
    for (const value of PERSONAL_VALUES) expect(text).not.toContain(value);
  });

  describe('the gates of the table', () => {
    it('refuses situation data to a session without a second factor where the table requires one', async () => {
      await t.database.db
        .updateTable('situation_table')
        .set({ requires_second_factor: true })
        .where('id', '=', cast.tableId)
        .execute();
      try {
        const situation = await client.get('present', `/api/situations/${ids.filter3}`);
        expect(situation.statusCode).toBe(403);
        expect(situation.json().code).toBe('SECOND_FACTOR_REQUIRED');
        const identity = await client.get('present', `/api/situations/${ids.filter3}/identity`);
        expect(identity.json().code).toBe('SECOND_FACTOR_REQUIRED');
        // Still 404 for a draft the caller could not see anyway.
        expect((await client.get('present', `/api/situations/${ids.draft}`)).statusCode).toBe(404);
        // The gate comes before the version and the stage: nothing about the situation is told.
        const write = await client.call(
          'originating',
          'POST',
          `/api/situations/${ids.filter3}/submit`,
        );
        expect(write.json().code).toBe('SECOND_FACTOR_REQUIRED');
      } finally {
        await t.database.db
          .updateTable('situation_table')
          .set({ requires_second_factor: false })
          .where('id', '=', cast.tableId)
          .execute();
      }
    });

    it('refuses situation data to a member who has not accepted the agreement', async () => {
      const user = await createUser(t.database.db, {
        agencyId: cast.agencies.present,
        memberships: [{ tableId: cast.tableId, role: 'agency_rep', acceptAgreement: false }],
      });
      const session = await signIn(t.app, user.email);
      const situation = await client.get(session, `/api/situations/${ids.filter3}`);
      expect(situation.statusCode).toBe(403);
      expect(situation.json().code).toBe('AGREEMENT_REQUIRED');
      const identity = await client.get(session, `/api/situations/${ids.filter3}/identity`);
      expect(identity.json().code).toBe('AGREEMENT_REQUIRED');
      const list = await client.get(session, `/api/tables/${cast.tableId}/situations`);
      expect(list.json().code).toBe('AGREEMENT_REQUIRED');
    });
  });
});
