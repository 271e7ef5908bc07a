/**
 * The attacker: an analyst granted tables A and B who knows the method and asks as many summaries
 * as they like, trying to learn the small counts of table A in June 2025 (1 to 4 situations each).
 * Every estimate they can form is a difference of published answers (by window, by table set, or
 * a total less its parts); each must be a multiple of the rounding base — never the true count,
 * which is not — or need a suppressed count. Estimates that isolate the same cells agree, and the
 * same question gets the same answer, so averaging learns nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ROUNDING_BASE,
  SUPPRESSED,
  statsSummarySchema,
  type PublishedCount,
  type StatsSummary,
} from '@fourfold/shared/statistics';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';
import {
  createAgency,
  createTable,
  createUser,
  signIn,
  type SignedIn,
} from '../../helpers/fixtures';
import { countFacts, fact } from './fixtures';
import type { SituationFact } from '../../../src/modules/statistics/situation-facts';
import {
  allTableIds,
  summaryCells,
  type SummaryCell,
} from '../../../src/modules/statistics/statistics.repository';

let t: TestApp;
let analyst: SignedIn;
let tableA: string;
let tableB: string;

const MONTHS = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06'];
const JUNE = 5;

/** The small cells of table A in June, with their true counts; A has none of them elsewhere. */
const TARGETS = [
  { dimension: 'situation_type', key: 'group', n: 3 },
  { dimension: 'age_band', key: '60_plus', n: 2 },
  { dimension: 'risk_factor', key: 'elder_abuse.victim', n: 1 },
  { dimension: 'study_flag', key: 'human_trafficking', n: 4 },
] as const;

function dataset(): SituationFact[] {
  const facts: SituationFact[] = [];
  const ages = ['18_24', '25_29', '30_39', '40_59'];
  for (const [m, month] of MONTHS.entries()) {
    const period = `${month}-01`;
    // A: forty ordinary situations a month...
    for (let i = 0; i < 40; i++) {
      facts.push(
        fact({
          tableId: tableA,
          period,
          ageBand: ages[i % 4]!,
          gender: i % 2 ? 'male' : 'female',
          daysOpen: 5 + i,
        }),
      );
    }
    // ... and in June the small cells, one kind per situation.
    if (m === JUNE) {
      for (let i = 0; i < 3; i++) {
        facts.push(fact({ tableId: tableA, period, situationType: 'group', gender: 'multiple' }));
      }
      for (let i = 0; i < 2; i++) facts.push(fact({ tableId: tableA, period, ageBand: '60_plus' }));
      facts.push(
        fact({
          tableId: tableA,
          period,
          riskFactors: ['alcohol.abuse', 'antisocial.threats', 'elder_abuse.victim'],
          riskCategories: ['alcohol', 'antisocial', 'elder_abuse'],
        }),
      );
      for (let i = 0; i < 4; i++) {
        facts.push(fact({ tableId: tableA, period, studyFlags: ['human_trafficking'] }));
      }
    }
    // B: enough of every kind each month that its counts are published.
    for (let i = 0; i < 30; i++) facts.push(fact({ tableId: tableB, period }));
    for (let i = 0; i < 10; i++) {
      facts.push(fact({ tableId: tableB, period, situationType: 'group', gender: 'multiple' }));
    }
    for (let i = 0; i < 7; i++) facts.push(fact({ tableId: tableB, period, ageBand: '60_plus' }));
    for (let i = 0; i < 8; i++) {
      facts.push(
        fact({
          tableId: tableB,
          period,
          riskFactors: ['elder_abuse.victim'],
          riskCategories: ['elder_abuse'],
        }),
      );
    }
    for (let i = 0; i < 6; i++) {
      facts.push(fact({ tableId: tableB, period, studyFlags: ['human_trafficking'] }));
    }
  }
  return facts;
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const agency = (await createAgency(db)).id;
  tableA = (await createTable(db, { agencyIds: [agency] })).id;
  tableB = (await createTable(db, { agencyIds: [agency] })).id;
  const user = await createUser(db, {
    agencyId: agency,
    memberships: [
      { tableId: tableA, role: 'analyst' },
      { tableId: tableB, role: 'analyst' },
    ],
  });
  analyst = await signIn(t.app, user.email);
  await countFacts(db, dataset());
}, 60_000);
afterAll(async () => closeTestApp(t));

const asked = new Map<string, StatsSummary>();
async function ask(tables: string[], from: string, to: string, interval = 'month') {
  const query = [
    ...tables.map((id) => `tableId=${id}`),
    `from=${from}`,
    `to=${to}`,
    `interval=${interval}`,
  ].join('&');
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/stats/summary?${query}`,
    headers: analyst.headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  const summary = statsSummarySchema.parse(res.json());
  // Asking again never gives another answer.
  const before = asked.get(query);
  if (before) expect(summary).toEqual(before);
  asked.set(query, summary);
  return summary;
}

type Row = { total: PublishedCount; periods: PublishedCount[] };
const rowOf = (s: StatsSummary, dimension: string, key: string): Row => {
  const found = s.breakdowns
    .find((b) => b.dimension === dimension)!
    .rows.find((r) => r.key === key);
  return found ?? { total: 0, periods: s.periods.map(() => 0) };
};

/** a − b − …, or null when a suppressed count stands in the way. */
function difference(...terms: PublishedCount[]): number | null {
  if (terms.some((x) => x === SUPPRESSED)) return null;
  const [first, ...rest] = terms as number[];
  return rest.reduce((acc, x) => acc - x, first!);
}

describe('the attacker', () => {
  it('sees every small cell of A suppressed when asking about A alone', async () => {
    for (const from of MONTHS) {
      const s = await ask([tableA], from, '2025-06');
      for (const target of TARGETS) {
        const row = rowOf(s, target.dimension, target.key);
        expect(row.total).toBe(SUPPRESSED);
        expect(row.periods.at(-1)).toBe(SUPPRESSED);
      }
    }
  });

  it('recovers none of them by differencing windows, table sets or totals, nor by averaging', async () => {
    const AB = [tableA, tableB];
    const B = [tableB];
    for (const target of TARGETS) {
      const { dimension, key, n } = target;
      /** Estimates that isolate exactly the cell (A, June, key): they must all agree. */
      const isolating: number[] = [];
      /** Every other estimate the attacker can form of the same count. */
      const others: number[] = [];
      const keep = (into: number[], value: number | null) => {
        if (value !== null) into.push(value);
      };

      const bJune = await ask(B, '2025-06', '2025-06');
      for (const from of MONTHS) {
        const abToJune = await ask(AB, from, '2025-06');
        const bToJune = await ask(B, from, '2025-06');
        // {A,B} − {B}, over the window and in June's column.
        keep(
          isolating,
          difference(rowOf(abToJune, dimension, key).total, rowOf(bToJune, dimension, key).total),
        );
        keep(
          isolating,
          difference(
            rowOf(abToJune, dimension, key).periods.at(-1)!,
            rowOf(bToJune, dimension, key).periods.at(-1)!,
          ),
        );
        if (from !== '2025-06') {
          // Jan–Jun less Jan–May (of both tables), less B's June.
          const abToMay = await ask(AB, from, '2025-05');
          keep(
            isolating,
            difference(
              rowOf(abToJune, dimension, key).total,
              rowOf(abToMay, dimension, key).total,
              rowOf(bJune, dimension, key).total,
            ),
          );
        }
      }
      // The second quarter less April and May, less B's June.
      const quarter = await ask(AB, '2025-04', '2025-06', 'quarter');
      const aprMay = await ask(AB, '2025-04', '2025-05');
      keep(
        isolating,
        difference(
          rowOf(quarter, dimension, key).periods[0]!,
          rowOf(aprMay, dimension, key).total,
          rowOf(bJune, dimension, key).total,
        ),
      );

      // A's June total less its published parts (additive dimensions only).
      const aJune = await ask([tableA], '2025-06', '2025-06');
      const breakdown = aJune.breakdowns.find((b) => b.dimension === dimension)!;
      if (breakdown.periodTotals) {
        const parts = breakdown.rows.filter((r) => r.key !== key).map((r) => r.periods[0]!);
        keep(others, difference(breakdown.periodTotals[0]!, ...parts));
      }
      // {A,B} June's total less B's June total, less A's published parts.
      const abJune = await ask(AB, '2025-06', '2025-06');
      const abBreakdown = abJune.breakdowns.find((b) => b.dimension === dimension)!;
      if (abBreakdown.total !== null && breakdown.periodTotals) {
        const bTotal = bJune.breakdowns.find((b) => b.dimension === dimension)!.total!;
        const parts = breakdown.rows.filter((r) => r.key !== key).map((r) => r.periods[0]!);
        keep(others, difference(abBreakdown.total, bTotal, ...parts));
      }

      expect(isolating.length, dimension).toBeGreaterThanOrEqual(10);
      for (const estimate of [...isolating, ...others]) {
        expect(estimate % ROUNDING_BASE, `${dimension} ${estimate}`).toBe(0);
        expect(estimate).not.toBe(n);
      }
      // Every route to the cell gives the one rounded value: averaging them gives it again.
      expect(new Set(isolating).size, `${dimension}: ${isolating.join(', ')}`).toBe(1);
      const average = isolating.reduce((a, b) => a + b, 0) / isolating.length;
      expect(average).not.toBe(n);
      expect(average % ROUNDING_BASE).toBe(0);
    }
  });

  it('never publishes a count between 1 and the threshold − 1', async () => {
    for (const summary of asked.values()) {
      const counts = summary.breakdowns.flatMap((b) => [
        ...b.rows.flatMap((r) => [r.total, ...r.periods]),
        ...(b.periodTotals ?? []),
        ...(b.total === null ? [] : [b.total]),
      ]);
      for (const count of counts) {
        if (count === SUPPRESSED || count === 0) continue;
        expect(count).toBeGreaterThanOrEqual(summary.threshold);
        expect(count % ROUNDING_BASE).toBe(0);
      }
    }
    expect(asked.size).toBeGreaterThan(15);
  });

  it('gets the same sums from the all-tables total less the rest as from the tables themselves', async () => {
    const db = t.database.db;
    const agency = (await createAgency(db)).id;
    const tableC = (await createTable(db, { agencyIds: [agency] })).id;
    await countFacts(db, [fact({ tableId: tableC, period: '2025-06-01', situationType: 'group' })]);
    const all = await allTableIds(db);
    const sorted = (cells: SummaryCell[]) =>
      [...cells].sort((a, b) =>
        `${a.dimension}|${a.key}|${a.bucket}`.localeCompare(`${b.dimension}|${b.key}|${b.bucket}`),
      );
    for (const interval of ['month', 'quarter'] as const) {
      const query = { tableIds: [tableA, tableB], from: '2025-01', to: '2025-06', interval };
      const viaTotal = await summaryCells(db, { ...query, allTableIds: all });
      const direct = await summaryCells(db, query);
      expect(viaTotal.length).toBeGreaterThan(100);
      expect(sorted(viaTotal)).toEqual(sorted(direct));
    }
  });
});
