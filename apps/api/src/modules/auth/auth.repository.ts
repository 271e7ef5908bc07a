/** Storage for sign-in: users as sign-in sees them, attempts, refresh tokens, the acting person. */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { prepared } from '../../db/prepared-statements';
import type { DB, MembershipRole } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

export function findUserByEmail(db: Db, email: string) {
  return db
    .selectFrom('app_user')
    .select([
      'id',
      'agency_id',
      'is_administrator',
      'active',
      'password_hash',
      'session_epoch',
      'totp_secret',
      'totp_secret_key_id',
      'totp_enabled_at',
    ])
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
}

export function findUserById(db: Db, userId: string) {
  return db
    .selectFrom('app_user')
    .select(['id', 'agency_id', 'is_administrator', 'active', 'session_epoch'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

export type ActorMembershipRow = {
  table_id: string;
  role: MembershipRole;
  requires_second_factor: boolean;
  agreement_accepted: boolean;
};

export type ActingPersonRow = {
  id: string;
  agency_id: string | null;
  is_administrator: boolean;
  active: boolean;
  session_epoch: number;
  /**
   * Whether the session still stands: its family holds a current refresh token (not spent, not
   * revoked, not expired). Rotation replaces the current token in one transaction.
   */
  session_live: boolean;
  /**
   * The memberships in effect (a pending one grants nothing) on active tables, each with the
   * table's second-factor gate and whether the person accepted that table's current
   * confidentiality agreement (a table with no agreement text yet counts as not accepted).
   */
  memberships: ActorMembershipRow[];
};

/**
 * The person asking, their session and their memberships, as one SELECT: every request reads them
 * fresh (deactivation, sign-out and membership changes act on the next request). Run alone by
 * `actingPersonOf`, or carried inside a route's own statement (the situation list) so that the
 * person costs no round trip of their own.
 */
export function actingPersonQuery(userId: string, sessionId: string): RawBuilder<ActingPersonRow> {
  return sql<ActingPersonRow>`
    select u.id, u.agency_id, u.is_administrator, u.active, u.session_epoch,
      exists (
        select 1 from refresh_token r
        where r.family_id = ${sessionId} and r.user_id = u.id
          and r.used_at is null and r.revoked_at is null and r.expires_at > now()
      ) as session_live,
      coalesce((
        select json_agg(json_build_object(
            'table_id', m.table_id,
            'role', m.role,
            'requires_second_factor', t.requires_second_factor,
            'agreement_accepted', exists (
              select 1 from agreement_acceptance a
              where a.user_id = m.user_id
                and a.agreement_id = (
                  select c.id from confidentiality_agreement c
                  where c.table_id = m.table_id order by c.version desc limit 1))
          ) order by t.name)
        from table_membership m
        join situation_table t on t.id = m.table_id and t.active
        where m.user_id = u.id and m.status <> 'pending'
      ), '[]'::json) as memberships
    from app_user u
    where u.id = ${userId}`;
}

/** The acting person in a statement of its own; undefined when there is no such person. */
export async function actingPersonOf(
  db: Db,
  userId: string,
  sessionId: string,
): Promise<ActingPersonRow | undefined> {
  // Read on every request: prepared, so it is planned once per connection (db/prepared-statements).
  const result =
    await sql<ActingPersonRow>`${prepared}${actingPersonQuery(userId, sessionId)}`.execute(db);
  return result.rows[0];
}

export async function insertLoginAttempt(
  db: Db,
  attempt: {
    emailDigest: string;
    clientAddress: string;
    /** The trusted device it came from; null for an untrusted client. */
    deviceId: string | null;
    succeeded: boolean;
  },
) {
  await db
    .insertInto('login_attempt')
    .values({
      email_digest: attempt.emailDigest,
      client_address: attempt.clientAddress,
      device_id: attempt.deviceId,
      succeeded: attempt.succeeded,
    })
    .execute();
}

export async function insertRefreshToken(
  db: Db,
  token: {
    familyId: string;
    userId: string;
    tokenHash: string;
    secondFactor: boolean;
    deviceId: string | null;
    expiresAt: Date;
  },
) {
  await db
    .insertInto('refresh_token')
    .values({
      family_id: token.familyId,
      user_id: token.userId,
      token_hash: token.tokenHash,
      second_factor: token.secondFactor,
      device_id: token.deviceId,
      expires_at: token.expiresAt,
    })
    .execute();
}

/** Locks the token's row: two refreshes racing with one token must not both succeed. */
export function findRefreshTokenForUpdate(trx: Transaction<DB>, tokenHash: string) {
  return trx
    .selectFrom('refresh_token')
    .select([
      'id',
      'family_id',
      'user_id',
      'second_factor',
      'device_id',
      'expires_at',
      'used_at',
      'revoked_at',
    ])
    .where('token_hash', '=', tokenHash)
    .forUpdate()
    .executeTakeFirst();
}

export async function markRefreshTokenUsed(trx: Transaction<DB>, id: string) {
  await trx
    .updateTable('refresh_token')
    .set({ used_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Ends a session: no token of the family refreshes, and its access tokens stop working. */
export async function revokeRefreshFamily(db: Db, familyId: string, userId: string) {
  await db
    .updateTable('refresh_token')
    .set({ revoked_at: new Date() })
    .where('family_id', '=', familyId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** The device a session was started from (null for a session from before device cookies). */
export async function deviceOfSession(
  db: Db,
  familyId: string,
  userId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('refresh_token')
    .select('device_id')
    .where('family_id', '=', familyId)
    .where('user_id', '=', userId)
    .where('device_id', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return row?.device_id ?? null;
}

export async function revokeAllRefreshTokensOf(db: Db, userId: string) {
  await db
    .updateTable('refresh_token')
    .set({ revoked_at: new Date() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

export function findUnusedRecoveryCodes(db: Db, userId: string) {
  return db
    .selectFrom('recovery_code')
    .select(['id', 'code_hash'])
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}

export async function markRecoveryCodeUsed(db: Db, id: string) {
  await db.updateTable('recovery_code').set({ used_at: new Date() }).where('id', '=', id).execute();
}

export function profileOf(db: Db, userId: string) {
  return db
    .selectFrom('app_user as u')
    .leftJoin('agency as a', 'a.id', 'u.agency_id')
    .select([
      'u.id',
      'u.email',
      'u.display_name',
      'u.is_administrator',
      'u.totp_enabled_at',
      'a.id as agency_id',
      'a.name as agency_name',
      'a.sector as agency_sector',
    ])
    .where('u.id', '=', userId)
    .executeTakeFirstOrThrow();
}

export type MembershipDetailRow = {
  table_id: string;
  table_name: string;
  role: MembershipRole;
  requires_second_factor: boolean;
  current_version: number | null;
  accepted_version: number | null;
};

export async function membershipDetailsOf(db: Db, userId: string): Promise<MembershipDetailRow[]> {
  const result = await sql<MembershipDetailRow>`
    select m.table_id, t.name as table_name, m.role, t.requires_second_factor,
      (select max(c.version) from confidentiality_agreement c where c.table_id = m.table_id)
        as current_version,
      (select max(c.version) from confidentiality_agreement c
        join agreement_acceptance a on a.agreement_id = c.id and a.user_id = m.user_id
        where c.table_id = m.table_id) as accepted_version
    from table_membership m
    join situation_table t on t.id = m.table_id and t.active
    where m.user_id = ${userId} and m.status <> 'pending'
    order by t.name`.execute(db);
  return result.rows;
}
