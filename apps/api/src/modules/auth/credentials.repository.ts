/**
 * Storage for changing credentials: the person's credential row, password and second-factor
 * updates, recovery codes, one-time links, and counting failed link attempts per client address.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

/** What a credential change needs to know of the person: hashes, second factor, the words a
 * password must not be built from. */
export function findCredentialsOf(db: Db, userId: string) {
  return db
    .selectFrom('app_user as u')
    .leftJoin('agency as a', 'a.id', 'u.agency_id')
    .select([
      'u.id',
      'u.email',
      'u.display_name',
      'u.agency_id',
      'u.active',
      'u.password_hash',
      'u.totp_secret',
      'u.totp_secret_key_id',
      'u.totp_enabled_at',
      'a.name as agency_name',
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst();
}

/** Locks the person's row, so that two credential changes of one person run one after the other. */
export function lockCredentialsOf(trx: Transaction<DB>, userId: string) {
  return trx
    .selectFrom('app_user')
    .select(['id', 'active', 'totp_secret', 'totp_secret_key_id', 'totp_enabled_at'])
    .where('id', '=', userId)
    .forUpdate()
    .executeTakeFirst();
}

/** Every access token issued so far stops working on its next request. */
export async function bumpSessionEpoch(db: Db, userId: string) {
  await db
    .updateTable('app_user')
    .set((eb) => ({ session_epoch: eb('session_epoch', '+', 1), updated_at: new Date() }))
    .where('id', '=', userId)
    .execute();
}

export async function setPasswordHash(db: Db, userId: string, passwordHash: string) {
  await db
    .updateTable('app_user')
    .set({ password_hash: passwordHash, password_changed_at: new Date(), updated_at: new Date() })
    .where('id', '=', userId)
    .execute();
}

/**
 * Keeps a new, not yet confirmed secret (sealed); totp_enabled_at stays null until a code
 * confirms it.
 */
export async function setPendingTotpSecret(
  db: Db,
  userId: string,
  secret: { sealed: string; keyId: string },
) {
  await db
    .updateTable('app_user')
    .set({
      totp_secret: secret.sealed,
      totp_secret_key_id: secret.keyId,
      totp_enabled_at: null,
      updated_at: new Date(),
    })
    .where('id', '=', userId)
    .where('totp_enabled_at', 'is', null)
    .execute();
}

export async function enableTotp(db: Db, userId: string) {
  await db
    .updateTable('app_user')
    .set({ totp_enabled_at: new Date(), updated_at: new Date() })
    .where('id', '=', userId)
    .execute();
}

export async function disableTotp(db: Db, userId: string) {
  await db
    .updateTable('app_user')
    .set({
      totp_secret: null,
      totp_secret_key_id: null,
      totp_enabled_at: null,
      updated_at: new Date(),
    })
    .where('id', '=', userId)
    .execute();
}

/** Replaces every recovery code of the person (used or not) by the given hashes. */
export async function replaceRecoveryCodes(db: Db, userId: string, codeHashes: string[]) {
  await deleteRecoveryCodes(db, userId);
  if (codeHashes.length === 0) return;
  await db
    .insertInto('recovery_code')
    .values(codeHashes.map((codeHash) => ({ user_id: userId, code_hash: codeHash })))
    .execute();
}

export async function deleteRecoveryCodes(db: Db, userId: string) {
  await db.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
}

export async function countUnusedRecoveryCodes(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_code')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A link by its token's hash, with the person it belongs to. */
export function findLinkByHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('user_link as l')
    .innerJoin('app_user as u', 'u.id', 'l.user_id')
    .leftJoin('agency as a', 'a.id', 'u.agency_id')
    .select([
      'l.id',
      'l.user_id',
      'l.purpose',
      'l.expires_at',
      'l.used_at',
      'u.email',
      'u.display_name',
      'u.agency_id',
      'u.active',
      'a.name as agency_name',
    ])
    .where('l.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Locks the link's row: two completions racing with one link must not both succeed. */
export function lockLink(trx: Transaction<DB>, linkId: string) {
  return trx
    .selectFrom('user_link')
    .select(['id', 'used_at', 'expires_at'])
    .where('id', '=', linkId)
    .forUpdate()
    .executeTakeFirst();
}

/** Spends every unused link of the person: one set password makes the others pointless. */
export async function markLinksUsed(db: Db, userId: string) {
  await db
    .updateTable('user_link')
    .set({ used_at: new Date() })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}

/** Failed link attempts from one client address within the window (login_attempt, own digest). */
export async function countRecentLinkFailures(
  db: Db,
  linkDigest: string,
  clientAddress: string,
  windowMinutes: number,
): Promise<number> {
  const row = await db
    .selectFrom('login_attempt')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('succeeded', '=', false)
    .where('email_digest', '=', linkDigest)
    .where('client_address', '=', clientAddress)
    .where('attempted_at', '>', sql<Date>`now() - make_interval(mins => ${windowMinutes})`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The secrets to seal again, locked: not sealed with the current key (or, if asked, plaintext). */
export function lockTotpSecretsToReseal(
  trx: Transaction<DB>,
  currentKeyId: string,
  plaintextOnly: boolean,
) {
  return trx
    .selectFrom('app_user')
    .select(['id', 'totp_secret', 'totp_secret_key_id'])
    .where('totp_secret', 'is not', null)
    .where((eb) =>
      plaintextOnly
        ? eb('totp_secret_key_id', 'is', null)
        : eb.or([
            eb('totp_secret_key_id', 'is', null),
            eb('totp_secret_key_id', '<>', currentKeyId),
          ]),
    )
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** Replaces one stored secret by its sealed form, unless it changed meanwhile. */
export async function storeSealedTotpSecret(
  db: Db,
  userId: string,
  previous: string,
  secret: { sealed: string; keyId: string },
) {
  await db
    .updateTable('app_user')
    .set({ totp_secret: secret.sealed, totp_secret_key_id: secret.keyId })
    .where('id', '=', userId)
    .where('totp_secret', '=', previous)
    .execute();
}
