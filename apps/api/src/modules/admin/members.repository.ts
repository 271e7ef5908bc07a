/** Storage of table memberships: who sits at a table, in which role, and what they accepted. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, MembershipRole } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

export function listMembers(db: Db, tableId: string) {
  return db
    .selectFrom('table_membership as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .leftJoin('agency as a', 'a.id', 'u.agency_id')
    .select([
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
    .select(['id', 'role'])
    .where('table_id', '=', tableId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function insertMembership(
  trx: Transaction<DB>,
  values: { tableId: string; userId: string; role: MembershipRole },
) {
  await trx
    .insertInto('table_membership')
    .values({ table_id: values.tableId, user_id: values.userId, role: values.role })
    .execute();
}

export async function updateMembershipRole(
  trx: Transaction<DB>,
  tableId: string,
  userId: string,
  role: MembershipRole,
) {
  await trx
    .updateTable('table_membership')
    .set({ role })
    .where('table_id', '=', tableId)
    .where('user_id', '=', userId)
    .execute();
}

export async function deleteMembership(trx: Transaction<DB>, tableId: string, userId: string) {
  await trx
    .deleteFrom('table_membership')
    .where('table_id', '=', tableId)
    .where('user_id', '=', userId)
    .execute();
}
