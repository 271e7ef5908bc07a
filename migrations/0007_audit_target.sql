-- What an audit event acted on, when neither table_id nor situation_id says it: the agency, user or
-- code an administrator changed ("agency:<uuid>", "user:<uuid>", "code:risk_factor/alcohol.use").
-- Only identifiers and codes, never a value that was written (a name, an e-mail address, a label):
-- the check constraint admits lowercase identifiers only.
--
-- The chain's canonical text gains the target as a last field only when it is present. concat_ws
-- skips nulls, so the digest of every row written before this migration (target null) is
-- unchanged and the existing chain still verifies.

alter table audit_event
  add column target text check (target ~ '^[a-z_]{2,30}:[a-z0-9_./-]{1,200}$');

create or replace function audit_event_digest(e audit_event) returns text
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
    coalesce(e.request_id, ''),
    e.target
  ), 'UTF8')), 'hex')
$$;
