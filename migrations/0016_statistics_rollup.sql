-- The statistics summary over many tables. Measured on 5.9 million cells (100 tables × 24 months
-- × 2,462 keys, about what 1,000,000 situations make): summing 100 tables × 12 months from
-- stats_cell reads 2.95 million rows and takes 10–27 s on 2 cores, whatever the index. So the sum
-- over ALL tables is kept here, per month, dimension and key, and a summary over more than half
-- of the tables is answered as this total less the tables left out — the same sum of the same
-- rounded cells (so the same published numbers, see ARCHITECTURE.md "Statistics and disclosure
-- control"), from at most half of the rows.
--
-- Kept by statement-level triggers on stats_cell, so every writer (the situation write path, the
-- rebuild, the data generator's COPY) keeps it in step without knowing it; ENABLE ALWAYS makes
-- them fire under session_replication_role = replica too (a bulk load that skips foreign keys).
-- Each statement's changes are added in key order, so concurrent writers lock the rows of this
-- table in the same order. No check on n: a proposed row is checked before its conflict is seen.
create table stats_cell_total (
  period date not null,
  dimension text not null,
  key text not null,
  -- Integers like stats_cell's (2^31 situations are far off), so sums over them are bigint, not
  -- numeric.
  n integer not null,
  rounded integer not null,
  primary key (period, dimension, key)
);

-- One function per event (a trigger with transition tables has one event), each adding the
-- statement's change of n and rounded per month, dimension and key.
create function stats_cell_total_insert() returns trigger
  language plpgsql as $$
begin
  insert into stats_cell_total (period, dimension, key, n, rounded)
  select period, dimension, key, sum(n), sum(rounded) from new_cells
  group by period, dimension, key
  order by period, dimension, key
  on conflict (period, dimension, key) do update
    set n = stats_cell_total.n + excluded.n, rounded = stats_cell_total.rounded + excluded.rounded;
  return null;
end $$;

create function stats_cell_total_update() returns trigger
  language plpgsql as $$
begin
  insert into stats_cell_total (period, dimension, key, n, rounded)
  select d.period, d.dimension, d.key, sum(d.n), sum(d.rounded)
  from (
    select period, dimension, key, n, rounded from new_cells
    union all
    select period, dimension, key, -n, -rounded from old_cells
  ) d
  group by d.period, d.dimension, d.key
  having sum(d.n) <> 0 or sum(d.rounded) <> 0
  order by d.period, d.dimension, d.key
  on conflict (period, dimension, key) do update
    set n = stats_cell_total.n + excluded.n, rounded = stats_cell_total.rounded + excluded.rounded;
  return null;
end $$;

create function stats_cell_total_delete() returns trigger
  language plpgsql as $$
begin
  insert into stats_cell_total (period, dimension, key, n, rounded)
  select period, dimension, key, -sum(n), -sum(rounded) from old_cells
  group by period, dimension, key
  order by period, dimension, key
  on conflict (period, dimension, key) do update
    set n = stats_cell_total.n + excluded.n, rounded = stats_cell_total.rounded + excluded.rounded;
  return null;
end $$;

create trigger stats_cell_total_insert after insert on stats_cell
  referencing new table as new_cells
  for each statement execute function stats_cell_total_insert();
create trigger stats_cell_total_update after update on stats_cell
  referencing old table as old_cells new table as new_cells
  for each statement execute function stats_cell_total_update();
create trigger stats_cell_total_delete after delete on stats_cell
  referencing old table as old_cells
  for each statement execute function stats_cell_total_delete();
alter table stats_cell enable always trigger stats_cell_total_insert;
alter table stats_cell enable always trigger stats_cell_total_update;
alter table stats_cell enable always trigger stats_cell_total_delete;

-- Cells written before this migration.
insert into stats_cell_total (period, dimension, key, n, rounded)
select period, dimension, key, sum(n), sum(rounded) from stats_cell group by period, dimension, key;
analyze stats_cell_total;
