/**
 * The exports' reads. They touch `situation_fact` only (the de-identified facts: codes, sectors, a
 * month, whole days), one table and calendar year at a time, so an export's memory is bounded by
 * its largest table-year. Never `situation`, its identity, notes or summaries: a static test
 * (exports-isolation.test.ts) holds this file and the service to it.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/** A table and calendar year that has facts. */
export type TableYear = { tableId: string; year: number };

const yearStart = (year: number) => `${String(year).padStart(4, '0')}-01-01`;

/**
 * The first table-year after `after` (in table id, then year order) among `tableIds`, whose year
 * lies in [fromYear, toYear]: a keyset walk over the (table_id, period) index, one row per call.
 */
export async function nextTableYear(
  db: Kysely<DB>,
  tableIds: readonly string[],
  fromYear: number,
  toYear: number,
  after: TableYear | null,
): Promise<TableYear | undefined> {
  const row = await db
    .selectFrom('situation_fact')
    .select(['table_id', sql<number>`extract(year from period)::int`.as('year')])
    .where('table_id', 'in', [...tableIds])
    .where('period', '>=', yearStart(fromYear))
    .where('period', '<', yearStart(toYear + 1))
    .$if(after !== null, (qb) =>
      qb.where(
        sql<boolean>`(table_id, period) >= (${after!.tableId}::uuid, ${yearStart(after!.year + 1)}::date)`,
      ),
    )
    .orderBy('table_id')
    .orderBy('period')
    .limit(1)
    .executeTakeFirst();
  return row ? { tableId: row.table_id, year: row.year } : undefined;
}

/** The facts the exports publish, as named columns (never `select *`). */
export async function factsOfTableYear(db: Kysely<DB>, { tableId, year }: TableYear) {
  return db
    .selectFrom('situation_fact')
    .select([
      sql<string>`to_char(period, 'YYYY-MM')`.as('month'),
      'situation_type',
      'age_band',
      'gender',
      'outcome',
      'rejection_reason',
      'originating_sector',
      'lead_sector',
      'assisting_sectors',
      'risk_factors',
      'risk_categories',
      'protective_factors',
      'study_flags',
      'conclusion_reason',
      'risk_lowered',
      'days_to_first_contact',
      'days_open',
    ])
    .where('table_id', '=', tableId)
    .where('period', '>=', yearStart(year))
    .where('period', '<', yearStart(year + 1))
    .execute();
}
export type FactRow = Awaited<ReturnType<typeof factsOfTableYear>>[number];
