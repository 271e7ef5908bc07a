-- Lists served by indexes at 100,000 situations per table (#12, point 1). Each index below is
-- proven by an EXPLAIN in apps/api/test/modules/situations/list-plans.test.ts and measured in docs/benchmarks.md
-- (indexes section).
--
-- 1. What the situation list sorts and filters by must be on the situation row, or no index can
--    serve it: the first-contact due time was a correlated subquery over action_item and the
--    risk-factor count one over situation_code, evaluated for every row before sorting. Both are
--    now columns kept by statement-level triggers on the tables they derive from, so every writer
--    (the write path, the demo seed, the data generator's COPY) keeps them in step in its own
--    transaction without knowing it; ENABLE ALWAYS makes them fire under
--    session_replication_role = replica too, as 0016's do.
alter table situation
  add column risk_factor_count integer not null default 0,
  add column first_contact_due_at timestamptz;

update situation s
set risk_factor_count = (
  select count(*) from situation_code c where c.situation_id = s.id and c.list = 'risk_factor'
);
update situation s
set first_contact_due_at = fc.due_at
from action_item fc
where fc.situation_id = s.id and fc.kind = 'first_contact';

-- One function per event (a trigger with transition tables has one event). Situations are
-- updated in id order, so concurrent statements lock their rows in the same order.
create function situation_code_count_insert() returns trigger
  language plpgsql as $$
begin
  update situation s set risk_factor_count = s.risk_factor_count + d.n
  from (
    select situation_id, count(*)::integer as n from new_codes
    where list = 'risk_factor' group by situation_id order by situation_id
  ) d
  where s.id = d.situation_id;
  return null;
end $$;

create function situation_code_count_delete() returns trigger
  language plpgsql as $$
begin
  update situation s set risk_factor_count = s.risk_factor_count - d.n
  from (
    select situation_id, count(*)::integer as n from old_codes
    where list = 'risk_factor' group by situation_id order by situation_id
  ) d
  where s.id = d.situation_id;
  return null;
end $$;

create function situation_code_count_update() returns trigger
  language plpgsql as $$
begin
  update situation s set risk_factor_count = s.risk_factor_count + d.n
  from (
    select situation_id, sum(n)::integer as n from (
      select situation_id, 1 as n from new_codes where list = 'risk_factor'
      union all
      select situation_id, -1 from old_codes where list = 'risk_factor'
    ) c
    group by situation_id having sum(n) <> 0 order by situation_id
  ) d
  where s.id = d.situation_id;
  return null;
end $$;

create trigger situation_code_count_insert after insert on situation_code
  referencing new table as new_codes
  for each statement execute function situation_code_count_insert();
create trigger situation_code_count_delete after delete on situation_code
  referencing old table as old_codes
  for each statement execute function situation_code_count_delete();
create trigger situation_code_count_update after update on situation_code
  referencing old table as old_codes new table as new_codes
  for each statement execute function situation_code_count_update();
alter table situation_code enable always trigger situation_code_count_insert;
alter table situation_code enable always trigger situation_code_count_delete;
alter table situation_code enable always trigger situation_code_count_update;

-- The first-contact item is unique per situation (action_item_one_first_contact), so its due time
-- is the situation's; rescheduling it moves the clock everywhere, as before.
create function situation_first_contact_due() returns trigger
  language plpgsql as $$
begin
  update situation s set first_contact_due_at = d.due_at
  from (
    select situation_id, due_at from new_items
    where kind = 'first_contact' order by situation_id
  ) d
  where s.id = d.situation_id and s.first_contact_due_at is distinct from d.due_at;
  return null;
end $$;

create trigger situation_first_contact_due_insert after insert on action_item
  referencing new table as new_items
  for each statement execute function situation_first_contact_due();
create trigger situation_first_contact_due_update after update on action_item
  referencing new table as new_items
  for each statement execute function situation_first_contact_due();
alter table action_item enable always trigger situation_first_contact_due_insert;
alter table action_item enable always trigger situation_first_contact_due_update;

-- 2. The situation list: one index per sort, with and without a stage filter. A keyset page
--    reads (table_id[, stage], sort value, id) in index order forwards or backwards, from the
--    cursor's position, and stops after a page: the visibility rule (drafts of the caller's
--    agency only) is a filter on rows that are nearly all visible. References compare byte-wise.
--    The first-contact due time sorts nulls last in both directions (as infinity ascending, minus
--    infinity descending), so it has an index per direction. 0006's stage index (created descending, id ascending) matches neither direction
--    of the created sort (both keys the same way), so it is replaced.
drop index situation_table_stage;
create index situation_list_updated on situation (table_id, updated_at, id);
create index situation_list_stage_updated on situation (table_id, stage, updated_at, id);
create index situation_list_created on situation (table_id, created_at, id);
create index situation_list_stage_created on situation (table_id, stage, created_at, id);
create index situation_list_reference on situation (table_id, (reference collate "C"), id);
create index situation_list_stage_reference on situation (table_id, stage, (reference collate "C"), id);
create index situation_list_due_asc
  on situation (table_id, (coalesce(first_contact_due_at, 'infinity'::timestamptz)), id);
create index situation_list_due_desc
  on situation (table_id, (coalesce(first_contact_due_at, '-infinity'::timestamptz)), id);
create index situation_list_stage_due_asc
  on situation (table_id, stage, (coalesce(first_contact_due_at, 'infinity'::timestamptz)), id);
create index situation_list_stage_due_desc
  on situation (table_id, stage, (coalesce(first_contact_due_at, '-infinity'::timestamptz)), id);

-- The stage counts: an index-only scan per table (the visibility rule reads the originating
-- agency), and the overdue filter: the few situations at filter 4 still waiting for contact.
create index situation_stage_counts on situation (table_id, stage, originating_agency_id);
create index situation_overdue on situation (table_id, first_contact_due_at)
  where stage = 'filter4' and first_contact_at is null;
