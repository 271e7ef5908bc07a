-- Notifications (issue 9): a person learns, in the app and by e-mail, that their agency was named
-- lead or assisting on a situation, was given an action item, or has one overdue. A row holds ids,
-- a kind and a due time only: never identity, summary or action text, so neither the list nor the
-- e-mail built from it can carry them.
create table notification (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_user (id),
  kind text not null
    check (kind in ('lead_assigned', 'assisting_assigned', 'action_item_assigned', 'action_item_overdue')),
  table_id uuid not null references situation_table (id),
  situation_id uuid not null references situation (id),
  -- No foreign key: the action_item table (migration 0012) is built on another branch, and a
  -- notification must not stop an action item from being removed either.
  action_item_id uuid,
  -- The action item's due time, copied so the list and the e-mail need not read the item.
  due_at timestamptz,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  -- The e-mail is sent after the transaction that created the row commits (see the dispatcher):
  -- pending until sent (a refused attempt leaves it pending, retried by the sweep), failed once
  -- the bounded attempts are spent, skipped when it may no longer be sent (the person was
  -- deactivated or left the table).
  email_status text not null default 'pending'
    check (email_status in ('pending', 'sent', 'failed', 'skipped')),
  emailed_at timestamptz,
  email_attempts integer not null default 0 check (email_attempts >= 0),
  check ((kind in ('action_item_assigned', 'action_item_overdue')) = (action_item_id is not null)),
  -- While a dispatcher sends the e-mail, others leave the row alone until then (a lease: a
  -- process that dies mid-send leaves a row another one retries once it has passed).
  email_locked_until timestamptz,
  check ((email_status = 'sent') = (emailed_at is not null))
);

-- The person's list, newest first, paged by (created_at, id).
create index notification_user_list on notification (user_id, created_at desc, id desc);
-- The unread count shown in the header of every page.
create index notification_user_unread on notification (user_id) where read_at is null;
-- The mail dispatcher's queue.
create index notification_email_pending on notification (created_at, id)
  where email_status = 'pending';
-- An overdue action item is announced once per person and due time, however many processes'
-- sweeps find it overdue (a new due time that passes again is announced again).
create unique index notification_overdue_once on notification (user_id, action_item_id, due_at)
  where kind = 'action_item_overdue';
