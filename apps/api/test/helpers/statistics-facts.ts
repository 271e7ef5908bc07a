/**
 * `situation_fact` rows for the statistics tests, inserted directly through Kysely: each fact
 * needs a situation row (a foreign key), so a placeholder situation is inserted for each, in bulk.
 * `factsFromSituations` builds the facts of situations walked through the real workflow from
 * their codes, standing in for the write path's refresh until it is merged (once it is, the
 * refresh has stored them already and this inserts nothing).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/db/schema';

export type FactInput = {
  /** `YYYY-MM`. */
  month: string;
  situationType?: string;
  ageBand?: string;
  gender?: string;
  outcome?: 'accepted' | 'rejected';
  rejectionReason?: string | null;
  originatingSector?: string;
  leadSector?: string | null;
  assistingSectors?: string[];
  riskFactors?: string[];
  riskCategories?: string[];
  protectiveFactors?: string[];
  studyFlags?: string[];
  conclusionReason?: string | null;
  riskLowered?: boolean | null;
  daysToFirstContact?: number | null;
  daysOpen?: number | null;
};

export type FactOwner = { tableId: string; agencyId: string; userId: string };

const BATCH = 2000;

/** Inserts placeholder situations and one fact for each input, in batches. */
export async function insertFacts(
  db: Kysely<DB>,
  owner: FactOwner,
  facts: readonly FactInput[],
): Promise<void> {
  for (let start = 0; start < facts.length; start += BATCH) {
    const batch = facts.slice(start, start + BATCH);
    const { rows } = await sql<{ id: string }>`
      insert into situation (
        table_id, reference, stage, situation_type, age_band, gender, summary,
        filter1_agency_exhausted_options, filter1_significant_interest, filter1_probability_of_harm,
        filter1_severity_of_harm, filter1_multiple_agencies_needed, originating_agency_id, created_by)
      select ${owner.tableId}::uuid, 'FACT-' || gen_random_uuid()::text, 'filter3', 'individual',
        'unknown', 'unknown', 'placeholder', true, true, true, true, true, ${owner.agencyId}::uuid,
        ${owner.userId}::uuid
      from generate_series(1, ${batch.length})
      returning id`.execute(db);
    await db
      .insertInto('situation_fact')
      .values(
        batch.map((fact, i) => {
          const accepted = (fact.outcome ?? 'accepted') === 'accepted';
          return {
            situation_id: rows[i]!.id,
            table_id: owner.tableId,
            period: `${fact.month}-01`,
            situation_type: fact.situationType ?? 'individual',
            age_band: fact.ageBand ?? '18_24',
            gender: fact.gender ?? 'female',
            outcome: fact.outcome ?? 'accepted',
            rejection_reason: fact.rejectionReason ?? (accepted ? null : 'single_agency'),
            originating_sector: fact.originatingSector ?? 'police',
            lead_sector: fact.leadSector ?? (accepted ? 'mental_health' : null),
            assisting_sectors: fact.assistingSectors ?? (accepted ? ['housing'] : []),
            risk_factors: fact.riskFactors ?? (accepted ? ['alcohol.abuse'] : []),
            risk_categories: fact.riskCategories ?? (accepted ? ['alcohol'] : []),
            protective_factors: fact.protectiveFactors ?? [],
            study_flags: fact.studyFlags ?? [],
            conclusion_reason: fact.conclusionReason ?? null,
            risk_lowered: fact.riskLowered ?? null,
            days_to_first_contact: fact.daysToFirstContact ?? (accepted ? 1 : null),
            days_open: fact.daysOpen ?? null,
          };
        }),
      )
      .execute();
  }
}

/**
 * The facts of situations decided at filter 2, from their codes, sectors and dates (the month in
 * the table's time zone, whole days): what the write path's refresh stores.
 */
export async function factsFromSituations(db: Kysely<DB>, ids: readonly string[]): Promise<void> {
  await sql`
    insert into situation_fact (
      situation_id, table_id, period, situation_type, age_band, gender, outcome, rejection_reason,
      originating_sector, lead_sector, assisting_sectors, risk_factors, risk_categories,
      protective_factors, study_flags, conclusion_reason, risk_lowered, days_to_first_contact,
      first_contact_within_target, days_open)
    select s.id, s.table_id,
      date_trunc('month', s.decided_at at time zone t.time_zone)::date,
      s.situation_type, s.age_band, s.gender,
      case when s.stage = 'rejected' then 'rejected' else 'accepted' end,
      s.rejection_reason, o.sector, l.sector,
      coalesce((select array_agg(distinct a.sector order by a.sector)
        from situation_assisting_agency sa join agency a on a.id = sa.agency_id
        where sa.situation_id = s.id and s.stage <> 'rejected'), '{}'),
      coalesce((select array_agg(c.code order by c.code) from situation_code c
        where c.situation_id = s.id and c.list = 'risk_factor' and s.stage <> 'rejected'), '{}'),
      coalesce((select array_agg(distinct k.category_code order by k.category_code)
        from situation_code c join code k on k.list = 'risk_factor' and k.code = c.code
        where c.situation_id = s.id and c.list = 'risk_factor' and s.stage <> 'rejected'), '{}'),
      coalesce((select array_agg(c.code order by c.code) from situation_code c
        where c.situation_id = s.id and c.list = 'protective_factor' and s.stage <> 'rejected'), '{}'),
      coalesce((select array_agg(c.code order by c.code) from situation_code c
        where c.situation_id = s.id and c.list = 'study_flag' and s.stage <> 'rejected'), '{}'),
      s.conclusion_reason, cr.risk_lowered,
      floor(extract(epoch from (s.first_contact_at - s.decided_at)) / 86400)::int,
      s.first_contact_at - s.decided_at <= make_interval(hours => t.first_contact_hours),
      floor(extract(epoch from (s.closed_at - s.decided_at)) / 86400)::int
    from situation s
    join situation_table t on t.id = s.table_id
    join agency o on o.id = s.originating_agency_id
    left join agency l on l.id = s.lead_agency_id
    left join code cr on cr.list = 'conclusion_reason' and cr.code = s.conclusion_reason
    where s.id = any(${[...ids]}::uuid[]) and s.decided_at is not null
    on conflict (situation_id) do nothing`.execute(db);
}
