-- Sign-in that cannot be used to lock people out (OWASP "Slow down online guessing attacks with
-- device cookies"). A browser that signed in successfully holds a signed device cookie naming a
-- random device id; its failed attempts count against that device alone, so failures elsewhere
-- never lock it out. Attempts without a valid device cookie (device_id null) count against the
-- account's budget for untrusted clients, against (account, client address) and against the
-- client address, each with growing, capped delays (modules/auth/sign-in-throttle.ts).
alter table login_attempt add column device_id uuid;
create index login_attempt_device_time on login_attempt (device_id, attempted_at)
  where not succeeded and device_id is not null;

-- The device a session was started from: a re-authentication inside that session (changing the
-- password, two-step verification) counts its failures against the same device budget.
alter table refresh_token add column device_id uuid;
