/**
 * The one reader of the situation tables for statistics: the view that turns a discussed
 * situation into its de-identified fact (`situation_fact_fresh`, migration 0024, the shape of a
 * `situation_fact` row), and the writes that keep `situation_fact` and `stats_cell` in step. It reads codes, sectors, stages and timestamps only —
 * never the summary, the identity, the notes or anyone's name (test/modules/statistics/
 * statistics-sources.test.ts holds it to that).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { SituationFact } from './situation-facts';

type Db = Kysely<DB> | Transaction<DB>;

/** Stages that come after the filter-2 decision: the situation has been discussed. */
export const discussedStages = ['rejected', 'filter3', 'filter4', 'closed'] as const;

type FactRow = {
  situation_id: string;
  table_id: string;
  period: string;
  situation_type: string;
  age_band: string;
  gender: string;
  outcome: 'accepted' | 'rejected';
  rejection_reason: string | null;
  originating_sector: string;
  lead_sector: string | null;
  assisting_sectors: string[];
  risk_factors: string[];
  risk_categories: string[];
  protective_factors: string[];
  study_flags: string[];
  conclusion_reason: string | null;
  risk_lowered: boolean | null;
  days_to_first_contact: number | null;
  first_contact_within_target: boolean | null;
  days_open: number | null;
  is_repeat: boolean;
};

const factOf = (row: FactRow): SituationFact => ({
  situationId: row.situation_id,
  tableId: row.table_id,
  period: row.period,
  situationType: row.situation_type,
  ageBand: row.age_band,
  gender: row.gender,
  outcome: row.outcome,
  rejectionReason: row.rejection_reason,
  originatingSector: row.originating_sector,
  leadSector: row.lead_sector,
  assistingSectors: row.assisting_sectors,
  riskFactors: row.risk_factors,
  riskCategories: row.risk_categories,
  protectiveFactors: row.protective_factors,
  studyFlags: row.study_flags,
  conclusionReason: row.conclusion_reason,
  riskLowered: row.risk_lowered,
  daysToFirstContact: row.days_to_first_contact,
  firstContactWithinTarget: row.first_contact_within_target,
  daysOpen: row.days_open,
  isRepeat: row.is_repeat,
});

/**
 * The facts of a list of situations (one for a test, a batch for a check) or of all: the view
 * `situation_fact_fresh` (migration 0024), THE definition of a situation's fact, over the base
 * tables. A situation not yet discussed (draft, filter 2) gives no row.
 */
function factsSelect(situationIds: readonly string[] | 'all') {
  return sql<FactRow>`
    select situation_id, table_id, period::text as period, situation_type, age_band, gender,
      outcome, rejection_reason, originating_sector, lead_sector, assisting_sectors, risk_factors,
      risk_categories, protective_factors, study_flags, conclusion_reason, risk_lowered,
      days_to_first_contact, first_contact_within_target, days_open, is_repeat
    from situation_fact_fresh
    where ${situationIds === 'all' ? sql`true` : sql`situation_id = any(${[...situationIds]}::uuid[])`}
    order by situation_id
  `;
}

const factsQuery = (db: Db, situationIds: readonly string[]) =>
  factsSelect(situationIds).execute(db);

/**
 * Writes the fact of every discussed situation in one statement (the rebuild, after emptying
 * `situation_fact`): the same definition as the write path's, set-based. Returns the row count.
 */
export async function insertAllFacts(trx: Db): Promise<number> {
  const result = await sql`
    insert into situation_fact (situation_id, table_id, period, situation_type, age_band, gender,
      outcome, rejection_reason, originating_sector, lead_sector, assisting_sectors, risk_factors,
      risk_categories, protective_factors, study_flags, conclusion_reason, risk_lowered,
      days_to_first_contact, first_contact_within_target, days_open, is_repeat)
    select situation_id, table_id, period, situation_type, age_band, gender,
      outcome, rejection_reason, originating_sector, lead_sector, assisting_sectors, risk_factors,
      risk_categories, protective_factors, study_flags, conclusion_reason, risk_lowered,
      days_to_first_contact, first_contact_within_target, days_open, is_repeat
    from situation_fact_fresh
  `.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

/** The facts of the discussed situations among `situationIds` as they are now, in id order. */
export async function readFactsIn(
  db: Db,
  situationIds: readonly string[],
): Promise<SituationFact[]> {
  if (situationIds.length === 0) return [];
  const { rows } = await factsQuery(db, situationIds);
  return rows.map(factOf);
}

/** The situation's fact as it is now; null when it has not been discussed. */
export async function readFactIn(db: Db, situationId: string): Promise<SituationFact | null> {
  return (await readFactsIn(db, [situationId]))[0] ?? null;
}

const rowOf = (fact: SituationFact) => ({
  situation_id: fact.situationId,
  table_id: fact.tableId,
  period: fact.period,
  situation_type: fact.situationType,
  age_band: fact.ageBand,
  gender: fact.gender,
  outcome: fact.outcome,
  rejection_reason: fact.rejectionReason,
  originating_sector: fact.originatingSector,
  lead_sector: fact.leadSector,
  assisting_sectors: fact.assistingSectors,
  risk_factors: fact.riskFactors,
  risk_categories: fact.riskCategories,
  protective_factors: fact.protectiveFactors,
  study_flags: fact.studyFlags,
  conclusion_reason: fact.conclusionReason,
  risk_lowered: fact.riskLowered,
  days_to_first_contact: fact.daysToFirstContact,
  first_contact_within_target: fact.firstContactWithinTarget,
  days_open: fact.daysOpen,
  is_repeat: fact.isRepeat,
});

/**
 * Moves the cells from counting the facts `before` to counting the facts `after` (either side may
 * be empty) in one statement: the SQL function `stats_apply_fact_changes` (migration 0024, which
 * the write path's refresh calls too), the facts passed as JSON.
 */
export async function applyFactChanges(
  db: Db,
  before: readonly SituationFact[],
  after: readonly SituationFact[],
): Promise<void> {
  if (before.length === 0 && after.length === 0) return;
  await sql`
    select stats_apply_fact_changes(
      array(select b from json_populate_recordset(null::situation_fact,
        ${JSON.stringify(before.map(rowOf))}::json) b),
      array(select a from json_populate_recordset(null::situation_fact,
        ${JSON.stringify(after.map(rowOf))}::json) a))
  `.execute(db);
}

/**
 * Brings the stored facts of the situations (and the cells they count in) in step with the
 * situations as they now are, in one statement: the SQL function `refresh_situation_facts`
 * (migration 0024). Returns how many facts changed.
 */
export async function refreshFacts(db: Db, situationIds: readonly string[]): Promise<number> {
  if (situationIds.length === 0) return 0;
  const { rows } = await sql<{ changed: number }>`
    select refresh_situation_facts(${[...situationIds]}::uuid[]) as changed
  `.execute(db);
  return rows[0]?.changed ?? 0;
}

/**
 * Counts every stored fact into a fresh `rebuilt_cell` temporary table (dropped at commit), in one
 * INSERT … SELECT … GROUP BY over `situation_fact` and `stats_fact_cells`. Returns the cell count.
 * `offset 0` keeps the inlined function a subquery: PostgreSQL 15 fails to plan a GROUP BY on its
 * columns when the UNION it is made of is flattened into the query ("variable not found in
 * subplan target list").
 */
export async function countAllFactCells(trx: Db): Promise<number> {
  await sql`
    create temporary table rebuilt_cell on commit drop as
    select f.table_id, f.period, c.dimension, c.key, count(*)::integer as n
    from situation_fact f cross join lateral (select * from stats_fact_cells(f) offset 0) c
    group by 1, 2, 3, 4
  `.execute(trx);
  const { rows } = await sql<{ cells: number }>`
    select count(*)::integer as cells from rebuilt_cell
  `.execute(trx);
  return rows[0]?.cells ?? 0;
}

/** Which discussed situations: all, a table's, or those an agency originated, leads or assists. */
export type SituationScope = { tableId: string } | { agencyId: string } | 'all';

/** The next discussed situations of the scope after `afterId`, in id order (a keyset). */
export async function discussedSituationIds(
  db: Db,
  afterId: string | null,
  limit: number,
  scope: SituationScope = 'all',
): Promise<string[]> {
  const rows = await db
    .selectFrom('situation')
    .select('id')
    .where('stage', 'in', [...discussedStages])
    .$if(typeof scope === 'object' && 'tableId' in scope, (qb) =>
      qb.where('table_id', '=', (scope as { tableId: string }).tableId),
    )
    .$if(typeof scope === 'object' && 'agencyId' in scope, (qb) => {
      const agencyId = (scope as { agencyId: string }).agencyId;
      return qb.where((eb) =>
        eb.or([
          eb('originating_agency_id', '=', agencyId),
          eb('lead_agency_id', '=', agencyId),
          eb(
            'id',
            'in',
            eb
              .selectFrom('situation_assisting_agency')
              .select('situation_id')
              .where('agency_id', '=', agencyId),
          ),
        ]),
      );
    })
    .$if(afterId !== null, (qb) => qb.where('id', '>', afterId!))
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}
