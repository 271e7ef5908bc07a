/**
 * Storage of users as administration sees them, their one-time links, and the two levers that end
 * what a person's current session may do: the session epoch (every access token carries it, and
 * a bump makes the token fail on its next request) and the refresh tokens (revoked, they cannot
 * mint new access tokens). Those two live with sign-in (modules/auth) but are pulled only here,
 * by an administrator's decision.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { DB, MembershipRole } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

function selectUsers(db: Db) {
  return db
    .selectFrom('app_user as u')
    .leftJoin('agency as a', 'a.id', 'u.agency_id')
    .select((eb) => [
      'u.id',
      'u.email',
      'u.display_name',
      'u.is_administrator',
      'u.active',
      'u.created_at',
      'a.id as agency_id',
      'a.name as agency_name',
      sql<boolean>`u.password_hash is not null`.as('password_set'),
      sql<boolean>`u.totp_enabled_at is not null`.as('second_factor_enabled'),
      jsonArrayFrom(
        eb
          .selectFrom('table_membership as m')
          .innerJoin('situation_table as t', 't.id', 'm.table_id')
          .select(['t.id as table_id', 't.name as table_name', 'm.role', 'm.status'])
          .whereRef('m.user_id', '=', 'u.id')
          .orderBy('t.name'),
      ).as('memberships'),
      jsonArrayFrom(
        eb
          .selectFrom('user_link as l')
          .select(['l.purpose', 'l.expires_at'])
          .whereRef('l.user_id', '=', 'u.id')
          .where('l.used_at', 'is', null)
          .where('l.expires_at', '>', sql<Date>`now()`)
          .orderBy('l.expires_at'),
      ).as('pending_links'),
    ]);
}

export type UserRow = NonNullable<Awaited<ReturnType<typeof findUser>>>;

export type UserFilters = { agencyId?: string; tableId?: string; active?: boolean };

/** One page of users in name order, with the number of users matching in all pages. */
export async function listUsers(
  db: Db,
  filters: UserFilters,
  page: { offset: number; limit: number },
): Promise<{ rows: UserRow[]; total: number }> {
  const query = (offset: number, limit: number) =>
    selectUsers(db)
      .select(sql<string>`count(*) over ()`.as('total'))
      .$if(filters.agencyId !== undefined, (qb) => qb.where('u.agency_id', '=', filters.agencyId!))
      .$if(filters.active !== undefined, (qb) => qb.where('u.active', '=', filters.active!))
      .$if(filters.tableId !== undefined, (qb) =>
        qb.where((eb) =>
          eb.exists(
            eb
              .selectFrom('table_membership as fm')
              .select('fm.id')
              .whereRef('fm.user_id', '=', 'u.id')
              .where('fm.table_id', '=', filters.tableId!),
          ),
        ),
      )
      .orderBy(sql`lower(u.display_name)`)
      .orderBy('u.id')
      .offset(offset)
      .limit(limit)
      .execute();
  const rows = await query(page.offset, page.limit);
  // Past the last page there is no row to carry the total; ask for it from the first one.
  const first = rows[0] ?? (page.offset > 0 ? (await query(0, 1))[0] : undefined);
  return { rows, total: Number(first?.total ?? 0) };
}

export function findUser(db: Db, userId: string) {
  return selectUsers(db).where('u.id', '=', userId).executeTakeFirst();
}

/** Locks the user's row; membership and account changes of one person queue here. */
export function lockUser(trx: Transaction<DB>, userId: string) {
  return trx
    .selectFrom('app_user')
    .select([
      'id',
      'email',
      'agency_id',
      'is_administrator',
      'active',
      sql<boolean>`password_hash is not null`.as('password_set'),
    ])
    .where('id', '=', userId)
    .forUpdate()
    .executeTakeFirst();
}

export async function emailTaken(db: Db, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('app_user')
    .select('id')
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertUser(
  trx: Transaction<DB>,
  values: { email: string; displayName: string; agencyId: string | null; isAdministrator: boolean },
) {
  const row = await trx
    .insertInto('app_user')
    .values({
      email: values.email.toLowerCase(),
      display_name: values.displayName,
      agency_id: values.agencyId,
      is_administrator: values.isAdministrator,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUser(
  trx: Transaction<DB>,
  userId: string,
  values: {
    email?: string | undefined;
    display_name?: string;
    agency_id?: string | null;
    is_administrator?: boolean;
    active?: boolean;
  },
) {
  await trx
    .updateTable('app_user')
    .set({ ...values, updated_at: sql`now()` })
    .where('id', '=', userId)
    .execute();
}

/**
 * Moves the people's session epoch on: their current access tokens fail at the next request, and
 * the client silently refreshes into a session that reflects the change.
 */
export async function bumpSessionEpochs(trx: Transaction<DB>, userIds: readonly string[]) {
  if (userIds.length === 0) return;
  await trx
    .updateTable('app_user')
    .set((eb) => ({ session_epoch: eb('session_epoch', '+', 1) }))
    .where('id', 'in', [...userIds])
    .execute();
}

/**
 * Makes the person's unused links unusable by moving their expiry to now (the rows stay, so it
 * remains visible that a link was issued and never used). One purpose, or all when none is given.
 */
export async function expireOpenLinks(
  trx: Transaction<DB>,
  userId: string,
  purpose?: 'invite' | 'reset',
) {
  await trx
    .updateTable('user_link')
    .set({ expires_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .$if(purpose !== undefined, (qb) => qb.where('purpose', '=', purpose!))
    .execute();
}

export async function insertLink(
  trx: Transaction<DB>,
  values: {
    userId: string;
    purpose: 'invite' | 'reset';
    tokenHash: string;
    createdBy: string;
    expiresAt: Date;
  },
) {
  await trx
    .insertInto('user_link')
    .values({
      user_id: values.userId,
      purpose: values.purpose,
      token_hash: values.tokenHash,
      created_by: values.createdBy,
      expires_at: values.expiresAt,
    })
    .execute();
}

/** The person's memberships, for checking a change of agency against them. */
export function membershipsOf(db: Db, userId: string) {
  return db
    .selectFrom('table_membership')
    .select(['table_id', 'role'])
    .where('user_id', '=', userId)
    .execute() as Promise<Array<{ table_id: string; role: MembershipRole }>>;
}
