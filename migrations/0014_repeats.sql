-- Repeats: the same person brought to the same table again within REPEAT_WINDOW_MONTHS.
--
-- When a situation's identity is saved, each person with both names and a date of birth gives a
-- fingerprint: HMAC-SHA256 (keyed with REPEAT_KEY, hex) of the normalised names and date of birth.
-- A fingerprint is pseudonymous, not anonymous (whoever holds the key can test a guess), so it is
-- kept only for the window, per table, and deleted with the identity at rejection. It outlives the
-- identity purge after closure until `expires_at`, then the expiry job deletes it.
create table situation_fingerprint (
  situation_id uuid not null references situation (id) on delete cascade,
  table_id uuid not null references situation_table (id),
  fingerprint text not null check (fingerprint ~ '^[0-9a-f]{64}$'),
  recorded_at timestamptz not null default now(),
  expires_at timestamptz not null,
  primary key (situation_id, fingerprint),
  check (expires_at > recorded_at)
);
-- The lookup at every identity save, and the expiry job.
create index situation_fingerprint_lookup on situation_fingerprint (table_id, fingerprint);
create index situation_fingerprint_expiry on situation_fingerprint (expires_at);

-- A detected repeat: the later situation and the earlier one it repeats. Holds no personal value
-- (two situation ids), stays when the fingerprints expire, and is what statistics count.
create table situation_repeat (
  situation_id uuid not null references situation (id) on delete cascade,
  earlier_situation_id uuid not null references situation (id) on delete cascade,
  detected_at timestamptz not null default now(),
  primary key (situation_id, earlier_situation_id),
  check (situation_id <> earlier_situation_id)
);
-- "Which later situations repeat this one" (the identity view shows both directions).
create index situation_repeat_earlier on situation_repeat (earlier_situation_id);
