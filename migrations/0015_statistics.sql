-- Statistics for analysts and coordinators. Two tables, neither of which can hold identity, free
-- text, a date of birth or an exact day, so the statistics code cannot reach them even by mistake:
--
-- situation_fact: one de-identified row per discussed situation (filter 2 decided), the coded facts
--   only, with the month of the discussion in the table's time zone. Kept in the same transaction
--   as every situation write (modules/statistics/situation-facts.ts) and read by the exports.
--
-- stats_cell: the rollup the summary reads. One row per table, month, dimension and key, holding
--   the true count `n` and a random `seed`; `rounded` is `n` randomly rounded to base 5 by
--   stats_round. Every count the summary publishes is the sum of `rounded` over the cells it
--   covers, so any difference of two published answers is itself a sum of rounded cells (see
--   ARCHITECTURE.md, "Statistics and disclosure control").

create table situation_fact (
  situation_id uuid primary key references situation (id) on delete cascade,
  table_id uuid not null references situation_table (id),
  -- First day of the month of the filter-2 decision, in the table's time zone.
  period date not null check (extract(day from period) = 1),
  situation_type text not null,
  age_band text not null,
  gender text not null,
  outcome text not null check (outcome in ('accepted', 'rejected')),
  rejection_reason text,
  originating_sector text not null,
  lead_sector text,
  -- Distinct sectors, sorted.
  assisting_sectors text[] not null default '{}',
  risk_factors text[] not null default '{}',
  risk_categories text[] not null default '{}',
  protective_factors text[] not null default '{}',
  study_flags text[] not null default '{}',
  conclusion_reason text,
  risk_lowered boolean,
  -- Whole days, and whether within the table's first-contact hours (48 by default).
  days_to_first_contact integer check (days_to_first_contact >= 0),
  first_contact_within_target boolean,
  days_open integer check (days_open >= 0),
  is_repeat boolean not null default false,
  check (outcome = 'accepted' or rejection_reason is not null)
);
-- The exports read one table and calendar year at a time.
create index situation_fact_table_period on situation_fact (table_id, period);

-- Unbiased random rounding to base 5: n - n % 5, plus 5 with probability (n % 5) / 5. The draw is
-- a hash of the cell's seed and its true count, so the same cell with the same count rounds the
-- same way in every query (averaging repeated answers learns nothing), while a cell whose count
-- changes draws afresh.
create function stats_round(n integer, seed integer) returns integer
  language sql immutable strict parallel safe
  return n - n % 5 + case
    when n % 5 > 0 and (hashint8((seed::bigint << 24) + n) & 2147483647) % 5 < n % 5 then 5
    else 0
  end;

create table stats_cell (
  table_id uuid not null references situation_table (id),
  period date not null check (extract(day from period) = 1),
  dimension text not null check (dimension ~ '^[a-z][a-z0-9_]{1,63}$'),
  key text not null check (length(key) between 1 and 250),
  n integer not null check (n >= 0),
  seed integer not null default (floor(random() * 2147483647))::integer,
  rounded integer generated always as (stats_round(n, seed)) stored,
  primary key (table_id, period, dimension, key)
);
