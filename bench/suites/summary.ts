/**
 * Summary: GET /api/stats/summary against two baselines timed by the same loop (lib/load.ts):
 *
 * - rollup SQL: the aggregate the summary runs (the repository's own summaryCells: the all-tables
 *   totals less the tables left out, or the tables' own cells), through Kysely and pg with
 *   nothing around it — the floor the route stands on; the ratio route / rollup is what the API
 *   adds (access, suppression,
 *   rounding sums, shares, serialisation, HTTP);
 * - naive SQL: the same counts straight from the base tables (situation, situation_code, agency),
 *   which is what the summary would cost without the rollup.
 */
import type pg from 'pg';
import type { DatabaseHandle } from '../../apps/api/src/db/database';
import { summaryCells } from '../../apps/api/src/modules/statistics/statistics.repository';
import { analystToken } from './tokens';
import { measure, type LoadOptions, type LoadResult } from '../lib/load';

export type SummaryCase = {
  name: string;
  label: string;
  /** Empty: every table the analyst may read (the API's default, all of them). */
  tableIds: string[];
  from: string;
  to: string;
  interval: 'month' | 'quarter';
};

export type SummaryCaseResult = {
  case: SummaryCase;
  /** HTTP status of the first call, and the size of its body. */
  status: number;
  bytes: number;
  api: { sequential: LoadResult; concurrent: LoadResult } | null;
  rollup: { sequential: LoadResult; concurrent: LoadResult; rows: number };
  /** The tables' own cells of stats_cell summed directly (what the summary did before 0016). */
  direct: { sequential: LoadResult; rows: number };
  /** `sameAsRollup`: the naive cells whose count equals the rollup's for the same cell. */
  naive: { sequential: LoadResult; rows: number; sameAsRollup: number };
};

const bucketOf = (interval: SummaryCase['interval'], column: string) =>
  interval === 'quarter' ? `to_char(${column}, 'YYYY-"Q"Q')` : `to_char(${column}, 'YYYY-MM')`;

/**
 * The tables' own cells summed directly: the true count (which suppression works on) and the sum of the rounded
 * cells per dimension, key and period over the tables and months asked for. The same statement as
 * the summary repository's `summaryCells` (apps/api/src/modules/statistics): keep them alike.
 */
export const rollupSql = (interval: SummaryCase['interval']) => `
  select c.dimension, c.key, ${bucketOf(interval, 'c.period')} as bucket,
    sum(c.n)::integer as n, sum(c.rounded)::integer as rounded
  from stats_cell c
  where c.table_id = any($1::uuid[])
    and c.period between $2::date and $3::date
  group by 1, 2, 3
  having sum(c.n) > 0`;

/**
 * The same cells grouped straight from the base tables, as stats_fact_cells (migration 0019) defines
 * them, for every dimension but the day buckets and first contact (first_contact,
 * first_contact_days, days_open: one cell each per situation, from timestamps) and repeat: the
 * coded lists, categories, the by-age-band and by-gender breakdowns and the pairs, which are
 * most of the cells. What the summary would cost without the rollup.
 */
export const naiveSql = (interval: SummaryCase['interval']) => `
  with windowed as (
    select s.id, s.stage, s.situation_type, s.age_band, s.gender, s.rejection_reason,
           s.conclusion_reason, s.lead_agency_id, a.sector,
           date_trunc('month', s.decided_at at time zone t.time_zone)::date as period
    from situation s
    join situation_table t on t.id = s.table_id
    join agency a on a.id = s.originating_agency_id
    where s.table_id = any($1::uuid[])
      and s.stage in ('rejected', 'filter3', 'filter4', 'closed')
      and s.decided_at >= $2::date - interval '1 day'
      and s.decided_at < $3::date + interval '1 month 1 day'
      and date_trunc('month', s.decided_at at time zone t.time_zone)::date between $2::date and $3::date
  ), accepted as (
    select * from windowed where stage <> 'rejected'
  ), factors as (
    select w.id, w.period, w.age_band, w.gender, c.list, c.code, k.category_code as category
    from accepted w
    join situation_code c on c.situation_id = w.id
    left join code k on k.list = 'risk_factor' and k.code = c.code and c.list = 'risk_factor'
  ), categories as (
    select distinct id, period, age_band, gender, category from factors where category is not null
  )
  select dimension, key, ${bucketOf(interval, 'period')} as bucket, count(*)::integer as n
  from (
    select period, 'discussions' as dimension, 'all' as key from windowed
    union all
    select period, 'outcome', case when stage = 'rejected' then 'rejected' else 'accepted' end
    from windowed
    union all select period, 'situation_type', situation_type from windowed
    union all select period, 'age_band', age_band from windowed
    union all select period, 'gender', gender from windowed
    union all select period, 'originating_sector', sector from windowed
    union all
    select period, 'rejection_reason', rejection_reason from windowed where stage = 'rejected'
    union all
    select w.period, 'lead_sector', l.sector from accepted w join agency l on l.id = w.lead_agency_id
    union all
    select period, 'conclusion_reason', conclusion_reason from accepted
    where conclusion_reason is not null
    union all
    select distinct on (w.id, g.sector) w.period, 'assisting_sector', g.sector
    from accepted w
    join situation_assisting_agency x on x.situation_id = w.id
    join agency g on g.id = x.agency_id
    union all select period, list, code from factors
    union all select period, 'risk_factor_by_age_band', age_band || '|' || code from factors
    where list = 'risk_factor'
    union all select period, 'risk_factor_by_gender', gender || '|' || code from factors
    where list = 'risk_factor'
    union all select period, 'risk_category', category from categories
    union all select period, 'risk_category_by_age_band', age_band || '|' || category from categories
    union all select period, 'risk_category_by_gender', gender || '|' || category from categories
    union all
    select f.period, 'risk_factor_pair', f.code || '|' || g.code
    from factors f join factors g on g.id = f.id and g.list = 'risk_factor' and f.code < g.code
    where f.list = 'risk_factor'
    union all
    select f.period, 'risk_category_pair', f.category || '|' || g.category
    from categories f join categories g on g.id = f.id and f.category < g.category
  ) cells
  group by 1, 2, 3`;

/** First day of a `YYYY-MM` month, and of the month `to`. */
const firstDay = (month: string) => `${month}-01`;

export async function runSummaryCase(
  summaryCase: SummaryCase,
  context: {
    baseUrl: string;
    pool: pg.Pool;
    /** The app's own database handle, for the repository's query. */
    db: DatabaseHandle['db'];
    allTableIds: string[];
    sequential: LoadOptions;
    concurrent: LoadOptions;
    naive: LoadOptions;
  },
): Promise<SummaryCaseResult> {
  const tableIds = summaryCase.tableIds.length ? summaryCase.tableIds : context.allTableIds;
  const query = new URLSearchParams({
    from: summaryCase.from,
    to: summaryCase.to,
    interval: summaryCase.interval,
  });
  for (const id of summaryCase.tableIds) query.append('tableId', id);
  const url = `${context.baseUrl}/api/stats/summary?${query}`;

  const token = await analystToken();
  const first = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const firstBody = await first.arrayBuffer();
  let api: SummaryCaseResult['api'] = null;
  if (first.status === 200) {
    const call = async () => {
      const response = await fetch(url, {
        headers: { authorization: `Bearer ${await analystToken()}` },
      });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`summary answered ${response.status}`);
    };
    api = {
      sequential: await measure(call, context.sequential),
      concurrent: await measure(call, context.concurrent),
    };
  }

  const parameters = [tableIds, firstDay(summaryCase.from), firstDay(summaryCase.to)];
  const sqlCall = (text: string) => async () => context.pool.query(text, parameters);
  const direct = rollupSql(summaryCase.interval);
  const naive = naiveSql(summaryCase.interval);
  type Cell = { dimension: string; key: string; bucket: string; n: number };
  const cellsQuery = {
    tableIds,
    from: summaryCase.from,
    to: summaryCase.to,
    interval: summaryCase.interval,
    allTableIds: context.allTableIds,
  };
  const rollup = () => summaryCells(context.db, cellsQuery);
  const rollupCells: Cell[] = await rollup();
  const directRows = (await context.pool.query(direct, parameters)).rowCount ?? 0;
  const naiveCells = (await context.pool.query<Cell>(naive, parameters)).rows;
  // The baseline is fair only if it counts what the rollup counts: compare them cell by cell.
  const cellKey = (cell: Cell) => `${cell.dimension}\u0000${cell.key}\u0000${cell.bucket}`;
  const rolled = new Map(rollupCells.map((cell) => [cellKey(cell), cell.n]));
  const same = naiveCells.filter((cell) => rolled.get(cellKey(cell)) === cell.n).length;
  return {
    case: summaryCase,
    status: first.status,
    bytes: firstBody.byteLength,
    api,
    rollup: {
      sequential: await measure(rollup, context.sequential),
      concurrent: await measure(rollup, context.concurrent),
      rows: rollupCells.length,
    },
    direct: { sequential: await measure(sqlCall(direct), context.naive), rows: directRows },
    naive: {
      sequential: await measure(sqlCall(naive), context.naive),
      rows: naiveCells.length,
      sameAsRollup: same,
    },
  };
}

/** EXPLAIN (ANALYZE, BUFFERS) of a query, as text, for the report. */
export async function explain(pool: pg.Pool, text: string, parameters: unknown[]) {
  const result = await pool.query<{ 'QUERY PLAN': string }>(
    `explain (analyze, buffers) ${text}`,
    parameters,
  );
  return result.rows.map((row) => row['QUERY PLAN']).join('\n');
}
