-- The SHA-256 of every migration file as it was when it ran, so that an edited migration is refused.
create table migration_checksum (
  name text primary key,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  applied_at timestamptz not null default now()
);
