/**
 * The one reader of the situation tables for statistics: the query that turns a discussed
 * situation into its de-identified fact (a `situation_fact` row), and the writes that keep
 * `situation_fact` and `stats_cell` in step. It reads codes, sectors, stages and timestamps only —
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
 * THE definition of a situation's fact, for a list of situation ids (one for the write path, a
 * batch for the rebuild): one statement over the base tables. A situation not yet discussed
 * (draft, filter 2) gives no row. A rejected one keeps no factor, flag or agency (provincial
 * practice): it was not accepted as acutely elevated risk, so what was said about it is not
 * counted. Whole days are floored; the period is the month of the decision on the table's clock.
 */
function factsSelect(situationIds: readonly string[] | 'all') {
  return sql<FactRow>`
    select
      s.id as situation_id,
      s.table_id,
      to_char(date_trunc('month', s.decided_at at time zone t.time_zone), 'YYYY-MM-DD') as period,
      s.situation_type,
      s.age_band,
      s.gender,
      case when s.stage = 'rejected' then 'rejected' else 'accepted' end as outcome,
      case when s.stage = 'rejected' then s.rejection_reason end as rejection_reason,
      oa.sector as originating_sector,
      case when s.stage <> 'rejected' then la.sector end as lead_sector,
      case when s.stage = 'rejected' then '{}'::text[] else array(
        select distinct a.sector from situation_assisting_agency x
        join agency a on a.id = x.agency_id
        where x.situation_id = s.id order by a.sector
      ) end as assisting_sectors,
      case when s.stage = 'rejected' then '{}'::text[] else array(
        select sc.code from situation_code sc
        where sc.situation_id = s.id and sc.list = 'risk_factor' order by sc.code
      ) end as risk_factors,
      case when s.stage = 'rejected' then '{}'::text[] else array(
        select distinct c.category_code from situation_code sc
        join code c on c.list = 'risk_factor' and c.code = sc.code
        where sc.situation_id = s.id and sc.list = 'risk_factor' order by c.category_code
      ) end as risk_categories,
      case when s.stage = 'rejected' then '{}'::text[] else array(
        select sc.code from situation_code sc
        where sc.situation_id = s.id and sc.list = 'protective_factor' order by sc.code
      ) end as protective_factors,
      case when s.stage = 'rejected' then '{}'::text[] else array(
        select sc.code from situation_code sc
        where sc.situation_id = s.id and sc.list = 'study_flag' order by sc.code
      ) end as study_flags,
      case when s.stage <> 'rejected' then s.conclusion_reason end as conclusion_reason,
      case when s.stage <> 'rejected' then cr.risk_lowered end as risk_lowered,
      case when s.stage <> 'rejected' and s.first_contact_at is not null then
        greatest(0, floor(extract(epoch from (s.first_contact_at - s.decided_at)) / 86400))::integer
      end as days_to_first_contact,
      case when s.stage <> 'rejected' and s.first_contact_at is not null then
        s.first_contact_at - s.decided_at <= make_interval(hours => t.first_contact_hours::integer)
      end as first_contact_within_target,
      case when s.stage <> 'rejected' and s.closed_at is not null then
        greatest(0, floor(extract(epoch from (s.closed_at - s.decided_at)) / 86400))::integer
      end as days_open,
      exists (select 1 from situation_repeat r where r.situation_id = s.id) as is_repeat
    from situation s
    join situation_table t on t.id = s.table_id
    join agency oa on oa.id = s.originating_agency_id
    left join agency la on la.id = s.lead_agency_id
    left join code cr on cr.list = 'conclusion_reason' and cr.code = s.conclusion_reason
    where ${situationIds === 'all' ? sql`true` : sql`s.id = any(${[...situationIds]}::uuid[])`}
      and s.stage in ('rejected', 'filter3', 'filter4', 'closed')
      and s.decided_at is not null
    order by s.id
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
    select situation_id, table_id, period::date, situation_type, age_band, gender,
      outcome, rejection_reason, originating_sector, lead_sector, assisting_sectors, risk_factors,
      risk_categories, protective_factors, study_flags, conclusion_reason, risk_lowered,
      days_to_first_contact, first_contact_within_target, days_open, is_repeat
    from (${factsSelect('all')}) f
  `.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

/** The facts of the discussed situations among `situationIds`, in id order. */
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

/** Holds the situation rows (in id order) until the transaction ends, so refreshes never interleave. */
export async function lockSituations(trx: Transaction<DB>, situationIds: readonly string[]) {
  if (situationIds.length === 0) return;
  await sql`
    select 1 from situation where id = any(${[...situationIds]}::uuid[]) order by id for no key update
  `.execute(trx);
}

/** Holds the situation row until the transaction ends, so two refreshes of it never interleave. */
export async function lockSituation(trx: Transaction<DB>, situationId: string): Promise<void> {
  await sql`select 1 from situation where id = ${situationId} for no key update`.execute(trx);
}

const storedColumns = [
  'situation_id',
  'table_id',
  sql<string>`period::text`.as('period'),
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
  'first_contact_within_target',
  'days_open',
  'is_repeat',
] as const;

/** The stored `situation_fact` row of the situation, if any. */
export async function storedFactIn(db: Db, situationId: string): Promise<SituationFact | null> {
  return (await storedFactsIn(db, [situationId]))[0] ?? null;
}

/** The stored `situation_fact` rows of the situations, in id order. */
export async function storedFactsIn(
  db: Db,
  situationIds: readonly string[],
): Promise<SituationFact[]> {
  if (situationIds.length === 0) return [];
  const rows = await db
    .selectFrom('situation_fact')
    .select(storedColumns)
    .where('situation_id', 'in', [...situationIds])
    .orderBy('situation_id')
    .execute();
  return rows.map((row) => factOf(row as FactRow));
}

export async function deleteFacts(db: Db, situationIds: readonly string[]): Promise<void> {
  if (situationIds.length === 0) return;
  await db
    .deleteFrom('situation_fact')
    .where('situation_id', 'in', [...situationIds])
    .execute();
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

export async function upsertFacts(db: Db, facts: readonly SituationFact[]): Promise<void> {
  if (facts.length === 0) return;
  await db
    .insertInto('situation_fact')
    .values(facts.map(rowOf))
    .onConflict((oc) =>
      oc.column('situation_id').doUpdateSet((eb) => ({
        table_id: eb.ref('excluded.table_id'),
        period: eb.ref('excluded.period'),
        situation_type: eb.ref('excluded.situation_type'),
        age_band: eb.ref('excluded.age_band'),
        gender: eb.ref('excluded.gender'),
        outcome: eb.ref('excluded.outcome'),
        rejection_reason: eb.ref('excluded.rejection_reason'),
        originating_sector: eb.ref('excluded.originating_sector'),
        lead_sector: eb.ref('excluded.lead_sector'),
        assisting_sectors: eb.ref('excluded.assisting_sectors'),
        risk_factors: eb.ref('excluded.risk_factors'),
        risk_categories: eb.ref('excluded.risk_categories'),
        protective_factors: eb.ref('excluded.protective_factors'),
        study_flags: eb.ref('excluded.study_flags'),
        conclusion_reason: eb.ref('excluded.conclusion_reason'),
        risk_lowered: eb.ref('excluded.risk_lowered'),
        days_to_first_contact: eb.ref('excluded.days_to_first_contact'),
        first_contact_within_target: eb.ref('excluded.first_contact_within_target'),
        days_open: eb.ref('excluded.days_open'),
        is_repeat: eb.ref('excluded.is_repeat'),
      })),
    )
    .execute();
}

export async function deleteFact(db: Db, situationId: string): Promise<void> {
  await deleteFacts(db, [situationId]);
}

/** Advisory-lock namespace of a table's statistics cells (code lists 7270, repeats 7271). */
const STATS_LOCK_NAMESPACE = 7272;

/**
 * Moves the cells from counting the facts `before` to counting the facts `after` (stored
 * `situation_fact` rows as they were, and as they now are; either side may be empty), in one
 * statement: the cells of each side by `stats_fact_cells` (migration 0019, the one definition of
 * a cell), −1 for every cell of a fact before and +1 for every cell of a fact after, summed per
 * cell and applied where the sum is not zero. Existing cells are updated (their seed stays, so a
 * cell rounds the same way whenever its count is the same); missing cells are inserted with a
 * fresh seed, and a concurrent insert of the same cell is added to rather than refused. A plain
 * `insert … on conflict do update` would not do: the check n >= 0 refuses a negative proposed row
 * before the conflict is seen.
 */
export async function applyFactChanges(
  db: Db,
  before: readonly SituationFact[],
  after: readonly SituationFact[],
): Promise<void> {
  if (before.length === 0 && after.length === 0) return;
  // Two writes of one table touch many of the same cells, in no set order: one at a time per
  // table (in table order), so they queue instead of deadlocking. The all-tables totals that the
  // triggers of 0016 keep are taken in key order, which cannot deadlock either.
  for (const tableId of [...new Set([...before, ...after].map((f) => f.tableId))].sort()) {
    await sql`select pg_advisory_xact_lock(${STATS_LOCK_NAMESPACE}::integer, hashtext(${tableId}::text))`.execute(
      db,
    );
  }
  await sql`
    with fact as (
      select b as fact, -1 as sign
      from json_populate_recordset(null::situation_fact, ${JSON.stringify(before.map(rowOf))}::json) b
      union all
      select a, 1
      from json_populate_recordset(null::situation_fact, ${JSON.stringify(after.map(rowOf))}::json) a
    ),
    delta as (
      select (f.fact).table_id as table_id, (f.fact).period as period, c.dimension, c.key,
        sum(f.sign)::integer as delta
      from fact f cross join lateral (select * from stats_fact_cells(f.fact) offset 0) c
      group by 1, 2, 3, 4
      having sum(f.sign) <> 0
    ),
    updated as (
      update stats_cell c set n = c.n + delta.delta
      from delta
      where c.table_id = delta.table_id and c.period = delta.period
        and c.dimension = delta.dimension and c.key = delta.key
      returning c.table_id, c.period, c.dimension, c.key
    )
    insert into stats_cell (table_id, period, dimension, key, n)
    select d.table_id, d.period, d.dimension, d.key, d.delta
    from delta d
    where d.delta > 0 and not exists (
      select 1 from updated u
      where u.table_id = d.table_id and u.period = d.period
        and u.dimension = d.dimension and u.key = d.key
    )
    on conflict (table_id, period, dimension, key) do update set n = stats_cell.n + excluded.n
  `.execute(db);
}

/**
 * `offset 0` keeps the inlined function a subquery: PostgreSQL 15 fails to plan a GROUP BY on its
 * columns when the UNION it is made of is flattened into the query ("variable not found in
 * subplan target list").
 *
 * Counts every stored fact into a fresh `rebuilt_cell` temporary table (dropped at commit), in one
 * INSERT … SELECT … GROUP BY over `situation_fact` and `stats_fact_cells`. Returns the cell count.
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
