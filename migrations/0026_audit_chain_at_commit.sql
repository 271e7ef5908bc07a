-- The audit chain is extended at COMMIT, not at the insert (#12: a province's audited writes).
--
-- Until now the chain trigger (0003) took the chain's one advisory lock when an event was inserted
-- and held it until the transaction ended. An audited write inserts its event in the middle of its
-- transaction (the update's statement, then the steps after the write, then COMMIT), so the lock
-- covered the rest of the write's statements, their round trips and COMMIT's flush: every audited
-- write and every audited view of identity, in every table of the database, waited on the others'
-- whole transactions (a draft edit ran at about 0.3× a bare single-statement write).
--
-- Now an insert into audit_event holds its row in audit_event_pending, a table of this
-- transaction's events not yet chained, and a deferred constraint trigger chains each of them at
-- COMMIT, in the order they were inserted: the lock is held from then to the end of the commit
-- only. The chain itself is unchanged (0003's lock, id, clock and digest, under the lock), so
-- id order is still chain order and time order, every row already written still verifies, and no
-- insert path can skip the chain: every insert goes through the same trigger.
--
-- What changes for a reader: a transaction does not see its own audit events in audit_event
-- until it commits (no code path reads them back), and an event's time is when its transaction
-- committed (within milliseconds of the write; the chain's clock was always the lock's moment).
-- An event that breaks a constraint is still refused by its own statement: the pending table has
-- audit_event's checks (copied below; a change to them there belongs here too).

-- Unlogged: a pending row never outlives its transaction (chained and deleted at COMMIT, gone
-- with a rollback), so writing it to the WAL would protect nothing.
create unlogged table audit_event_pending (like audit_event including constraints);
alter table audit_event_pending
  drop column id,
  drop column occurred_at,
  drop column prev_hash,
  drop column hash,
  add column ord bigint generated always as identity primary key;

-- The trigger every insert into audit_event goes through. Called by an application's insert: the
-- event waits in audit_event_pending for COMMIT (the statement inserts no row in audit_event).
-- Called from audit_event_pending_chain at COMMIT (the setting below on): the chain as in 0003.
create or replace function audit_event_chain() returns trigger
language plpgsql as $$
declare
  previous text;
begin
  if current_setting('fourfold.audit_chaining', true) is distinct from 'on' then
    insert into audit_event_pending (user_id, agency_id, role, table_id, situation_id, action,
      data_category, purpose, outcome, request_id, target)
    values (new.user_id, new.agency_id, new.role, new.table_id, new.situation_id, new.action,
      new.data_category, new.purpose, new.outcome, new.request_id, new.target);
    return null;
  end if;
  -- One chain writer at a time; released when the committing transaction ends.
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

-- At COMMIT (deferred), once per pending event in insertion order: chained into audit_event.
-- Setting the flag by hand only chains an insert at once, under the same lock: it cannot skip the
-- chain.
create function audit_event_pending_chain() returns trigger
language plpgsql as $$
begin
  perform set_config('fourfold.audit_chaining', 'on', true);
  insert into audit_event (user_id, agency_id, role, table_id, situation_id, action,
    data_category, purpose, outcome, request_id, target)
  values (new.user_id, new.agency_id, new.role, new.table_id, new.situation_id, new.action,
    new.data_category, new.purpose, new.outcome, new.request_id, new.target);
  perform set_config('fourfold.audit_chaining', 'off', true);
  delete from audit_event_pending where ord = new.ord;
  return null;
end
$$;

create constraint trigger audit_event_pending_chain after insert on audit_event_pending
  deferrable initially deferred
  for each row execute function audit_event_pending_chain();
