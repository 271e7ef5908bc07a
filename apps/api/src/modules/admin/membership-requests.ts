/**
 * How a requested membership takes effect (separation of duties), for the two services that make
 * requests: adding a member or changing their role (members.service), and moving a person to
 * another agency (users.service), which changes whose identity their memberships reach.
 */
import type { Transaction } from 'kysely';
import { rolesRequiringConfirmation } from '@fourfold/shared/access-policy';
import type { DB, MembershipRole } from '../../db/schema';
import * as repo from './members.repository';

/**
 * An analyst takes effect at once; any other role once confirmed, except a table's very first
 * coordinator, taken at once when nobody could confirm it and no situation was ever recorded at
 * the table (so removing a table's confirmers cannot reopen the exception where there is identity
 * to reach).
 */
export async function requestStatus(
  trx: Transaction<DB>,
  tableId: string,
  userId: string,
  role: MembershipRole,
): Promise<repo.MembershipRequest['status']> {
  if (!rolesRequiringConfirmation.includes(role)) return 'not_required';
  if (
    role === 'coordinator' &&
    !(await repo.hasConfirmer(trx, tableId, userId)) &&
    !(await repo.tableHasSituations(trx, tableId))
  ) {
    return 'first_coordinator';
  }
  return 'pending';
}

/**
 * The person now sits for another agency: each membership that reaches identity (or confirms
 * others) is asked for again, so that the new agency's access is confirmed by a second person.
 */
export async function requestAgainAfterAgencyChange(
  trx: Transaction<DB>,
  userId: string,
  memberships: ReadonlyArray<{ table_id: string; role: MembershipRole }>,
  requestedBy: string,
) {
  for (const membership of memberships) {
    if (!rolesRequiringConfirmation.includes(membership.role)) continue;
    await repo.updateMembershipRole(trx, membership.table_id, userId, {
      role: membership.role,
      status: await requestStatus(trx, membership.table_id, userId, membership.role),
      requestedBy,
    });
  }
}
