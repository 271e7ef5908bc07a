/**
 * The exports' reads. They touch `situation_fact` only (the de-identified facts: codes, sectors, a
 * month, whole days), one table and calendar year at a time: first the year's classes and their
 * counts, then the rows of a few published classes at a time, so an export's memory is bounded by
 * a batch, not by the table-year. Never `situation`, its identity, notes or summaries: a static
 * test (exports-privacy.test.ts) holds this file and the service to it.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { QuasiClass, QuasiIdentifiers } from './export-generalisation';

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

/**
 * The classes of a table-year, rows sharing their four quasi-identifiers, with their row counts:
 * all the generalisation needs to decide how each row is published (export-generalisation.ts).
 */
export async function classesOfTableYear(
  db: Kysely<DB>,
  { tableId, year }: TableYear,
): Promise<QuasiClass[]> {
  return db
    .selectFrom('situation_fact')
    .select([
      sql<string>`to_char(period, 'YYYY-MM')`.as('month'),
      'situation_type as situationType',
      'age_band as ageBand',
      'gender',
      sql<number>`count(*)::int`.as('count'),
    ])
    .where('table_id', '=', tableId)
    .where('period', '>=', yearStart(year))
    .where('period', '<', yearStart(year + 1))
    .groupBy(['period', 'situation_type', 'age_band', 'gender'])
    .execute();
}

/**
 * The facts of a table-year that belong to the classes given, as named columns (never
 * `select *`). Its situation's id comes along so that the service can tell a row it already
 * published (a fact that changed class between two reads); it is never published.
 */
export async function factsOfClasses(
  db: Kysely<DB>,
  { tableId, year }: TableYear,
  classes: readonly QuasiIdentifiers[],
) {
  const months = classes.map((c) => `${c.month}-01`);
  return (
    db
      .selectFrom('situation_fact')
      .select([
        'situation_id',
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
      // The months alone narrow the (table_id, period) index's range; the classes pick the rows.
      .where('period', '=', sql<string>`any(${[...new Set(months)]}::date[])`)
      .where(
        sql<boolean>`(period, situation_type, age_band, gender) in (select * from unnest(${months}::date[], ${classes.map((c) => c.situationType)}::text[], ${classes.map((c) => c.ageBand)}::text[], ${classes.map((c) => c.gender)}::text[]))`,
      )
      .execute()
  );
}
export type FactRow = Awaited<ReturnType<typeof factsOfClasses>>[number];
