/**
 * How many statements (round trips to the database) a request makes (#12, point 2), BEGIN and
 * COMMIT included: the situation list in 1 (the person with their session and memberships read
 * inside the page's own statement: lib/person-along.ts) and one situation in 2 (the person, then
 * the situation with everything its view shows), for every role and stage. Each count is exact, so a statement added on these paths fails
 * its test and has to be argued for here.
 *
 * Workflow writes make at most 8 (BEGIN, COMMIT and the audit event included): see
 * WRITE_STATEMENTS for what each statement is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';
import {
  IDENTITY,
  SituationClient,
  createCast,
  draftBody,
  situationAt,
  type Cast,
  type Who,
} from '../../helpers/situations';
import { describeStatements, injectCounting } from '../../helpers/statement-count';

/**
 * Statements per workflow write. Common to all: the person (1), the situation read once (1; for
 * the steps after presenting, locked inside the transaction), BEGIN, the versioned update with its
 * audit event and the write's simple rows in one statement (CTEs that run only when the version
 * moved; it also reads the repeat links before the write), the steps after every write with the
 * situation as it now is (1: `situation_after_write` — the statistics facts, stored against fresh,
 * of it and its repeat links, and the open meetings' events with their NOTIFY — in the statement
 * that reads the situation), COMMIT: 6. Then each write's own statements.
 */
// prettier-ignore
const WRITE_STATEMENTS = {
  editDraft: 8, // + the codes checked in one statement, the stored name parts (the codes are replaced in the update's statement)
  identity: 6, // (the sealed identity saved in the update's statement; the repeat detection — the table's lock, the fingerprints replaced, the links made and withdrawn with their audit events — in the call of the steps after every write: `situation_after_identity_write`, migration 0025)
  present: 7, // + the stored name parts
  decide: 7, // + the member agencies (the agencies present are inserted in the update's statement)
  involvement: 6, // (the involvement is recorded in the update's statement)
  assign: 8, // + the member agencies, the notifications to lead and assisting with their NOTIFY in one (assisting agencies and the first-contact item, with its meeting events, in the update's statement)
  conclude: 8, // + the conclusion (and no-contact) codes in one, the open action items cancelled
} as const;

describe('round trips per request', () => {
  let t: TestApp;
  let cast: Cast;
  let client: SituationClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.app, t.database.db);
    client = new SituationClient(t.app, t.database.db, cast);
    for (const stage of ['draft', 'filter2', 'filter3', 'filter4', 'closed', 'rejected'] as const) {
      ids[stage] = await situationAt(client, cast, stage);
    }
    // A second situation per stage, so that a page of one ends with a cursor.
    for (const stage of ['filter2', 'filter4'] as const) await situationAt(client, cast, stage);
  }, 120_000);
  afterAll(async () => {
    await closeTestApp(t);
  });

  async function counted(
    who: Who,
    options: Omit<InjectOptions, 'headers'> & { ifMatch?: string },
  ): Promise<{ status: number; body: string; json: () => unknown; statements: string[] }> {
    const { ifMatch, ...rest } = options;
    const headers: Record<string, string> = { ...cast.sessions[who].headers };
    if (ifMatch) headers['if-match'] = ifMatch;
    const { res, statements } = await injectCounting(t.app, { ...rest, headers });
    return { status: res.statusCode, body: res.body, json: () => res.json(), statements };
  }

  function expectStatements(
    result: { status: number; body: string; statements: string[] },
    status: number,
    expected: number,
  ) {
    expect(result.status, result.body).toBe(status);
    expect(result.statements, describeStatements(result.statements)).toHaveLength(expected);
  }

  const listUrl = (query: string) => `/api/tables/${cast.tableId}/situations?${query}`;

  describe('the situation list: 1 statement', () => {
    it.each([
      ['originating', 'limit=1&stage=filter2'],
      ['originating', 'limit=2&sort=reference&order=asc'],
      ['coordinator', 'limit=1&stage=filter4&sort=firstContactDue'],
      ['coordinator', 'limit=2&overdue=true&sort=created&order=desc'],
      ['uninvolved', 'limit=1&q=2026'],
    ] as const)('as %s with %s, first page and the next', async (who, query) => {
      const first = await counted(who, { method: 'GET', url: listUrl(query) });
      expectStatements(first, 200, 1);
      const { nextCursor } = first.json() as { nextCursor: string | null };
      if (nextCursor === null) return;
      const next = await counted(who, {
        method: 'GET',
        url: listUrl(`${query}&cursor=${encodeURIComponent(nextCursor)}`),
      });
      expectStatements(next, 200, 1);
    });

    it('the stage counts: 2 statements', async () => {
      for (const who of ['originating', 'coordinator'] as const) {
        const res = await counted(who, {
          method: 'GET',
          url: `${listUrl('')}`.replace('situations?', 'situations/counts?'),
        });
        expectStatements(res, 200, 2);
      }
    });
  });

  describe('one situation: 2 statements', () => {
    it.each([
      ['draft', 'originating'],
      ['filter2', 'uninvolved'],
      ['filter3', 'present'],
      ['filter4', 'lead'],
      ['closed', 'coordinator'],
      ['rejected', 'originating'],
    ] as const)('at %s, read by the %s agency', async (stage, who) => {
      const res = await counted(who, { method: 'GET', url: `/api/situations/${ids[stage]}` });
      expectStatements(res, 200, 2);
    });
  });

  describe('workflow writes: at most 8 statements', () => {
    it('editing a draft, its identity, presenting, deciding, involvement, assigning, concluding', async () => {
      const id = await situationAt(client, cast, 'draft');
      const write = async (who: Who, method: 'POST' | 'PUT', path: string, payload?: unknown) =>
        counted(who, {
          method,
          url: `/api/situations/${id}${path}`,
          ...(payload !== undefined ? { payload: payload as object } : {}),
          ifMatch: await client.etag(id),
        });
      expectStatements(
        await write('originating', 'PUT', '', draftBody()),
        200,
        WRITE_STATEMENTS.editDraft,
      );
      expectStatements(
        await write('originating', 'PUT', '/identity', IDENTITY),
        200,
        WRITE_STATEMENTS.identity,
      );
      expectStatements(
        await write('originating', 'POST', '/submit'),
        200,
        WRITE_STATEMENTS.present,
      );
      const agenciesPresent = [cast.agencies.present, cast.agencies.lead, cast.agencies.assisting];
      expectStatements(
        await write('coordinator', 'POST', '/decision', { outcome: 'accepted', agenciesPresent }),
        200,
        WRITE_STATEMENTS.decide,
      );
      expectStatements(
        await write('present', 'POST', '/involvement', { involved: true }),
        200,
        WRITE_STATEMENTS.involvement,
      );
      expectStatements(
        await write('coordinator', 'POST', '/assignment', {
          leadAgencyId: cast.agencies.lead,
          assistingAgencyIds: [cast.agencies.assisting],
        }),
        200,
        WRITE_STATEMENTS.assign,
      );
      await write('lead', 'POST', '/contact', { at: new Date().toISOString(), outcome: 'engaged' });
      expectStatements(
        await write('coordinator', 'POST', '/close', { conclusion: 'lowered_connected' }),
        200,
        WRITE_STATEMENTS.conclude,
      );
    });

    it('an identity that links repeats, then one that withdraws them: as many, however many links change', async () => {
      const id = await situationAt(client, cast, 'draft', { identity: false });
      const save = async (identity: unknown) =>
        counted('originating', {
          method: 'PUT',
          url: `/api/situations/${id}/identity`,
          payload: identity as object,
          ifMatch: await client.etag(id),
        });
      const repeatEvents = async (action: string) =>
        (
          await t.database.db
            .selectFrom('audit_event')
            .select('target')
            .where('situation_id', '=', id)
            .where('action', '=', action)
            .execute()
        ).length;
      // The person every other situation of the file has: a link to each.
      expectStatements(await save(IDENTITY), 200, WRITE_STATEMENTS.identity);
      const detected = await repeatEvents('situation.repeat.detect');
      expect(detected).toBeGreaterThan(1);
      const someoneElse = {
        people: [{ givenName: 'Quillon', familyName: 'Arbusto', dateOfBirth: '1961-07-08' }],
      };
      expectStatements(await save(someoneElse), 200, WRITE_STATEMENTS.identity);
      expect(await repeatEvents('situation.repeat.withdraw')).toBe(detected);
    });
  });
});
