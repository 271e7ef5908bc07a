// The dashboard's address is its state: defaults, what a hand-edited or stale address becomes,
// and what stops a choice from being asked for.
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  defaultWindow,
  filtersFromSearchParams,
  searchParamsFromFilters,
  validateFilters,
} from '../../src/features/statistics/lib/filters';
import { rankedRows } from '../../src/features/statistics/lib/breakdowns';

const A = '5f0c2a8e-7c1e-4c59-9d2f-0a4b8f1e2d31';
const B = '7d3e1b9a-2f4c-4a8b-8e6d-1c2b3a4d5e6f';

describe('the statistics filters', () => {
  it('default to the last twelve full months, by month, every readable table', () => {
    const today = new Date(2026, 10, 30); // 30 November 2026
    expect(defaultWindow(today)).toEqual({ from: '2025-11', to: '2026-10' });
    expect(defaultWindow(new Date(2026, 0, 5))).toEqual({ from: '2025-01', to: '2025-12' });
    expect(filtersFromSearchParams(new URLSearchParams(), [A, B], today)).toEqual({
      tableIds: [],
      from: '2025-11',
      to: '2026-10',
      interval: 'month',
    });
  });

  it('move months across years', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 13)).toBe('2027-01');
  });

  it('drop tables the person cannot read and values that are not months or intervals', () => {
    const params = new URLSearchParams(
      `tableId=${A}&tableId=00000000-0000-4000-8000-000000000000&from=2026-13&to=2026-03&interval=year`,
    );
    const filters = filtersFromSearchParams(params, [A, B], new Date(2026, 10, 30));
    expect(filters).toEqual({ tableIds: [A], from: '2025-11', to: '2026-03', interval: 'month' });
  });

  it('round-trip through the address, every table written as none', () => {
    const filters = { tableIds: [B], from: '2025-01', to: '2025-12', interval: 'quarter' as const };
    const params = searchParamsFromFilters(filters);
    expect(params.toString()).toBe(`tableId=${B}&from=2025-01&to=2025-12&interval=quarter`);
    expect(filtersFromSearchParams(params, [A, B])).toEqual(filters);
    expect(
      filtersFromSearchParams(new URLSearchParams(`tableId=${A}&tableId=${B}`), [A, B]).tableIds,
    ).toEqual([]);
  });

  it('refuse no table, an end before the start, and more than ten years', () => {
    const base = { tableIds: [], interval: 'month' as const };
    expect(validateFilters({ ...base, from: '2026-01', to: '2026-12' }, true)).toEqual([]);
    expect(validateFilters({ ...base, from: '2026-01', to: '2026-12' }, false)).toEqual([
      { field: 'tables', problem: 'noTable' },
    ]);
    expect(validateFilters({ ...base, from: '2026-05', to: '2026-04' }, true)).toEqual([
      { field: 'to', problem: 'toBeforeFrom' },
    ]);
    expect(validateFilters({ ...base, from: '2016-01', to: '2026-01' }, true)).toEqual([
      { field: 'from', problem: 'tooLong' },
    ]);
  });
});

describe('ranking rows', () => {
  it('puts the largest published counts first and suppressed rows after every number', () => {
    const row = (key: string, total: number | 'suppressed') => ({ key, total, periods: [] });
    const ranked = rankedRows(
      [row('a', 5), row('b', 'suppressed'), row('c', 20), row('d', 0), row('e', 5)],
      4,
    );
    expect(ranked.map((r) => r.key)).toEqual(['c', 'a', 'e', 'd']);
  });
});
