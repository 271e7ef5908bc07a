-- Saving an identity in at most 8 round trips like every other workflow write (#12, point 2). Its
-- repeat detection took one statement per step, each reading what the one before wrote — the
-- table's lock, the fingerprints deleted and inserted, the matches, the links held, which linked
-- situations still have live fingerprints, then an insert or delete and an audit event per link
-- changed — so the steps move here, into one function that the write's last statement calls
-- before the steps after every write (situation_after_identity_write), as 0024 did for those.
-- The fingerprints are still computed by the API (a keyed hash: REPEAT_KEY never reaches the
-- database) and passed in as an array.
--
-- 1. Records the repeats of situation `sid` whose identity this transaction has just saved: its
--    fingerprints replaced by `fingerprints`, kept for `window_months` (none at 0, which also
--    links nothing), and its links to the other situations of its table brought in step. All
--    under the table's advisory lock (namespace 7271; code lists 7270, statistics cells 7272),
--    taken before anything is read: two identities of the same person saved at once in two
--    situations would otherwise each miss the other's uncommitted fingerprints. The function is
--    VOLATILE plpgsql, so under READ COMMITTED each statement after the lock reads with a fresh
--    snapshot and sees what the transaction that held the lock before it committed.
--
--    A situation of the table with a live fingerprint (not expired, recorded within the current
--    window) among `fingerprints` is linked, the later-created one repeating the earlier (ties
--    broken by id, for a stable order). A link held whose other side no longer matches is
--    withdrawn only where both sides can still be compared: one whose other side's fingerprints
--    have all expired stays (it matched when both identities were held). Each link detected or
--    withdrawn is one audit event, as the API records one (situation-writes.ts auditEventOf):
--    outcome allowed, the actor's user, agency and role on the table, the situation, its table,
--    the request id, data category de_identified and the other situation as target — ids only,
--    never a fingerprint. Withdrawals first, then detections, each in the other situation's id
--    order. Returns how many links changed.
create function record_situation_repeats(
  sid uuid,
  fingerprints text[],
  window_months integer,
  actor_user_id uuid,
  actor_agency_id uuid,
  actor_role text,
  request_id text
) returns integer
  language plpgsql as $$
declare
  tid uuid;
  created timestamptz;
  change record;
  n integer := 0;
begin
  select s.table_id, s.created_at into strict tid, created from situation s where s.id = sid;
  perform pg_advisory_xact_lock(7271, hashtext(tid::text));
  delete from situation_fingerprint where situation_id = sid;
  if window_months <= 0 then
    return 0;
  end if;
  insert into situation_fingerprint (situation_id, table_id, fingerprint, recorded_at, expires_at)
  select distinct sid, tid, f.fingerprint, now(), now() + make_interval(months => window_months)
  from unnest(fingerprints) as f (fingerprint);

  -- The changes are read in full before the first is made (a FOR loop's query keeps the
  -- snapshot it was opened with).
  for change in
    with matched as (
      select distinct s.id, s.created_at
      from situation_fingerprint f join situation s on s.id = f.situation_id
      where f.table_id = tid and f.fingerprint = any(fingerprints) and f.situation_id <> sid
        and f.expires_at > now()
        and f.recorded_at > now() - make_interval(months => window_months)
    ),
    held as (
      select r.situation_id, r.earlier_situation_id,
        case when r.situation_id = sid then r.earlier_situation_id else r.situation_id end as other
      from situation_repeat r
      where r.situation_id = sid or r.earlier_situation_id = sid
    )
    select 'situation.repeat.withdraw' as action, 0 as ord, h.other,
      h.situation_id, h.earlier_situation_id
    from held h
    where not exists (select 1 from matched m where m.id = h.other)
      and exists (
        select 1 from situation_fingerprint f
        where f.situation_id = h.other
          and f.expires_at > now()
          and f.recorded_at > now() - make_interval(months => window_months)
      )
    union all
    select 'situation.repeat.detect', 1, m.id,
      case when (created, sid) > (m.created_at, m.id) then sid else m.id end,
      case when (created, sid) > (m.created_at, m.id) then m.id else sid end
    from matched m
    where not exists (select 1 from held h where h.other = m.id)
    order by ord, other, situation_id
  loop
    if change.ord = 0 then
      delete from situation_repeat
      where situation_id = change.situation_id
        and earlier_situation_id = change.earlier_situation_id;
    else
      insert into situation_repeat (situation_id, earlier_situation_id)
      values (change.situation_id, change.earlier_situation_id)
      on conflict (situation_id, earlier_situation_id) do nothing;
    end if;
    insert into audit_event (action, data_category, outcome, user_id, agency_id, role, table_id,
      situation_id, purpose, request_id, target)
    values (change.action, 'de_identified', 'allowed', actor_user_id, actor_agency_id, actor_role,
      tid, sid, null, request_id, 'situation:' || change.other::text);
    n := n + 1;
  end loop;
  return n;
end $$;

-- 2. The steps after saving an identity, in one call from the statement that reads the situation
--    back: its repeats recorded (1.), then the steps after every write (0024), whose fact refresh
--    takes in the situations linked before the write (`linked_before`) and after it, so that a
--    link just made or withdrawn moves the later situation's repeat flag in the statistics. In
--    this order, one statement after the other, which a select list would not promise.
create function situation_after_identity_write(
  sid uuid,
  linked_before uuid[],
  fingerprints text[],
  window_months integer,
  actor_user_id uuid,
  actor_agency_id uuid,
  actor_role text,
  request_id text
) returns void
  language plpgsql as $$
begin
  perform record_situation_repeats(sid, fingerprints, window_months, actor_user_id,
    actor_agency_id, actor_role, request_id);
  perform situation_after_write(sid, linked_before);
end $$;
