/**
 * Storage for confirming memberships: the pending and recently granted memberships of some tables,
 * and the one pending membership a confirmer acts on (locked, so that two confirmers take turns).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

function selectGrants(db: Db) {
  return db
    .selectFrom('table_membership as m')
    .innerJoin('situation_table as t', 't.id', 'm.table_id')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .leftJoin('agency as a', 'a.id', 'u.agency_id')
    .leftJoin('app_user as rq', 'rq.id', 'm.requested_by')
    .leftJoin('app_user as cf', 'cf.id', 'm.confirmed_by')
    .select([
      'm.id',
      'm.table_id',
      't.name as table_name',
      't.requires_second_factor',
      'm.user_id',
      'u.display_name',
      'u.email',
      'a.id as agency_id',
      'a.name as agency_name',
      'm.role',
      'm.status',
      'm.requested_by',
      'rq.display_name as requested_by_name',
      'm.requested_at',
      'm.confirmed_by',
      'cf.display_name as confirmed_by_name',
      'm.confirmed_at',
    ]);
}

export type GrantRow = Awaited<ReturnType<typeof pendingOf>>[number];

/** Pending memberships of the tables, oldest request first. */
export function pendingOf(db: Db, tableIds: readonly string[]) {
  return selectGrants(db)
    .where('m.table_id', 'in', [...tableIds])
    .where('m.status', '=', 'pending')
    .orderBy('m.requested_at')
    .orderBy('m.id')
    .execute();
}

/** Memberships of the tables that took effect in the last `days` days, newest first. */
export function recentlyGrantedOf(db: Db, tableIds: readonly string[], days: number) {
  return selectGrants(db)
    .where('m.table_id', 'in', [...tableIds])
    .where('m.status', 'in', ['confirmed', 'not_required', 'first_coordinator'])
    .where('m.confirmed_at', '>', sql<Date>`now() - make_interval(days => ${days})`)
    .orderBy('m.confirmed_at', 'desc')
    .orderBy('m.id')
    .execute();
}

/** The tables among these that have an active person whose coordinator membership is in effect. */
export async function tablesWithCoordinator(db: Db, tableIds: readonly string[]) {
  if (tableIds.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('table_membership as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select('m.table_id')
    .distinct()
    .where('m.table_id', 'in', [...tableIds])
    .where('m.role', '=', 'coordinator')
    .where('m.status', '<>', 'pending')
    .where('u.active', '=', true)
    .execute();
  return new Set(rows.map((row) => row.table_id));
}

export function findMembershipTable(db: Db, membershipId: string) {
  return db
    .selectFrom('table_membership')
    .select('table_id')
    .where('id', '=', membershipId)
    .executeTakeFirst();
}

/** Locks the membership's row (after its table's): confirm and decline of one request queue. */
export function lockMembership(trx: Transaction<DB>, membershipId: string) {
  return trx
    .selectFrom('table_membership')
    .select(['id', 'table_id', 'user_id', 'role', 'status', 'requested_by'])
    .where('id', '=', membershipId)
    .forUpdate()
    .executeTakeFirst();
}

export function findGrant(db: Db, membershipId: string) {
  return selectGrants(db).where('m.id', '=', membershipId).executeTakeFirst();
}

export async function markConfirmed(trx: Transaction<DB>, membershipId: string, by: string) {
  await trx
    .updateTable('table_membership')
    .set({ status: 'confirmed', confirmed_by: by, confirmed_at: sql<Date>`now()` })
    .where('id', '=', membershipId)
    .where('status', '=', 'pending')
    .execute();
}

export async function deletePending(trx: Transaction<DB>, membershipId: string) {
  await trx
    .deleteFrom('table_membership')
    .where('id', '=', membershipId)
    .where('status', '=', 'pending')
    .execute();
}

/** Locks the table's row: membership decisions of one table take turns (see admin members). */
export function lockTableSettings(trx: Transaction<DB>, tableId: string) {
  return trx
    .selectFrom('situation_table')
    .select(['id', 'active', 'requires_second_factor'])
    .where('id', '=', tableId)
    .forUpdate()
    .executeTakeFirst();
}

/** The member's next request must be made with fresh claims (their memberships changed). */
export async function moveSessionEpoch(trx: Transaction<DB>, userId: string) {
  await trx
    .updateTable('app_user')
    .set((eb) => ({ session_epoch: eb('session_epoch', '+', 1) }))
    .where('id', '=', userId)
    .execute();
}
