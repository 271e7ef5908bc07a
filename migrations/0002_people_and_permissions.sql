-- People and permissions: agencies, situation tables and their member agencies, users, table
-- memberships with a role, sign-in state (refresh tokens, attempts, second factor, one-time links),
-- and the confidentiality agreement each member accepts.

create table agency (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 2 and 200),
  sector text not null check (sector ~ '^[a-z][a-z0-9_]{1,63}$'),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index agency_name_unique on agency (lower(name));

create table situation_table (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 2 and 200),
  -- Short code used in human situation references, e.g. RIV in RIV-2026-0042.
  reference_prefix text not null check (reference_prefix ~ '^[A-Z]{2,6}$'),
  municipality text not null check (length(municipality) between 1 and 200),
  -- ISO weekday, 1 = Monday … 7 = Sunday.
  meeting_weekday smallint check (meeting_weekday between 1 and 7),
  meeting_time time,
  requires_second_factor boolean not null default false,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index situation_table_name_unique on situation_table (lower(name));
create unique index situation_table_prefix_unique on situation_table (reference_prefix);

create table table_agency (
  table_id uuid not null references situation_table (id),
  agency_id uuid not null references agency (id),
  joined_at timestamptz not null default now(),
  primary key (table_id, agency_id)
);
create index table_agency_agency on table_agency (agency_id);

create table app_user (
  id uuid primary key default gen_random_uuid(),
  -- Stored lower-cased; unique without regard to case.
  email text not null check (email = lower(email) and email ~ '^[^@\s]+@[^@\s]+$'),
  display_name text not null check (length(display_name) between 1 and 200),
  agency_id uuid references agency (id),
  is_administrator boolean not null default false,
  active boolean not null default true,
  password_hash text,
  password_changed_at timestamptz,
  -- Bumped whenever access changes (deactivation, memberships, password, second factor):
  -- every request compares it with the epoch in the access token.
  session_epoch integer not null default 0,
  totp_secret text,
  totp_enabled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- An agency representative, coordinator, analyst or privacy officer belongs to an agency;
  -- only an administrator may have none.
  check (agency_id is not null or is_administrator)
);
create unique index app_user_email_unique on app_user (email);
create index app_user_agency on app_user (agency_id);

create table table_membership (
  id uuid primary key default gen_random_uuid(),
  table_id uuid not null references situation_table (id),
  user_id uuid not null references app_user (id),
  role text not null check (role in ('coordinator', 'agency_rep', 'analyst', 'privacy_officer')),
  created_at timestamptz not null default now(),
  unique (table_id, user_id)
);
create index table_membership_user on table_membership (user_id);

-- Each table's confidentiality text, versioned; members accept the current version.
create table confidentiality_agreement (
  id uuid primary key default gen_random_uuid(),
  table_id uuid not null references situation_table (id),
  version integer not null check (version >= 1),
  body_en text not null check (length(body_en) between 1 and 20000),
  body_fr text not null check (length(body_fr) between 1 and 20000),
  created_at timestamptz not null default now(),
  created_by uuid references app_user (id),
  unique (table_id, version)
);

create table agreement_acceptance (
  user_id uuid not null references app_user (id),
  agreement_id uuid not null references confidentiality_agreement (id),
  accepted_at timestamptz not null default now(),
  primary key (user_id, agreement_id)
);

-- Refresh tokens: only a SHA-256 of the random token is stored. Rotated on every use; presenting a
-- spent token revokes its whole family (every token descended from the same sign-in).
create table refresh_token (
  id uuid primary key default gen_random_uuid(),
  family_id uuid not null,
  user_id uuid not null references app_user (id),
  token_hash text not null unique,
  second_factor boolean not null default false,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  revoked_at timestamptz
);
create index refresh_token_family on refresh_token (family_id);
create index refresh_token_user on refresh_token (user_id);

-- Sign-in attempts, kept in the database so that limits hold across several API processes. Counted
-- by a keyed digest of the submitted e-mail, not by user, so that an unknown address locks exactly
-- like a known one and the answer never tells which addresses have accounts.
create table login_attempt (
  id bigint generated always as identity primary key,
  email_digest text not null,
  client_address text not null,
  succeeded boolean not null,
  attempted_at timestamptz not null default now()
);
create index login_attempt_email_time on login_attempt (email_digest, attempted_at) where not succeeded;
create index login_attempt_address_time on login_attempt (client_address, attempted_at) where not succeeded;

-- One-time links an administrator passes on: an invitation (set a first password) or a reset.
create table user_link (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_user (id),
  purpose text not null check (purpose in ('invite', 'reset')),
  token_hash text not null unique,
  created_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index user_link_user on user_link (user_id);

create table recovery_code (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_user (id),
  code_hash text not null,
  created_at timestamptz not null default now(),
  used_at timestamptz
);
create index recovery_code_user on recovery_code (user_id);
