/**
 * The dashboard's choices (tables, first and last month, interval) as they live in the page
 * address: `/statistics?tableId=…&from=2025-11&to=2026-10&interval=quarter`. The address is the
 * one state, so a view can be bookmarked or sent to a colleague (who sees it only for the tables
 * they may read themselves) and the back button undoes a change. Absent values take the defaults:
 * every table the person may read, the last twelve full months, by month.
 */
import {
  STATS_MAX_MONTHS,
  monthsBetween,
  statsIntervals,
  type StatsInterval,
} from '@fourfold/shared/statistics';

export type StatsFilters = {
  /** Empty means every table the person may read statistics of. */
  tableIds: string[];
  from: string;
  to: string;
  interval: StatsInterval;
};

const YEAR_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function yearMonth(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export function splitYearMonth(value: string): { year: number; month: number } {
  const [year, month] = value.split('-').map(Number) as [number, number];
  return { year, month };
}

/** `value` moved by `months` (negative: earlier). */
export function addMonths(value: string, months: number): string {
  const { year, month } = splitYearMonth(value);
  const index = year * 12 + (month - 1) + months;
  return yearMonth(Math.floor(index / 12), (index % 12) + 1);
}

/** The last twelve full months before `today`: the month before this one and the eleven before. */
export function defaultWindow(today: Date = new Date()): { from: string; to: string } {
  const to = addMonths(yearMonth(today.getFullYear(), today.getMonth() + 1), -1);
  return { from: addMonths(to, -11), to };
}

export function filtersFromSearchParams(
  params: URLSearchParams,
  readable: readonly string[],
  today: Date = new Date(),
): StatsFilters {
  const window = defaultWindow(today);
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const interval = params.get('interval') ?? '';
  // A table the person may no longer read (a shared link, a membership ended) is dropped here.
  const tableIds = params.getAll('tableId').filter((id) => readable.includes(id));
  return {
    tableIds: tableIds.length === readable.length ? [] : tableIds,
    from: YEAR_MONTH.test(from) ? from : window.from,
    to: YEAR_MONTH.test(to) ? to : window.to,
    interval: (statsIntervals as readonly string[]).includes(interval)
      ? (interval as StatsInterval)
      : 'month',
  };
}

export function searchParamsFromFilters(filters: StatsFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const id of filters.tableIds) params.append('tableId', id);
  params.set('from', filters.from);
  params.set('to', filters.to);
  params.set('interval', filters.interval);
  return params;
}

export type FilterProblem = 'noTable' | 'toBeforeFrom' | 'tooLong';

/** What stops the choices from being asked for, keyed by the field to fix. */
export function validateFilters(
  filters: StatsFilters,
  tableChosen: boolean,
): { field: 'tables' | 'from' | 'to'; problem: FilterProblem }[] {
  const problems: { field: 'tables' | 'from' | 'to'; problem: FilterProblem }[] = [];
  if (!tableChosen) problems.push({ field: 'tables', problem: 'noTable' });
  if (filters.from > filters.to) problems.push({ field: 'to', problem: 'toBeforeFrom' });
  else if (monthsBetween(filters.from, filters.to) > STATS_MAX_MONTHS) {
    problems.push({ field: 'from', problem: 'tooLong' });
  }
  return problems;
}
