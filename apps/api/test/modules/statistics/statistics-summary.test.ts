import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ROUNDING_BASE,
  statsSummarySchema,
  type PublishedCount,
  type StatsSummary,
} from '@fourfold/shared/statistics';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';
import {
  NOTE_TEXT,
  PERSONAL_VALUES,
  SituationClient,
  createCast,
  draftBody,
  type Cast,
} from '../../helpers/situations';
import { currentMonth, walk } from './fixtures';

let t: TestApp;
let cast: Cast;
let client: SituationClient;
const month = currentMonth();
const SUMMARY_TEXT = draftBody().summary as string;

beforeAll(async () => {
  t = await createTestApp();
  cast = await createCast(t.app, t.database.db);
  client = new SituationClient(t.app, t.database.db, cast);
  for (let i = 0; i < 5; i++) await walk(client, cast, { stage: 'closed' });
  await walk(client, cast, {
    stage: 'closed',
    body: { situationType: 'family', gender: 'multiple', ageBand: 'multiple' },
    conclusion: 'still_refused',
  });
  await walk(client, cast, { stage: 'rejected' });
  await walk(client, cast, { stage: 'rejected', rejectionReason: 'not_aer' });
  // Not discussed yet: counts nowhere.
  await walk(client, cast, { stage: 'filter2' });
}, 120_000);
afterAll(async () => closeTestApp(t));

async function summary(query: string, who: 'analyst' | 'coordinator' = 'analyst') {
  const res = await client.get(who, `/api/stats/summary?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return statsSummarySchema.parse(res.json());
}

const breakdown = (s: StatsSummary, dimension: string) =>
  s.breakdowns.find((b) => b.dimension === dimension)!;
const row = (s: StatsSummary, dimension: string, key: string) =>
  breakdown(s, dimension).rows.find((r) => r.key === key);

function publishedCounts(s: StatsSummary): PublishedCount[] {
  return s.breakdowns.flatMap((b) => [
    ...b.rows.flatMap((r) => [r.total, ...r.periods]),
    ...(b.periodTotals ?? []),
    ...(b.total === null ? [] : [b.total]),
  ]);
}

describe('GET /api/stats/summary', () => {
  it('counts each discussed situation once, in the month of its decision (not filter 2)', async () => {
    const cells = await t.database.db
      .selectFrom('stats_cell')
      .select(['dimension', 'key', 'n'])
      .where('table_id', '=', cast.tableId)
      .where('dimension', 'in', ['discussions', 'outcome'])
      .execute();
    const n = (dimension: string, key: string) =>
      cells.find((c) => c.dimension === dimension && c.key === key)?.n;
    expect(n('discussions', 'all')).toBe(8);
    expect(n('outcome', 'accepted')).toBe(6);
    expect(n('outcome', 'rejected')).toBe(2);
    const facts = await t.database.db
      .selectFrom('situation_fact')
      .select(sql<string>`to_char(period, 'YYYY-MM')`.as('period'))
      .where('table_id', '=', cast.tableId)
      .execute();
    expect(facts).toHaveLength(8);
    expect(new Set(facts.map((f) => f.period))).toEqual(new Set([month]));
  });

  it('publishes only 0, multiples of the base at least the threshold, or "suppressed"', async () => {
    const s = await summary(`from=${month}&to=${month}`);
    expect(s.tables).toEqual([{ id: cast.tableId, name: expect.any(String) }]);
    expect(s.periods).toEqual([month]);
    expect(s.threshold).toBe(5);
    expect(s.roundingBase).toBe(ROUNDING_BASE);
    expect(s.breakdowns.map((b) => b.dimension)).toContain('risk_factor_pair');
    for (const count of publishedCounts(s)) {
      if (count === 'suppressed' || count === 0) continue;
      expect(count).toBeGreaterThanOrEqual(5);
      expect(count % ROUNDING_BASE).toBe(0);
    }
    // Small true counts never show.
    expect(row(s, 'outcome', 'rejected')?.total).toBe('suppressed');
    expect(row(s, 'situation_type', 'family')?.total).toBe('suppressed');
    expect(row(s, 'situation_type', 'family')?.periods).toEqual(['suppressed']);
    expect(row(s, 'conclusion', 'still_elevated')?.total).toBe('suppressed');
    expect(row(s, 'rejection_reason', 'not_aer')?.total).toBe('suppressed');
    // Keys nobody has are left out; rows follow the code lists' order.
    expect(row(s, 'situation_type', 'group')).toBeUndefined();
    const types = breakdown(s, 'situation_type').rows.map((r) => r.key);
    expect(types).toEqual(['individual', 'family']);
    // Eight discussions, one cell: rounded to 5 or 10, and the same for every additive dimension.
    const discussions = row(s, 'discussions', 'all')!;
    expect([5, 10]).toContain(discussions.total);
    expect(breakdown(s, 'outcome').total).toBe(discussions.total);
    expect(breakdown(s, 'situation_type').periodTotals).toEqual(discussions.periods);
    expect(breakdown(s, 'risk_factor').periodTotals).toBeNull();
    // Rejected situations keep no factors: five accepted of one kind, one of the other.
    expect(row(s, 'risk_factor', 'alcohol.abuse')?.total).toEqual(expect.any(Number));
  });

  it('works shares and medians out of published counts, null where suppression hides them', async () => {
    const s = await summary(`from=${month}&to=${month}`);
    // Risk lowered 5, still elevated 1 (suppressed): no share.
    expect(s.shares.riskLowered.overall).toBeNull();
    expect(s.shares.riskLowered.periods).toEqual([null]);
    const accepted = row(s, 'outcome', 'accepted')!.total;
    const discussions = row(s, 'discussions', 'all')!.total;
    expect(s.shares.accepted.overall).toBe(
      typeof accepted === 'number' && typeof discussions === 'number'
        ? Math.min(1, accepted / discussions)
        : null,
    );
    // Every first contact the same day (bucket 0) and every closure within a week.
    expect(s.shares.firstContactWithinTarget.overall).toBe(1);
    expect(s.medians.daysToFirstContact).toEqual({ overall: '0', periods: ['0'] });
    expect(s.medians.daysOpen).toEqual({ overall: '0_7', periods: ['0_7'] });
  });

  it('gives the same answer to the same question, by month or quarter', async () => {
    const a = await summary(`from=${month}&to=${month}`);
    const b = await summary(`from=${month}&to=${month}&tableId=${cast.tableId}`);
    expect(b).toEqual(a);
    const q = await summary(`from=${month}&to=${month}&interval=quarter`);
    expect(q.periods).toEqual([
      `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5)) - 1) / 3) + 1}`,
    ]);
    expect(row(q, 'discussions', 'all')!.total).toBe(row(a, 'discussions', 'all')!.total);
  });

  it('answers a window with nothing in it with zeros and no rows', async () => {
    const s = await summary('from=2001-01&to=2001-03');
    expect(s.periods).toEqual(['2001-01', '2001-02', '2001-03']);
    expect(breakdown(s, 'discussions').rows).toEqual([]);
    expect(breakdown(s, 'outcome').periodTotals).toEqual([0, 0, 0]);
    expect(breakdown(s, 'outcome').total).toBe(0);
    expect(s.shares.accepted.overall).toBeNull();
    expect(s.medians.daysOpen.overall).toBeNull();
  });

  it('lets the coordinator read their own table', async () => {
    const s = await summary(`from=${month}&to=${month}`, 'coordinator');
    expect(s.tables.map((x) => x.id)).toEqual([cast.tableId]);
  });

  it('carries no identity, summary or note text', async () => {
    await summary(`from=${month}&to=${month}`);
    const bodies = client.responses
      .filter((r) => r.url.startsWith('/api/stats/'))
      .map((r) => r.body)
      .join('\n');
    for (const value of [...PERSONAL_VALUES, NOTE_TEXT, SUMMARY_TEXT, 'side door']) {
      expect(bodies).not.toContain(value);
    }
  });

  it('records one statistics.read event per table read', async () => {
    const before = await t.database.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('action', '=', 'statistics.read')
      .where('table_id', '=', cast.tableId)
      .where('user_id', '=', cast.users.analyst.id)
      .where('outcome', '=', 'allowed')
      .executeTakeFirstOrThrow();
    await summary(`from=${month}&to=${month}`);
    const after = await t.database.db
      .selectFrom('audit_event')
      .select(['data_category', 'role'])
      .where('action', '=', 'statistics.read')
      .where('table_id', '=', cast.tableId)
      .where('user_id', '=', cast.users.analyst.id)
      .where('outcome', '=', 'allowed')
      .execute();
    expect(after).toHaveLength(Number(before.n) + 1);
    expect(after[0]).toEqual({ data_category: 'statistics', role: 'analyst' });
  });
});
