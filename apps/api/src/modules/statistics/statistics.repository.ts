/**
 * What the summary reads: the rollup `stats_cell`, the names and second-factor setting of the
 * tables asked for, and the order of the code lists. Nothing else — the statistics module never
 * reads a situation (facts.repository.ts is the one reader, for the write path).
 */
import { sql, type Kysely } from 'kysely';
import type { StatsInterval } from '@fourfold/shared/statistics';
import type { DB } from '../../db/schema';

export type TableRow = { id: string; name: string; requires_second_factor: boolean };

export function tablesById(db: Kysely<DB>, ids: readonly string[]): Promise<TableRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('situation_table')
    .select(['id', 'name', 'requires_second_factor'])
    .where('id', 'in', [...ids])
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** One dimension, key and period of the summary: the true count and the sum of the rounded cells. */
export type SummaryCell = {
  dimension: string;
  key: string;
  /** `2026-03` or `2026-Q1`. */
  bucket: string;
  n: number;
  rounded: number;
};

/**
 * The cells of the tables and months asked for, summed per dimension, key and period, in one
 * statement on the primary key's order (table, period, …). Keys without a situation in the window
 * are left out.
 */
export async function summaryCells(
  db: Kysely<DB>,
  query: { tableIds: readonly string[]; from: string; to: string; interval: StatsInterval },
): Promise<SummaryCell[]> {
  const bucket =
    query.interval === 'quarter'
      ? sql<string>`to_char(c.period, 'YYYY-"Q"Q')`
      : sql<string>`to_char(c.period, 'YYYY-MM')`;
  const { rows } = await sql<SummaryCell>`
    select c.dimension, c.key, ${bucket} as bucket,
      sum(c.n)::integer as n, sum(c.rounded)::integer as rounded
    from stats_cell c
    where c.table_id = any(${[...query.tableIds]}::uuid[])
      and c.period between ${`${query.from}-01`}::date and ${`${query.to}-01`}::date
    group by 1, 2, 3
    having sum(c.n) > 0
  `.execute(db);
  return rows;
}

/** Every code's place in its list (retired codes too: old statistics still name them). */
export async function codeOrder(db: Kysely<DB>): Promise<Map<string, number>> {
  const rows = await db.selectFrom('code').select(['list', 'code', 'sort_order']).execute();
  return new Map(rows.map((row) => [`${row.list}:${row.code}`, row.sort_order]));
}
