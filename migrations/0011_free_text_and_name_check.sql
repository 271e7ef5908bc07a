-- Free text goes with the identity, and possible names in the summary need the author's word.
--
-- A situation's summary is the only text typed about the person that the `situation` row holds
-- (rejection and conclusion reasons, contact outcomes and involvement are codes). It is
-- de-identified, but it may still name the person: when identity is destroyed (at rejection, at
-- the end of retention) the summary is destroyed with it, and `free_text_destroyed_at` says when.
-- The coded facts stay, for statistics.
alter table situation alter column summary drop not null;
alter table situation add column free_text_destroyed_at timestamptz;

-- The SHA-256 (hex) of the summary text whose possible names the author confirmed are not a
-- person's name. A later edit of the summary no longer matches it, so it needs a new confirmation.
alter table situation add column names_confirmed_digest text
  check (names_confirmed_digest ~ '^[0-9a-f]{64}$');

-- Situations whose identity was destroyed before this migration lose their summary now.
update situation
set summary = null,
    free_text_destroyed_at = identity_destroyed_at,
    version = version + 1,
    updated_at = now()
where identity_destroyed_at is not null;

-- The summary is there exactly until it is destroyed, and never outlives the identity.
alter table situation add constraint situation_free_text_destroyed
  check ((summary is null) = (free_text_destroyed_at is not null));
alter table situation add constraint situation_free_text_goes_with_identity
  check (identity_destroyed_at is null or free_text_destroyed_at is not null);
alter table situation add constraint situation_destroyed_free_text_not_confirmed
  check (free_text_destroyed_at is null or names_confirmed_digest is null);
