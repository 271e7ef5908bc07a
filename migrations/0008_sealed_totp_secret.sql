-- The secret of a person's authenticator app is sealed with AES-256-GCM by the identity vault,
-- like identity and intervention notes: a copy of the database alone no longer yields the codes.
-- totp_secret holds the sealed value and totp_secret_key_id the id of the key that sealed it.
--
-- A secret stored before this migration has no key id and is still plaintext. SQL cannot seal
-- (the key never reaches the database), so the API seals every such secret when it starts, and
-- `pnpm identity:rekey` does too. Until then the API reads it as it is.

alter table app_user add column totp_secret_key_id text
  check (totp_secret_key_id is null or totp_secret is not null);
