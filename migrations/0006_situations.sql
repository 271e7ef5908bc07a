-- Situations and the Four Filter workflow. The de-identified facts live in `situation` and its
-- code tables; identity lives apart in `situation_identity`, encrypted by the application
-- (AES-256-GCM, with the id of the key that sealed it), and so do intervention notes.

-- Per-table setting: how many risk factors a situation needs before it can be presented.
alter table situation_table add column min_risk_factors smallint not null default 2
  check (min_risk_factors between 0 and 20);

-- Human references such as RIV-2026-0042: one counter per table and year.
create table situation_reference_counter (
  table_id uuid not null references situation_table (id),
  year smallint not null,
  last_number integer not null,
  primary key (table_id, year)
);

create table situation (
  id uuid primary key default gen_random_uuid(),
  table_id uuid not null references situation_table (id),
  reference text not null unique,
  stage text not null default 'draft'
    check (stage in ('draft', 'filter2', 'rejected', 'filter3', 'filter4', 'closed')),
  -- Optimistic concurrency: every change increments it; clients send it back in If-Match.
  version integer not null default 1,
  situation_type text not null,
  age_band text not null,
  gender text not null,
  summary text not null check (length(summary) between 1 and 2000),
  filter1_agency_exhausted_options boolean not null,
  filter1_significant_interest boolean not null,
  filter1_probability_of_harm boolean not null,
  filter1_severity_of_harm boolean not null,
  filter1_multiple_agencies_needed boolean not null,
  originating_agency_id uuid not null references agency (id),
  created_at timestamptz not null default now(),
  created_by uuid not null references app_user (id),
  updated_at timestamptz not null default now(),
  submitted_at timestamptz,
  submitted_by uuid references app_user (id),
  decided_at timestamptz,
  decided_by uuid references app_user (id),
  rejection_reason text,
  assigned_at timestamptz,
  assigned_by uuid references app_user (id),
  lead_agency_id uuid references agency (id),
  first_contact_at timestamptz,
  first_contact_outcome text check (first_contact_outcome in ('engaged', 'declined', 'not_located')),
  first_contact_recorded_by uuid references app_user (id),
  closed_at timestamptz,
  closed_by uuid references app_user (id),
  conclusion_reason text,
  identity_destroyed_at timestamptz,
  check (stage <> 'rejected' or rejection_reason is not null),
  check (stage <> 'closed' or conclusion_reason is not null),
  check (stage not in ('filter4', 'closed') or lead_agency_id is not null)
);
create index situation_table_stage on situation (table_id, stage, created_at desc, id);
-- The retention purge looks for closed situations whose identity is still held.
create index situation_closed_identity on situation (closed_at)
  where stage = 'closed' and identity_destroyed_at is null;

create table situation_code (
  situation_id uuid not null references situation (id),
  list text not null check (list in ('risk_factor', 'protective_factor', 'study_flag')),
  code text not null,
  primary key (situation_id, list, code)
);

-- The agencies present at the filter-2 decision, and whether each already works with the person.
create table situation_agency_present (
  situation_id uuid not null references situation (id),
  agency_id uuid not null references agency (id),
  involved boolean,
  declared_at timestamptz,
  declared_by uuid references app_user (id),
  primary key (situation_id, agency_id)
);

create table situation_assisting_agency (
  situation_id uuid not null references situation (id),
  agency_id uuid not null references agency (id),
  primary key (situation_id, agency_id)
);

-- Identity, sealed by the application. Deleted (not blanked) when destroyed.
create table situation_identity (
  situation_id uuid primary key references situation (id),
  key_id text not null,
  sealed text not null,
  updated_at timestamptz not null default now(),
  updated_by uuid not null references app_user (id)
);

create table intervention_note (
  id uuid primary key default gen_random_uuid(),
  situation_id uuid not null references situation (id),
  agency_id uuid not null references agency (id),
  author_id uuid not null references app_user (id),
  key_id text not null,
  sealed text not null,
  created_at timestamptz not null default now()
);
create index intervention_note_situation on intervention_note (situation_id, created_at);
