/** Storage of table memberships: who sits at a table, in which role, and what they accepted. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, MembershipRole, MembershipStatus } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

export function listMembers(db: Db, tableId: string) {
  return db
    .selectFrom('table_membership as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .leftJoin('agency as a', 'a.id', 'u.agency_id')
    .leftJoin('app_user as rq', 'rq.id', 'm.requested_by')
    .leftJoin('app_user as cf', 'cf.id', 'm.confirmed_by')
    .select([
      'm.status',
      'm.requested_at',
      'm.confirmed_at',
      'rq.id as requested_by_id',
      'rq.display_name as requested_by_name',
      'cf.id as confirmed_by_id',
      'cf.display_name as confirmed_by_name',
      'u.id as user_id',
      'u.display_name',
      'u.email',
      'u.active',
      'a.id as agency_id',
      'a.name as agency_name',
      'm.role',
      'm.created_at',
      sql<number | null>`(
        select max(c.version) from confidentiality_agreement c
        join agreement_acceptance aa on aa.agreement_id = c.id and aa.user_id = m.user_id
        where c.table_id = m.table_id)`.as('accepted_version'),
    ])
    .where('m.table_id', '=', tableId)
    .orderBy(sql`lower(u.display_name)`)
    .orderBy('u.id')
    .execute();
}

export type MemberRow = Awaited<ReturnType<typeof listMembers>>[number];

export function findMembership(db: Db, tableId: string, userId: string) {
  return db
    .selectFrom('table_membership')
    .select(['id', 'role', 'status'])
    .where('table_id', '=', tableId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** A request for a membership: pending, or in effect at once when no confirmation is needed. */
export type MembershipRequest = {
  role: MembershipRole;
  status: Exclude<MembershipStatus, 'confirmed' | 'migrated'>;
  requestedBy: string;
};

function requestColumns(request: MembershipRequest) {
  return {
    role: request.role,
    status: request.status,
    requested_by: request.requestedBy,
    requested_at: sql<Date>`now()`,
    confirmed_by: null,
    confirmed_at: request.status === 'pending' ? null : sql<Date>`now()`,
  };
}

export async function insertMembership(
  trx: Transaction<DB>,
  values: { tableId: string; userId: string } & MembershipRequest,
) {
  await trx
    .insertInto('table_membership')
    .values({ table_id: values.tableId, user_id: values.userId, ...requestColumns(values) })
    .execute();
}

/** A new role is a new request: it is pending again unless it needs no confirmation. */
export async function updateMembershipRole(
  trx: Transaction<DB>,
  tableId: string,
  userId: string,
  request: MembershipRequest,
) {
  await trx
    .updateTable('table_membership')
    .set(requestColumns(request))
    .where('table_id', '=', tableId)
    .where('user_id', '=', userId)
    .execute();
}

/**
 * Whether someone other than `exceptUserId` could confirm a membership of the table: an active
 * person whose coordinator or privacy-officer membership is in effect.
 */
export async function hasConfirmer(trx: Transaction<DB>, tableId: string, exceptUserId: string) {
  const row = await trx
    .selectFrom('table_membership as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select('m.id')
    .where('m.table_id', '=', tableId)
    .where('m.role', 'in', ['coordinator', 'privacy_officer'])
    .where('m.status', '<>', 'pending')
    .where('u.active', '=', true)
    .where('m.user_id', '<>', exceptUserId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether any situation was ever recorded at the table (situations are never deleted). */
export async function tableHasSituations(trx: Transaction<DB>, tableId: string) {
  const row = await trx
    .selectFrom('situation')
    .select('id')
    .where('table_id', '=', tableId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteMembership(trx: Transaction<DB>, tableId: string, userId: string) {
  await trx
    .deleteFrom('table_membership')
    .where('table_id', '=', tableId)
    .where('user_id', '=', userId)
    .execute();
}
