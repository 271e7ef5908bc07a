-- A workflow write in at most 8 round trips (#12, point 2). What every write did after its own
-- work took one statement each — the repeat links, the stored and the fresh fact, a lock, the
-- upsert, the cell lock, the cells, the open meetings, one INSERT and one NOTIFY per meeting — so
-- they move here, into functions a write calls in one statement (situation_after_write).
--
-- 1. situation_fact_fresh: THE definition of a situation's statistics fact, as a view over the
--    base tables (it was a TypeScript query in facts.repository.ts, which now reads this view).
--    A situation not yet discussed (draft, filter 2) has no row. A rejected one keeps no factor,
--    flag or agency (provincial practice: what was said about a situation not accepted is not
--    counted). Whole days are floored; the period is the month of the decision on the table's
--    clock. Its columns are situation_fact's, in its order and types, so a row of one is a row of
--    the other.
create view situation_fact_fresh as
select
  s.id as situation_id,
  s.table_id,
  date_trunc('month', s.decided_at at time zone t.time_zone)::date as period,
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
where s.stage in ('rejected', 'filter3', 'filter4', 'closed')
  and s.decided_at is not null;

-- 2. Moves the cells from counting the facts `before` to counting the facts `after` (either may
--    be empty), by stats_fact_cells (0019, the one definition of a cell): −1 for every cell of a
--    fact before, +1 for every cell of a fact after, summed per cell and applied where the sum is
--    not zero. Existing cells are updated (their seed stays, so a cell rounds the same way
--    whenever its count is the same); missing ones are inserted with a fresh seed, and a
--    concurrent insert of the same cell is added to rather than refused. A plain
--    `insert … on conflict do update` would not do: the check n >= 0 refuses a negative proposed
--    row before the conflict is seen. Two writes of one table touch many of the same cells in no
--    set order, so each takes the table's advisory lock first (namespace 7272; code lists 7270,
--    repeats 7271), tables in id order: they queue instead of deadlocking. The all-tables totals
--    (0016's triggers) are taken in key order, which cannot deadlock either.
create function stats_apply_fact_changes(before situation_fact[], after situation_fact[])
  returns void
  language plpgsql as $$
declare
  tid uuid;
begin
  if coalesce(cardinality(before), 0) + coalesce(cardinality(after), 0) = 0 then
    return;
  end if;
  for tid in
    select distinct f.table_id from (
      select b.table_id from unnest(before) b union all select a.table_id from unnest(after) a
    ) f order by 1
  loop
    perform pg_advisory_xact_lock(7272, hashtext(tid::text));
  end loop;
  with fact as (
    select b as fact, -1 as sign from unnest(before) b
    union all
    select a, 1 from unnest(after) a
  ),
  -- `offset 0` keeps the inlined function a subquery: PostgreSQL 15 fails to plan a GROUP BY on
  -- its columns when the UNION it is made of is flattened into the query.
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
  on conflict (table_id, period, dimension, key) do update set n = stats_cell.n + excluded.n;
end $$;

-- 3. Brings the stored facts of the situations `ids` (and the cells they count in) in step with
--    the situations as they now are: the stored rows compared with situation_fact_fresh; most
--    writes change no fact, settled without a lock. Otherwise the changed situations' rows are
--    locked in id order (the write holds its own already; a linked situation's is taken here)
--    and compared again, so two refreshes of one situation never interleave; then their facts are
--    replaced and the cells moved from the old facts to the new. Returns how many changed.
create function situation_facts_changed(ids uuid[]) returns uuid[]
  language sql stable as $$
    select coalesce(array_agg(coalesce(o.situation_id, n.situation_id)
      order by coalesce(o.situation_id, n.situation_id)), '{}')
    from (select * from situation_fact where situation_id = any(ids)) o
    full join (select * from situation_fact_fresh where situation_id = any(ids)) n
      on n.situation_id = o.situation_id
    where row(o.*) is distinct from row(n.*)
  $$;

create function refresh_situation_facts(ids uuid[]) returns integer
  language plpgsql as $$
declare
  changed uuid[];
  before situation_fact[];
  after situation_fact[];
begin
  changed := situation_facts_changed(ids);
  if cardinality(changed) = 0 then
    return 0;
  end if;
  perform 1 from situation where id = any(changed) order by id for no key update;
  changed := situation_facts_changed(changed);
  if cardinality(changed) = 0 then
    return 0;
  end if;
  select coalesce(array_agg(f order by f.situation_id), '{}') into before
  from situation_fact f where f.situation_id = any(changed);
  delete from situation_fact where situation_id = any(changed);
  insert into situation_fact
  select * from situation_fact_fresh where situation_id = any(changed) order by situation_id;
  select coalesce(array_agg(f order by f.situation_id), '{}') into after
  from situation_fact f where f.situation_id = any(changed);
  perform stats_apply_fact_changes(before, after);
  return cardinality(changed);
end $$;

-- 4. A situation changed (a step, an action item, a report-back): every OPEN meeting with it on
--    the agenda gets an event in meeting_event, announced on the channel `meeting_event` with
--    only the meeting id and the event's sequence number (modules/meeting-events), delivered on
--    commit. Returns how many events.
create function record_situation_meeting_events(sid uuid, event_kind text) returns integer
  language plpgsql as $$
declare
  ev record;
  n integer := 0;
begin
  for ev in
    insert into meeting_event (meeting_id, kind, situation_id, agenda_item_id)
    select i.meeting_id, event_kind, sid, i.id
    from meeting_agenda_item i join meeting m on m.id = i.meeting_id
    where i.situation_id = sid and m.status = 'open'
    order by i.meeting_id, i.id
    returning meeting_id, seq
  loop
    perform pg_notify('meeting_event',
      json_build_object('meetingId', ev.meeting_id, 'seq', ev.seq::text)::text);
    n := n + 1;
  end loop;
  return n;
end $$;

-- 5. What every situation write does after its own work, in one call: the facts of the situation
--    and of every situation linked to it as a repeat before the write (`linked_before`, read by
--    the write's first statement) or after it (saving an identity may link or withdraw a later
--    situation; a rejection forgets its links) — a link changes whether the later situation
--    counts as a repeat —; then the open meetings hear that it changed.
create function situation_after_write(sid uuid, linked_before uuid[]) returns void
  language plpgsql as $$
begin
  perform refresh_situation_facts(array(
    select x from (
      select sid
      union
      select unnest(linked_before)
      union
      select r.situation_id from situation_repeat r
      where r.situation_id = sid or r.earlier_situation_id = sid
    ) l (x)
    order by x
  ));
  perform record_situation_meeting_events(sid, 'situation.changed');
end $$;
