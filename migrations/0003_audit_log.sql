-- The audit log: one append-only table. Every row carries a SHA-256 chained to the row before it,
-- computed here in the database so that no insert path can skip it. Inserts are serialised with a
-- transaction-scoped advisory lock and take their id under that lock, so id order is chain order
-- even when transactions commit concurrently. Rows hold who, what, where and why — never values.

create table audit_event (
  id bigint primary key,
  occurred_at timestamptz not null default now(),
  user_id uuid,
  agency_id uuid,
  role text,
  table_id uuid,
  situation_id uuid,
  action text not null check (action ~ '^[a-z][a-zA-Z0-9_.]{2,99}$'),
  data_category text not null
    check (data_category in ('identity', 'intervention', 'de_identified', 'statistics', 'administration', 'authentication')),
  purpose text check (length(purpose) <= 500),
  outcome text not null check (outcome in ('allowed', 'denied')),
  request_id text,
  prev_hash text not null,
  hash text not null
);
create sequence audit_event_id_seq as bigint owned by audit_event.id;
create index audit_event_time on audit_event (occurred_at);
create index audit_event_user on audit_event (user_id, occurred_at);
create index audit_event_situation on audit_event (situation_id, occurred_at) where situation_id is not null;
create index audit_event_table on audit_event (table_id, occurred_at) where table_id is not null;

-- The canonical text of a row, hashed with the previous row's hash. Verification uses the same
-- function, so the two can never disagree about the format.
create function audit_event_digest(e audit_event) returns text
language sql stable as $$
  select encode(sha256(convert_to(concat_ws('|',
    e.prev_hash,
    e.id::text,
    to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    coalesce(e.user_id::text, ''),
    coalesce(e.agency_id::text, ''),
    coalesce(e.role, ''),
    coalesce(e.table_id::text, ''),
    coalesce(e.situation_id::text, ''),
    e.action,
    e.data_category,
    coalesce(e.purpose, ''),
    e.outcome,
    coalesce(e.request_id, '')
  ), 'UTF8')), 'hex')
$$;

create function audit_event_chain() returns trigger
language plpgsql as $$
declare
  previous text;
begin
  -- One chain writer at a time; released when the inserting transaction ends.
  perform pg_advisory_xact_lock(7270010001);
  new.id := nextval('audit_event_id_seq');
  -- The clock at the moment the chain is extended: monotonic in chain order, never caller-supplied.
  new.occurred_at := clock_timestamp();
  select hash into previous from audit_event order by id desc limit 1;
  new.prev_hash := coalesce(previous, repeat('0', 64));
  new.hash := audit_event_digest(new);
  return new;
end
$$;

create trigger audit_event_chain before insert on audit_event
  for each row execute function audit_event_chain();

create function audit_event_reject_change() returns trigger
language plpgsql as $$
begin
  raise exception 'audit_event is append-only' using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_event_immutable before update or delete on audit_event
  for each row execute function audit_event_reject_change();
create trigger audit_event_no_truncate before truncate on audit_event
  for each statement execute function audit_event_reject_change();
