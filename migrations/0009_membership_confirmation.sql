-- Separation of duties (issue 8).
--
-- 1. An administrator holds no agency and no table membership, ever; a person with an agency or a
--    membership is never made an administrator. A check constraint covers the agency; triggers on
--    both tables cover memberships, each locking the user's row so that two transactions racing
--    (one granting the flag, one adding a membership) cannot both commit.
-- 2. A membership has a status. Only a membership that is not 'pending' grants anything:
--      pending           asked for (requested_by, requested_at), waiting for a second person;
--      confirmed         confirmed by a second person (confirmed_by, confirmed_at), who is never
--                        the member nor the person who asked;
--      not_required      an analyst: cannot reach identity, takes effect at once;
--      first_coordinator a table's very first coordinator, when nobody could confirm it;
--      migrated          existing before this migration (and test fixtures): taken as confirmed.
--    Which role may take effect without a confirmation is held here too, so that no code path
--    can grant a coordinator, representative or privacy officer without one.

-- Existing administrators lose any membership and agency they held: the safe direction (they keep
-- administration, lose table access), each removal recorded in the audit log without a user.
insert into audit_event (action, data_category, outcome, table_id, target)
select 'admin.membership.remove', 'administration', 'allowed', m.table_id, 'user:' || m.user_id
from table_membership m
join app_user u on u.id = m.user_id
where u.is_administrator
order by m.created_at, m.id;

delete from table_membership m
using app_user u
where u.id = m.user_id and u.is_administrator;

update app_user set agency_id = null, session_epoch = session_epoch + 1
where is_administrator and agency_id is not null;

alter table app_user
  add constraint app_user_administrator_has_no_agency check (not is_administrator or agency_id is null);

alter table table_membership
  add column status text not null default 'migrated'
    check (status in ('pending', 'confirmed', 'not_required', 'first_coordinator', 'migrated')),
  add column requested_by uuid references app_user (id),
  add column requested_at timestamptz,
  add column confirmed_by uuid references app_user (id),
  add column confirmed_at timestamptz;

update table_membership set requested_at = created_at, confirmed_at = created_at;

alter table table_membership
  alter column status drop default,
  alter column requested_at set not null,
  alter column requested_at set default now(),
  add constraint table_membership_pending_unconfirmed
    check ((status = 'pending') = (confirmed_at is null)),
  add constraint table_membership_confirmed_by_second_person
    check ((status = 'confirmed') = (confirmed_by is not null)
      and (confirmed_by is null or (confirmed_by <> user_id
        and confirmed_by is distinct from requested_by))),
  add constraint table_membership_without_confirmation
    check ((status <> 'not_required' or role = 'analyst')
      and (status <> 'first_coordinator' or role = 'coordinator'));

create index table_membership_pending on table_membership (table_id) where status = 'pending';

-- A membership is refused to an administrator, and its confirmer must be a coordinator or privacy
-- officer of the same table whose own membership is in effect.
create function table_membership_separation_of_duties() returns trigger
language plpgsql as $$
begin
  -- FOR SHARE waits for a transaction that is changing the user's row (making them an
  -- administrator) and then reads what it committed.
  if (select is_administrator from app_user where id = new.user_id for share) then
    raise exception 'an administrator cannot hold a table membership'
      using errcode = '23514', constraint = 'table_membership_not_administrator';
  end if;
  if new.confirmed_by is not null
    and (tg_op = 'INSERT' or new.confirmed_by is distinct from old.confirmed_by)
    and not exists (
      select 1 from table_membership c
      where c.table_id = new.table_id and c.user_id = new.confirmed_by
        and c.role in ('coordinator', 'privacy_officer') and c.status <> 'pending')
  then
    raise exception 'a membership is confirmed by a coordinator or privacy officer of its table'
      using errcode = '23514', constraint = 'table_membership_confirmer';
  end if;
  return new;
end;
$$;

create trigger table_membership_separation_of_duties
  before insert or update on table_membership
  for each row execute function table_membership_separation_of_duties();

create function app_user_separation_of_duties() returns trigger
language plpgsql as $$
begin
  if new.is_administrator and exists (select 1 from table_membership where user_id = new.id) then
    raise exception 'a table member cannot be an administrator'
      using errcode = '23514', constraint = 'app_user_administrator_not_member';
  end if;
  return new;
end;
$$;

create trigger app_user_separation_of_duties
  before insert or update of is_administrator on app_user
  for each row when (new.is_administrator)
  execute function app_user_separation_of_duties();
