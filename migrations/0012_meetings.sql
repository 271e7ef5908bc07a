-- The weekly table meeting: meetings per table, their agenda, attendance, the decisions taken in
-- the room, the events that keep every open screen live, frozen minutes; and action items on
-- situations at filter 4 with the 24–48 hour clock. Nothing here holds identity; the only free
-- text (action item descriptions, report-back updates) is checked by the personal-data guard and
-- destroyed with the situation's other free text.

-- Per-table settings: the wall-clock zone of the meeting day and time, and the first-contact clock.
alter table situation_table add column time_zone text not null default 'America/Toronto'
  check (length(time_zone) between 1 and 64);
alter table situation_table add column first_contact_hours smallint not null default 48
  check (first_contact_hours between 1 and 336);

create table meeting (
  id uuid primary key default gen_random_uuid(),
  table_id uuid not null references situation_table (id),
  scheduled_for timestamptz not null,
  status text not null default 'scheduled'
    check (status in ('scheduled', 'open', 'closed', 'cancelled')),
  -- Optimistic concurrency for the chair's changes (If-Match), as on situations.
  version integer not null default 1,
  created_at timestamptz not null default now(),
  created_by uuid not null references app_user (id),
  opened_at timestamptz,
  opened_by uuid references app_user (id),
  closed_at timestamptz,
  closed_by uuid references app_user (id),
  -- The agenda item the room is on; set while open.
  current_item_id uuid,
  check (status <> 'open' or opened_at is not null),
  check (status <> 'closed' or closed_at is not null)
);
create index meeting_table_scheduled on meeting (table_id, scheduled_for desc, id);
-- One meeting at a time per table is in the room.
create unique index meeting_one_open_per_table on meeting (table_id) where status = 'open';
-- Home pages look for meetings on a given day across the person's tables.
create index meeting_scheduled_for on meeting (scheduled_for) where status in ('scheduled', 'open');

create table meeting_agenda_item (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null references meeting (id),
  situation_id uuid not null references situation (id),
  -- Report-backs first, then new situations, then those ready to close (built at opening).
  section text not null check (section in ('report_back', 'new', 'ready_to_close')),
  position integer not null check (position >= 0),
  -- The stage when the item was put on the agenda, for the minutes.
  stage_at_opening text not null
    check (stage_at_opening in ('draft', 'filter2', 'rejected', 'filter3', 'filter4', 'closed')),
  added_at timestamptz not null default now(),
  discussed_at timestamptz,
  unique (meeting_id, situation_id),
  unique (meeting_id, position) deferrable initially deferred
);
create index meeting_agenda_item_situation on meeting_agenda_item (situation_id);
alter table meeting add constraint meeting_current_item_fk
  foreign key (current_item_id) references meeting_agenda_item (id) deferrable initially deferred;

-- Which member agencies were present, who represented them, and apologies.
create table meeting_attendance (
  meeting_id uuid not null references meeting (id),
  agency_id uuid not null references agency (id),
  status text not null check (status in ('present', 'apologies', 'absent')),
  -- The staff member (a user of that agency) who represented it; staff, never a client.
  representative_user_id uuid references app_user (id),
  recorded_at timestamptz not null default now(),
  recorded_by uuid not null references app_user (id),
  primary key (meeting_id, agency_id),
  check (status = 'present' or representative_user_id is null)
);

-- Each situation step taken in the room, stamped with its meeting. Codes and agency ids only.
create table meeting_decision (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null references meeting (id),
  situation_id uuid not null references situation (id),
  kind text not null
    check (kind in ('accepted', 'rejected', 'involvement', 'assigned', 'concluded', 'report_back')),
  -- The agency that declared involvement or reported back.
  agency_id uuid references agency (id),
  involved boolean,
  rejection_reason text,
  conclusion_reason text,
  lead_agency_id uuid references agency (id),
  assisting_agency_ids uuid[] not null default '{}',
  decided_at timestamptz not null default now(),
  decided_by uuid not null references app_user (id)
);
create index meeting_decision_meeting on meeting_decision (meeting_id, decided_at, id);
create index meeting_decision_situation on meeting_decision (situation_id);

-- The live view's event log: every change to an open meeting, in order. A NOTIFY carries only
-- the sequence number; a client that reconnects with Last-Event-ID catches up from here.
create table meeting_event (
  seq bigserial primary key,
  meeting_id uuid not null references meeting (id),
  kind text not null check (kind ~ '^[a-z][a-z_.]{2,60}$'),
  situation_id uuid references situation (id),
  agenda_item_id uuid references meeting_agenda_item (id),
  created_at timestamptz not null default now()
);
create index meeting_event_meeting on meeting_event (meeting_id, seq);

-- Minutes, frozen when the coordinator approves them: the de-identified content as generated,
-- and its SHA-256, so a later change would show.
create table meeting_minutes (
  meeting_id uuid primary key references meeting (id),
  content jsonb not null,
  content_sha256 text not null check (content_sha256 ~ '^[0-9a-f]{64}$'),
  approved_at timestamptz not null default now(),
  approved_by uuid not null references app_user (id)
);

-- Action items on situations at filter 4: an owner agency, a de-identified description, a due
-- time and a status. The first-contact item is made by the assignment itself.
create table action_item (
  id uuid primary key default gen_random_uuid(),
  situation_id uuid not null references situation (id),
  -- Denormalised from the situation so that overdue lists per table and agency use one index.
  table_id uuid not null references situation_table (id),
  owner_agency_id uuid not null references agency (id),
  kind text not null default 'task' check (kind in ('first_contact', 'task')),
  -- Null once destroyed with the situation's other free text.
  description text check (length(description) between 1 and 500),
  due_at timestamptz not null,
  status text not null default 'open' check (status in ('open', 'done', 'cancelled')),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  created_by uuid not null references app_user (id),
  created_in_meeting_id uuid references meeting (id),
  status_changed_at timestamptz,
  status_changed_by uuid references app_user (id),
  -- When the owner agency was told it is overdue (once).
  overdue_notified_at timestamptz
);
create index action_item_situation on action_item (situation_id, due_at, id);
create index action_item_owner_open on action_item (owner_agency_id, due_at) where status = 'open';
create index action_item_overdue_sweep on action_item (due_at)
  where status = 'open' and overdue_notified_at is null;
-- One first-contact item per situation.
create unique index action_item_one_first_contact on action_item (situation_id)
  where kind = 'first_contact';

-- A report-back: an agency's de-identified status update on a situation at filter 3 or 4, in a
-- meeting or between meetings.
create table report_back (
  id uuid primary key default gen_random_uuid(),
  situation_id uuid not null references situation (id),
  agency_id uuid not null references agency (id),
  meeting_id uuid references meeting (id),
  -- Null once destroyed with the situation's other free text.
  status_update text check (length(status_update) between 1 and 1000),
  created_at timestamptz not null default now(),
  created_by uuid not null references app_user (id)
);
create index report_back_situation on report_back (situation_id, created_at, id);
create index report_back_meeting on report_back (meeting_id) where meeting_id is not null;
