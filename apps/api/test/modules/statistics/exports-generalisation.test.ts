/**
 * The exports' k-anonymity, without a database: every published class is at least the threshold,
 * every row is placed or withheld exactly once, the same rows give the same answer, and no window
 * changes how a row is published.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  generaliseTableYear,
  monthsOfPeriod,
  periodOverlaps,
  quarterOf,
  type QuasiIdentifiers,
} from '../../../src/modules/statistics/export-generalisation';

const bands = [
  '0_5',
  '6_11',
  '12_15',
  '16_17',
  '18_24',
  '25_29',
  '30_39',
  '40_59',
  '60_plus',
  'unknown',
];
const rowArbitrary = fc.record({
  month: fc.integer({ min: 1, max: 12 }).map((m) => `2026-${String(m).padStart(2, '0')}`),
  situationType: fc.constantFrom('individual', 'family', 'location'),
  ageBand: fc.constantFrom(...bands),
  gender: fc.constantFrom('female', 'male', 'unknown'),
});
const rowsArbitrary = fc.array(rowArbitrary, { maxLength: 300 });

const row = (month: string, ageBand = '18_24', gender = 'female'): QuasiIdentifiers => ({
  month,
  situationType: 'individual',
  ageBand,
  gender,
});
const times = (n: number, make: () => QuasiIdentifiers) => Array.from({ length: n }, make);

describe('generaliseTableYear', () => {
  it('keeps the month of a group of at least the threshold', () => {
    const placements = generaliseTableYear(
      times(5, () => row('2026-03')),
      5,
    );
    expect(
      placements.every((p) => !p.withheld && p.level === 'month' && p.period === '2026-03'),
    ).toBe(true);
  });

  it('widens small months to the quarter, then the year, then the wide age band, then withholds', () => {
    const rows = [
      ...times(3, () => row('2026-01')),
      ...times(2, () => row('2026-02')), // quarter Q1: 5
      ...times(2, () => row('2026-04', '30_39')),
      ...times(3, () => row('2026-11', '30_39')), // year 2026, 30_39: 5
      ...times(2, () => row('2026-05', '0_5')),
      ...times(3, () => row('2026-09', '12_15')), // wide 0_17: 5
      row('2026-06', '60_plus', 'male'), // alone: withheld
    ];
    const placements = generaliseTableYear(rows, 5);
    expect(placements.slice(0, 5).map((p) => !p.withheld && p.period)).toEqual(
      Array(5).fill('2026-Q1'),
    );
    expect(placements.slice(5, 10).map((p) => !p.withheld && `${p.period} ${p.ageBand}`)).toEqual(
      Array(5).fill('2026 30_39'),
    );
    expect(placements.slice(10, 15).map((p) => !p.withheld && `${p.period} ${p.ageBand}`)).toEqual(
      Array(5).fill('2026 0_17'),
    );
    expect(placements[15]).toEqual({ withheld: true });
  });

  it('publishes every class with at least the threshold, placing every row once', () => {
    fc.assert(
      fc.property(rowsArbitrary, fc.integer({ min: 2, max: 11 }), (rows, threshold) => {
        const placements = generaliseTableYear(rows, threshold);
        expect(placements).toHaveLength(rows.length);
        const classes = new Map<string, number>();
        placements.forEach((p, i) => {
          if (p.withheld) return;
          const q = rows[i]!;
          const key = [p.period, q.situationType, p.ageBand, q.gender].join('|');
          classes.set(key, (classes.get(key) ?? 0) + 1);
          // The published period covers the row's own month.
          expect(periodOverlaps(p.period, q.month, q.month)).toBe(true);
        });
        for (const size of classes.values()) expect(size).toBeGreaterThanOrEqual(threshold);
      }),
    );
  });

  it('is deterministic and independent of the order of the rows', () => {
    fc.assert(
      fc.property(rowsArbitrary, fc.integer({ min: 2, max: 11 }), (rows, threshold) => {
        const once = generaliseTableYear(rows, threshold);
        expect(generaliseTableYear(rows, threshold)).toEqual(once);
        const reversed = generaliseTableYear([...rows].reverse(), threshold).reverse();
        expect(reversed).toEqual(once);
      }),
    );
  });

  it('takes classes whole into any window, so two windows differ by whole classes', () => {
    fc.assert(
      fc.property(
        rowsArbitrary,
        fc.integer({ min: 2, max: 8 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        (rows, threshold, a1, a2, b1, b2) => {
          const m = (n: number) => `2026-${String(n).padStart(2, '0')}`;
          const windowA = [m(Math.min(a1, a2)), m(Math.max(a1, a2))] as const;
          const windowB = [m(Math.min(b1, b2)), m(Math.max(b1, b2))] as const;
          const placements = generaliseTableYear(rows, threshold);
          const classesOf = (keep: (period: string) => boolean) => {
            const classes = new Map<string, number>();
            placements.forEach((p, i) => {
              if (p.withheld || !keep(p.period)) return;
              const q = rows[i]!;
              const key = [p.period, q.situationType, p.ageBand, q.gender].join('|');
              classes.set(key, (classes.get(key) ?? 0) + 1);
            });
            return classes;
          };
          const inA = (period: string) => periodOverlaps(period, ...windowA);
          const inB = (period: string) => periodOverlaps(period, ...windowB);
          // A − B: rows in A not in B, by class; every such class is whole, so ≥ threshold.
          for (const size of classesOf((p) => inA(p) && !inB(p)).values()) {
            expect(size).toBeGreaterThanOrEqual(threshold);
          }
        },
      ),
    );
  });
});

describe('periods', () => {
  it('names quarters and the months a period covers', () => {
    expect(quarterOf('2026-01')).toBe('2026-Q1');
    expect(quarterOf('2026-12')).toBe('2026-Q4');
    expect(monthsOfPeriod('2026-Q2')).toEqual({ first: '2026-04', last: '2026-06' });
    expect(monthsOfPeriod('2026')).toEqual({ first: '2026-01', last: '2026-12' });
    expect(periodOverlaps('2026', '2026-06', '2027-01')).toBe(true);
    expect(periodOverlaps('2026-Q1', '2026-04', '2026-06')).toBe(false);
  });
});
