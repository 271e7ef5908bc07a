/**
 * Turning the summed cells of a window into what may be published (pure, so tests can drive it):
 *
 * 1. Per dimension, a rows × periods table of TRUE counts goes through `suppressTable` (primary
 *    and complementary suppression), with the row totals published, and for the additive
 *    dimensions the column totals and grand total too.
 * 2. A count left published is 0 when its true count is 0, else the sum of the rounded atomic
 *    cells it covers — raised to the threshold rounded up to the base when that sum falls below it
 *    (see `publish`). Differences between any two answers are therefore sums of randomly rounded
 *    cells, and the same question always gets the same answer.
 * 3. Column totals and grand totals are the `discussions` counts of the same window (the same
 *    situations), so every dimension publishes one and the same number for them.
 * 4. Shares and medians use published counts only.
 */
import {
  DISCUSSIONS_KEY,
  ROUNDING_BASE,
  STATS_KEY_SEPARATOR,
  SUPPRESSED,
  additiveDimensions,
  conclusionKeys,
  daysOpenBuckets,
  firstContactDayBuckets,
  firstContactKeys,
  outcomeKeys,
  repeatKeys,
  statsDimensions,
  type PublishedCount,
  type StatsBreakdown,
  type StatsDimension,
  type StatsInterval,
  type StatsSummary,
} from '@fourfold/shared/statistics';
import { suppressTable } from '@fourfold/shared/suppression';
import type { SummaryCell } from './statistics.repository';

/** Labels of the periods from `from` to `to` (`YYYY-MM`), by month or by quarter. */
export function periodsOf(from: string, to: string, interval: StatsInterval): string[] {
  const labels: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  const [toYear, toMonth] = to.split('-').map(Number) as [number, number];
  while (year < toYear || (year === toYear && month <= toMonth)) {
    const label =
      interval === 'quarter'
        ? `${year}-Q${Math.floor((month - 1) / 3) + 1}`
        : `${year}-${String(month).padStart(2, '0')}`;
    if (labels[labels.length - 1] !== label) labels.push(label);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return labels;
}

/** The lists (or fixed key lists) whose order a dimension's keys follow, part by part. */
const keyOrders: Record<StatsDimension, ReadonlyArray<string | readonly string[]>> = {
  discussions: [[DISCUSSIONS_KEY]],
  outcome: [outcomeKeys],
  rejection_reason: ['rejection_reason'],
  situation_type: ['situation_type'],
  age_band: ['age_band'],
  gender: ['gender'],
  originating_sector: ['sector'],
  lead_sector: ['sector'],
  assisting_sector: ['sector'],
  risk_category: ['risk_category'],
  risk_factor: ['risk_factor'],
  risk_category_by_age_band: ['age_band', 'risk_category'],
  risk_category_by_gender: ['gender', 'risk_category'],
  risk_factor_by_age_band: ['age_band', 'risk_factor'],
  risk_factor_by_gender: ['gender', 'risk_factor'],
  risk_category_pair: ['risk_category', 'risk_category'],
  risk_factor_pair: ['risk_factor', 'risk_factor'],
  protective_factor: ['protective_factor'],
  study_flag: ['study_flag'],
  conclusion: [conclusionKeys],
  conclusion_reason: ['conclusion_reason'],
  first_contact: [firstContactKeys],
  first_contact_days: [firstContactDayBuckets],
  days_open: [daysOpenBuckets],
  repeat: [repeatKeys],
};

/** Pairs are listed most frequent first: every published category pair, the top factor pairs. */
const pairLimits: Partial<Record<StatsDimension, number>> = {
  risk_category_pair: Number.POSITIVE_INFINITY,
  risk_factor_pair: 20,
};

export type CodeOrder = ReadonlyMap<string, number>;

function compareKeys(dimension: StatsDimension, order: CodeOrder) {
  const parts = keyOrders[dimension];
  const rank = (key: string) =>
    key.split(STATS_KEY_SEPARATOR).map((part, i) => {
      const list = parts[i];
      const position =
        list === undefined
          ? undefined
          : typeof list === 'string'
            ? order.get(`${list}:${part}`)
            : list.indexOf(part);
      // A key no list knows (a code list edited since) sorts after the known ones.
      return position === undefined || position < 0 ? Number.MAX_SAFE_INTEGER : position;
    });
  return (a: string, b: string) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < Math.max(ra.length, rb.length); i++) {
      const d = (ra[i] ?? 0) - (rb[i] ?? 0);
      if (d !== 0) return d;
    }
    return a < b ? -1 : a > b ? 1 : 0;
  };
}

/**
 * The published value of a count that suppression left visible: 0 when nobody is counted, else
 * the sum of the rounded cells it covers. That sum can fall below the threshold although the true
 * count does not (five cells of 1 may all round to 0); it is then raised to the threshold rounded
 * up to the base. The raise depends only on the rounded sum and on what the answer already shows
 * (that the count is neither 0 nor suppressed), so it stays consistent and tells nothing more,
 * and every published number is 0, a multiple of the base at least the threshold, or suppressed.
 */
export function publish(
  trueCount: number,
  roundedSum: number,
  suppressed: boolean,
  threshold: number,
): PublishedCount {
  if (suppressed) return SUPPRESSED;
  if (trueCount === 0) return 0;
  const floor = ROUNDING_BASE * Math.ceil(threshold / ROUNDING_BASE);
  return Math.max(roundedSum, floor);
}

type Grid = {
  keys: string[];
  /** True counts and rounded sums, rows × periods. */
  n: number[][];
  rounded: number[][];
};

function gridOf(cells: readonly SummaryCell[], periods: readonly string[], keys: string[]): Grid {
  const row = new Map(keys.map((key, i) => [key, i]));
  const column = new Map(periods.map((p, j) => [p, j]));
  const n = keys.map(() => periods.map(() => 0));
  const rounded = keys.map(() => periods.map(() => 0));
  for (const cell of cells) {
    const i = row.get(cell.key);
    const j = column.get(cell.bucket);
    if (i === undefined || j === undefined) continue;
    n[i]![j]! += cell.n;
    rounded[i]![j]! += cell.rounded;
  }
  return { keys, n, rounded };
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

export type SummaryParts = Pick<StatsSummary, 'breakdowns' | 'shares' | 'medians'>;

export function buildSummary(input: {
  periods: readonly string[];
  cells: readonly SummaryCell[];
  order: CodeOrder;
  threshold: number;
}): SummaryParts {
  const { periods, order, threshold } = input;
  const byDimension = new Map<string, SummaryCell[]>();
  for (const cell of input.cells) {
    const list = byDimension.get(cell.dimension);
    if (list) list.push(cell);
    else byDimension.set(cell.dimension, [cell]);
  }

  const breakdownOf = (
    dimension: StatsDimension,
    discussions: StatsBreakdown | null,
  ): StatsBreakdown => {
    const cells = byDimension.get(dimension) ?? [];
    let keys = [...new Set(cells.map((c) => c.key))].sort(compareKeys(dimension, order));
    let grid = gridOf(cells, periods, keys);
    const additive = additiveDimensions.includes(dimension);
    const limit = pairLimits[dimension];
    if (limit !== undefined) {
      // Only the most frequent pairs are published, ranked by their published total (a small
      // total is suppressed, so never ranked). Rows left out are not published at all, and a
      // pair dimension has no column totals, so they need no suppression either.
      const ranked = keys
        .map((key, i) => {
          const n = sum(grid.n[i]!);
          return { key, total: publish(n, sum(grid.rounded[i]!), n < threshold, threshold) };
        })
        .filter((row): row is { key: string; total: number } => typeof row.total === 'number')
        .filter((row) => row.total > 0)
        .sort((a, b) => b.total - a.total)
        .slice(0, limit);
      keys = ranked.map((row) => row.key);
      grid = gridOf(cells, periods, keys);
    }
    // Without column totals nothing links one row to another, so each row is suppressed as a
    // table of its own: the same protection, and a few hundred small problems instead of one
    // large one (risk factors by age band have some 900 rows).
    const masks = additive
      ? [
          suppressTable(
            { cells: grid.n, rowTotals: true, columnTotals: true, grandTotal: true },
            threshold,
          ),
        ]
      : grid.n.map((row) =>
          suppressTable(
            { cells: [row], rowTotals: true, columnTotals: false, grandTotal: false },
            threshold,
          ),
        );
    const maskOf = (i: number) =>
      additive
        ? { cells: masks[0]!.cells[i]!, total: masks[0]!.rowTotals[i]! }
        : { cells: masks[i]!.cells[0]!, total: masks[i]!.rowTotals[0]! };
    const rows = keys.map((key, i) => ({
      key,
      total: publish(sum(grid.n[i]!), sum(grid.rounded[i]!), maskOf(i).total, threshold),
      periods: periods.map((_, j) =>
        publish(grid.n[i]![j]!, grid.rounded[i]![j]!, maskOf(i).cells[j]!, threshold),
      ),
    }));
    const mask = additive ? masks[0]! : null;
    const whole = discussions?.rows[0];
    return {
      dimension,
      rows,
      periodTotals: additive
        ? periods.map((_, j) => (mask!.columnTotals[j] ? SUPPRESSED : (whole?.periods[j] ?? 0)))
        : null,
      total: additive ? (mask!.grandTotal ? SUPPRESSED : (whole?.total ?? 0)) : null,
    };
  };

  const discussions = breakdownOf('discussions', null);
  const breakdowns = statsDimensions.map((dimension) =>
    dimension === 'discussions' ? discussions : breakdownOf(dimension, discussions),
  );
  const find = (dimension: StatsDimension) => breakdowns.find((b) => b.dimension === dimension)!;
  const value = (dimension: StatsDimension, key: string) => {
    const row = find(dimension).rows.find((r) => r.key === key);
    return {
      total: row?.total ?? 0,
      periods: periods.map((_, j) => row?.periods[j] ?? 0),
    };
  };

  return {
    breakdowns,
    shares: {
      accepted: shareOf([value('outcome', 'accepted')], [value('discussions', DISCUSSIONS_KEY)]),
      firstContactWithinTarget: shareOf(
        [value('first_contact', 'within_target')],
        [value('first_contact', 'within_target'), value('first_contact', 'after_target')],
      ),
      riskLowered: shareOf(
        [value('conclusion', 'risk_lowered')],
        [value('conclusion', 'risk_lowered'), value('conclusion', 'still_elevated')],
      ),
    },
    medians: {
      daysToFirstContact: medianOf(
        firstContactDayBuckets.map((bucket) => value('first_contact_days', bucket)),
        firstContactDayBuckets,
        threshold,
        periods.length,
      ),
      daysOpen: medianOf(
        closedBuckets.map((bucket) => value('days_open', bucket)),
        closedBuckets,
        threshold,
        periods.length,
      ),
    },
  };
}

/** The days-open buckets of closed situations (not `open`, not `not_applicable`). */
const closedBuckets = daysOpenBuckets.filter((b) => b !== 'open' && b !== 'not_applicable');

type Series = { total: PublishedCount; periods: PublishedCount[] };

/**
 * The sum of published counts over the sum of published counts; null when one of them is
 * suppressed or the denominator is 0. Rounded counts are not additive, so the ratio can exceed 1
 * (say 10 accepted of 5 discussed): it is capped at 1.
 */
export function share(
  numerator: readonly PublishedCount[],
  denominator: readonly PublishedCount[],
) {
  if ([...numerator, ...denominator].some((c) => c === SUPPRESSED)) return null;
  const d = sum(denominator as number[]);
  if (d === 0) return null;
  return Math.min(1, sum(numerator as number[]) / d);
}

function shareOf(numerator: readonly Series[], denominator: readonly Series[]) {
  const periods = (denominator[0]?.periods ?? []).map((_, j) =>
    share(
      numerator.map((s) => s.periods[j]!),
      denominator.map((s) => s.periods[j]!),
    ),
  );
  return {
    overall: share(
      numerator.map((s) => s.total),
      denominator.map((s) => s.total),
    ),
    periods,
  };
}

/**
 * The bucket holding the median (the lower one of an even count) of published bucket counts; null
 * when there is nothing to count, or when the suppressed counts (each somewhere from 1 to
 * threshold − 1) could put it in another bucket. The median lies at or below bucket b exactly when
 * the counts up to b are at least those above it; that is settled for every b when it holds (or
 * fails) both with the suppressed counts below b at their least and those above at their most,
 * and the other way round.
 */
export function median(
  counts: readonly PublishedCount[],
  buckets: readonly string[],
  threshold: number,
): string | null {
  const least = counts.map((c) => (c === SUPPRESSED ? 1 : c));
  const most = counts.map((c) => (c === SUPPRESSED ? threshold - 1 : c));
  if (sum(most) === 0) return null;
  let found: string | null = null;
  for (let b = 0; b < counts.length; b++) {
    const surely = sum(least.slice(0, b + 1)) >= sum(most.slice(b + 1));
    const possibly = sum(most.slice(0, b + 1)) >= sum(least.slice(b + 1));
    if (surely !== possibly) return null;
    if (surely && found === null) found = buckets[b]!;
  }
  return found;
}

function medianOf(
  series: readonly Series[],
  buckets: readonly string[],
  threshold: number,
  periodCount: number,
) {
  return {
    overall: median(
      series.map((s) => s.total),
      buckets,
      threshold,
    ),
    periods: Array.from({ length: periodCount }, (_, j) =>
      median(
        series.map((s) => s.periods[j]!),
        buckets,
        threshold,
      ),
    ),
  };
}
