import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statsSummarySchema } from '@fourfold/shared/statistics';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';
import {
  createAgency,
  createTable,
  createUser,
  signIn,
  type SignedIn,
} from '../../helpers/fixtures';

let t: TestApp;
const db = () => t.database.db;
let tableA: string;
let tableB: string;
let tableStrict: string;
const people = {} as Record<
  | 'analystA'
  | 'analystAB'
  | 'analystARepB'
  | 'coordinatorA'
  | 'rep'
  | 'privacyOfficer'
  | 'administrator'
  | 'analystStrict'
  | 'analystAStrict',
  SignedIn & { id: string }
>;

beforeAll(async () => {
  t = await createTestApp();
  const agency = (await createAgency(db(), { sector: 'public_health' })).id;
  tableA = (await createTable(db(), { agencyIds: [agency] })).id;
  tableB = (await createTable(db(), { agencyIds: [agency] })).id;
  tableStrict = (await createTable(db(), { agencyIds: [agency], requiresSecondFactor: true })).id;
  const person = async (
    memberships: Array<{
      tableId: string;
      role: 'analyst' | 'coordinator' | 'agency_rep' | 'privacy_officer';
    }>,
    options: { isAdministrator?: boolean } = {},
  ) => {
    const user = await createUser(db(), {
      agencyId: options.isAdministrator ? null : agency,
      isAdministrator: options.isAdministrator ?? false,
      memberships,
    });
    return { ...(await signIn(t.app, user.email)), id: user.id };
  };
  people.analystA = await person([{ tableId: tableA, role: 'analyst' }]);
  people.analystAB = await person([
    { tableId: tableA, role: 'analyst' },
    { tableId: tableB, role: 'analyst' },
  ]);
  people.analystARepB = await person([
    { tableId: tableA, role: 'analyst' },
    { tableId: tableB, role: 'agency_rep' },
  ]);
  people.coordinatorA = await person([{ tableId: tableA, role: 'coordinator' }]);
  people.rep = await person([{ tableId: tableA, role: 'agency_rep' }]);
  people.privacyOfficer = await person([{ tableId: tableA, role: 'privacy_officer' }]);
  people.administrator = await person([], { isAdministrator: true });
  people.analystStrict = await person([{ tableId: tableStrict, role: 'analyst' }]);
  people.analystAStrict = await person([
    { tableId: tableA, role: 'analyst' },
    { tableId: tableStrict, role: 'analyst' },
  ]);
}, 60_000);
afterAll(async () => closeTestApp(t));

const WINDOW = 'from=2026-01&to=2026-06';

function get(who: keyof typeof people | null, query: string) {
  return t.app.inject({
    method: 'GET',
    url: `/api/stats/summary?${query}`,
    headers: who ? people[who].headers : {},
  });
}

async function statisticsEvents(outcome?: 'allowed' | 'denied') {
  const row = await db()
    .selectFrom('audit_event')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('action', '=', 'statistics.read')
    .$if(outcome !== undefined, (qb) => qb.where('outcome', '=', outcome!))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('who may read the statistics summary', () => {
  it('gives an analyst of A and B both tables, and either alone', async () => {
    const both = await get('analystAB', WINDOW);
    expect(both.statusCode, both.body).toBe(200);
    const ids = statsSummarySchema.parse(both.json()).tables.map((x) => x.id);
    expect(new Set(ids)).toEqual(new Set([tableA, tableB]));
    const one = await get('analystAB', `${WINDOW}&tableId=${tableB}`);
    expect(one.json().tables.map((x: { id: string }) => x.id)).toEqual([tableB]);
  });

  it('answers 404 for a table the analyst may not read, as for one that does not exist', async () => {
    for (const [who, tableId] of [
      ['analystA', tableB],
      ['analystA', randomUUID()],
      ['analystARepB', tableB],
      ['coordinatorA', tableB],
    ] as const) {
      const denied = await statisticsEvents('denied');
      const res = await get(who, `${WINDOW}&tableId=${tableA}&tableId=${tableId}`);
      expect(res.statusCode, `${who} ${res.body}`).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(await statisticsEvents('denied')).toBe(denied + 1);
    }
  });

  it('lets a coordinator read their own table only', async () => {
    const res = await get('coordinatorA', WINDOW);
    expect(res.statusCode).toBe(200);
    expect(res.json().tables.map((x: { id: string }) => x.id)).toEqual([tableA]);
  });

  it('refuses agency representatives, privacy officers and administrators', async () => {
    for (const who of ['rep', 'privacyOfficer', 'administrator'] as const) {
      const res = await get(who, `${WINDOW}&tableId=${tableA}`);
      expect(res.statusCode, who).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
  });

  it('tells a session without a second factor that the table requires one', async () => {
    const res = await get('analystStrict', `${WINDOW}&tableId=${tableStrict}`);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('SECOND_FACTOR_REQUIRED');
    expect((await get('analystStrict', WINDOW)).json().code).toBe('SECOND_FACTOR_REQUIRED');
    // Among other tables, the one it cannot open now is left out of the default set.
    const mixed = await get('analystAStrict', WINDOW);
    expect(mixed.statusCode).toBe(200);
    expect(mixed.json().tables.map((x: { id: string }) => x.id)).toEqual([tableA]);
  });

  it('answers 401 without a session', async () => {
    const res = await get(null, WINDOW);
    expect(res.statusCode).toBe(401);
  });

  it('answers 400 to a bad query and audits nothing', async () => {
    const before = await statisticsEvents();
    for (const query of [
      'from=2026-06&to=2026-01',
      'from=2026-13&to=2026-12',
      'from=2026-1&to=2026-02',
      'to=2026-02',
      'from=2016-01&to=2026-01',
      `${WINDOW}&interval=week`,
      `${WINDOW}&tableId=not-a-uuid`,
    ]) {
      const res = await get('analystA', query);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    // 120 months is the most one summary spans.
    expect((await get('analystA', 'from=2016-02&to=2026-01')).statusCode).toBe(200);
    expect(await statisticsEvents()).toBe(before + 1);
  });
});
