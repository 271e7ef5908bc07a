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

/** Every table's id (the complement of a table set is taken against it). */
export async function allTableIds(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.selectFrom('situation_table').select('id').execute();
  return rows.map((row) => row.id);
}

/**
 * The cells of the tables and months asked for, summed per dimension, key and period, in one
 * statement. Up to half of all tables: their own cells. More: the all-tables total kept in
 * `stats_cell_total` (migration 0016) less the cells of the tables left out — the same sums of
 * the same rounded cells, from fewer rows. Keys without a situation in the window are left out.
 */
export async function summaryCells(
  db: Kysely<DB>,
  query: {
    tableIds: readonly string[];
    from: string;
    to: string;
    interval: StatsInterval;
    /** Every table's id; without it, the tables' own cells are summed. */
    allTableIds?: readonly string[];
  },
): Promise<SummaryCell[]> {
  const bucket =
    query.interval === 'quarter'
      ? sql<string>`to_char(x.period, 'YYYY-"Q"Q')`
      : sql<string>`to_char(x.period, 'YYYY-MM')`;
  const from = `${query.from}-01`;
  const to = `${query.to}-01`;
  const chosen = new Set(query.tableIds);
  const all = query.allTableIds ?? [];
  const leftOut = all.filter((id) => !chosen.has(id));
  const complement = all.length > 0 && leftOut.length < chosen.size;
  const total = sql`
    select t.period, t.dimension, t.key, t.n, t.rounded
    from stats_cell_total t
    where t.period between ${from}::date and ${to}::date
  `;
  const cells = !complement
    ? sql`
        select c.period, c.dimension, c.key, c.n, c.rounded
        from stats_cell c
        where c.table_id = any(${[...chosen]}::uuid[])
          and c.period between ${from}::date and ${to}::date
      `
    : leftOut.length === 0
      ? total
      : sql`
        ${total}
        union all
        select c.period, c.dimension, c.key, -c.n, -c.rounded
        from stats_cell c
        where c.table_id = any(${leftOut}::uuid[]) and c.period between ${from}::date and ${to}::date
      `;
  // Some 30,000 groups for a year of many tables: hashed in memory rather than sorted on disk.
  return db.transaction().execute(async (trx) => {
    await sql`set local work_mem = '64MB'`.execute(trx);
    const { rows } = await sql<SummaryCell>`
      select x.dimension, x.key, ${bucket} as bucket,
        sum(x.n)::integer as n, sum(x.rounded)::integer as rounded
      from (${cells}) x
      group by x.dimension, x.key, 3
      having sum(x.n) > 0
    `.execute(trx);
    return rows;
  });
}

/** Every code's place in its list (retired codes too: old statistics still name them). */
export async function codeOrder(db: Kysely<DB>): Promise<Map<string, number>> {
  const rows = await db.selectFrom('code').select(['list', 'code', 'sort_order']).execute();
  return new Map(rows.map((row) => [`${row.list}:${row.code}`, row.sort_order]));
}
