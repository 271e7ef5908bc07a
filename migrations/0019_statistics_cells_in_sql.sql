-- THE definition of the statistics cells a discussed situation counts in, in SQL, so that every
-- writer of stats_cell uses the same one: the situation write path (one statement of deltas from
-- the facts before and after), the rebuild (`pnpm stats:rebuild`, one INSERT … SELECT … GROUP BY
-- over situation_fact) and the data generator (which runs the rebuild after its COPY). It replaces
-- the TypeScript `cellsOf`, which made a set-based rebuild impossible.
--
-- The day buckets follow packages/shared/src/statistics.ts (firstContactDayBuckets,
-- daysOpenBuckets), which labels them; test/modules/statistics/statistics-cells-sql.test.ts checks
-- every day from 0 to 400 against dayBucketOf.

create function stats_first_contact_day_bucket(days integer) returns text
  language sql immutable strict parallel safe
  return case
    when days <= 0 then '0'
    when days = 1 then '1'
    when days = 2 then '2'
    when days <= 7 then '3_7'
    when days <= 14 then '8_14'
    when days <= 30 then '15_30'
    else '31_plus'
  end;

create function stats_days_open_bucket(days integer) returns text
  language sql immutable strict parallel safe
  return case
    when days <= 7 then '0_7'
    when days <= 14 then '8_14'
    when days <= 30 then '15_30'
    when days <= 60 then '31_60'
    when days <= 90 then '61_90'
    when days <= 180 then '91_180'
    else '181_plus'
  end;

-- One row per cell the fact counts in, each once. A rejected situation counts in the common
-- dimensions only (what was said about it is not counted). Pairs are taken in the order of the
-- fact's sorted arrays (ordinality, not a collation-dependent `<`). A single SELECT in a plain SQL
-- function, so the planner inlines it into `from situation_fact f, stats_fact_cells(f)`.
create function stats_fact_cells(f situation_fact) returns table (dimension text, key text)
  language sql immutable parallel safe
  as $$
    select 'discussions', 'all'
    union all select 'outcome', f.outcome
    union all select 'situation_type', f.situation_type
    union all select 'age_band', f.age_band
    union all select 'gender', f.gender
    union all select 'originating_sector', f.originating_sector
    union all select 'repeat', case when f.is_repeat then 'repeat' else 'first' end
    -- Rejected.
    union all select 'rejection_reason', f.rejection_reason
      where f.outcome = 'rejected' and f.rejection_reason is not null
    union all select 'first_contact', 'not_applicable' where f.outcome = 'rejected'
    union all select 'days_open', 'not_applicable' where f.outcome = 'rejected'
    -- Accepted.
    union all select 'lead_sector', f.lead_sector
      where f.outcome = 'accepted' and f.lead_sector is not null
    union all select 'assisting_sector', v from unnest(f.assisting_sectors) v
      where f.outcome = 'accepted'
    union all select 'risk_category', v from unnest(f.risk_categories) v
      where f.outcome = 'accepted'
    union all select 'risk_factor', v from unnest(f.risk_factors) v
      where f.outcome = 'accepted'
    union all select 'risk_category_by_age_band', f.age_band || '|' || v
      from unnest(f.risk_categories) v where f.outcome = 'accepted'
    union all select 'risk_category_by_gender', f.gender || '|' || v
      from unnest(f.risk_categories) v where f.outcome = 'accepted'
    union all select 'risk_factor_by_age_band', f.age_band || '|' || v
      from unnest(f.risk_factors) v where f.outcome = 'accepted'
    union all select 'risk_factor_by_gender', f.gender || '|' || v
      from unnest(f.risk_factors) v where f.outcome = 'accepted'
    union all select 'risk_category_pair', a.v || '|' || b.v
      from unnest(f.risk_categories) with ordinality a (v, i)
      join unnest(f.risk_categories) with ordinality b (v, i) on a.i < b.i
      where f.outcome = 'accepted'
    union all select 'risk_factor_pair', a.v || '|' || b.v
      from unnest(f.risk_factors) with ordinality a (v, i)
      join unnest(f.risk_factors) with ordinality b (v, i) on a.i < b.i
      where f.outcome = 'accepted'
    union all select 'protective_factor', v from unnest(f.protective_factors) v
      where f.outcome = 'accepted'
    union all select 'study_flag', v from unnest(f.study_flags) v
      where f.outcome = 'accepted'
    union all select 'conclusion', case
        when f.conclusion_reason is null then 'open'
        when f.risk_lowered then 'risk_lowered'
        else 'still_elevated'
      end
      where f.outcome = 'accepted'
    union all select 'conclusion_reason', f.conclusion_reason
      where f.outcome = 'accepted' and f.conclusion_reason is not null
    union all select 'first_contact', case
        when f.days_to_first_contact is null then 'none'
        when f.first_contact_within_target then 'within_target'
        else 'after_target'
      end
      where f.outcome = 'accepted'
    union all select 'first_contact_days', stats_first_contact_day_bucket(f.days_to_first_contact)
      where f.outcome = 'accepted' and f.days_to_first_contact is not null
    union all select 'days_open', case
        when f.days_open is null then 'open'
        else stats_days_open_bucket(f.days_open)
      end
      where f.outcome = 'accepted'
  $$;
