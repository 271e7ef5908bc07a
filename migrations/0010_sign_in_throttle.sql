-- Sign-in that cannot be used to lock people out (OWASP "Slow down online guessing attacks with
-- device cookies"). A browser that signed in successfully holds a signed device cookie naming a
-- random device id; its failed attempts count against that device alone, so failures elsewhere
-- never lock it out. Attempts without a valid device cookie (device_id null) count against the
-- account's budget for untrusted clients, against (account, client address) and against the
-- client address, each with growing, capped delays (modules/auth/sign-in-throttle.ts).
-- Every budget is read through the existing partial indexes by e-mail digest and by address.
alter table login_attempt add column device_id uuid;

-- The device a session was started from: a re-authentication inside that session (changing the
-- password, two-step verification) counts its failures against the same device budget.
alter table refresh_token add column device_id uuid;
