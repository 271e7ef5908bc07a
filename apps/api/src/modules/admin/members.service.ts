/**
 * Table memberships: who sits at a table and in which role. Every member belongs to an agency;
 * coordinators and agency representatives sit for their agency, which must be a member agency of
 * the table. A change moves the person's session epoch on, so their current access token fails at
 * the next request and the client refreshes into a session with the new memberships; their
 * refresh tokens stay valid (a membership change is not a reason to sign them out).
 *
 * Separation of duties: an administrator is never a member. What an administrator adds (or a new
 * role given) is a request: a coordinator, agency representative or privacy officer is pending
 * until a second person confirms it (modules/memberships); an analyst takes effect at once; so
 * does a table's very first coordinator, when nobody could confirm it (see ARCHITECTURE.md,
 * "Threat model"). Removing a membership takes effect at once.
 */
import type { Kysely, Transaction } from 'kysely';
import {
  staffRefOf,
  type AdminMember,
  type MemberAdd,
  type MemberUpdate,
} from '@fourfold/shared/admin';
import type { DB, MembershipRole } from '../../db/schema';
import { AppError, notFound } from '../../lib/errors';
import { auditAdmin, auditTarget, taken, unprocessable, type AdminContext } from './admin-context';
import { requestStatus } from './membership-requests';
import * as repo from './members.repository';
import { findTable } from '../tables/tables.service';
import { isMemberAgency, lockTable } from './tables.repository';
import { lockAgency } from './agencies.repository';
import { bumpSessionEpochs, lockUser } from './users.repository';
import { AGENCY_SEAT_ROLES } from './users.service';
import { iso } from '../../lib/iso';

export function toAdminMember(row: repo.MemberRow): AdminMember {
  return {
    user: { id: row.user_id, displayName: row.display_name, email: row.email, active: row.active },
    agency: row.agency_id && row.agency_name ? { id: row.agency_id, name: row.agency_name } : null,
    role: row.role,
    status: row.status,
    requestedBy: staffRefOf(row.requested_by_id, row.requested_by_name),
    requestedAt: iso(row.requested_at),
    confirmedBy: staffRefOf(row.confirmed_by_id, row.confirmed_by_name),
    confirmedAt: row.confirmed_at === null ? null : iso(row.confirmed_at),
    acceptedVersion: row.accepted_version === null ? null : Number(row.accepted_version),
    since: iso(row.created_at),
  };
}

async function lockExistingTable(trx: Transaction<DB>, tableId: string) {
  const table = await lockTable(trx, tableId);
  if (!table) throw notFound();
  return table;
}

/** Whether the user may hold the role at the table, given their agency (422 naming the field). */
async function requireEligible(
  trx: Transaction<DB>,
  tableId: string,
  agencyId: string | null,
  role: MembershipRole,
) {
  if (agencyId === null) {
    throw unprocessable('userId', 'The user belongs to no agency; every table member must.');
  }
  const agency = await lockAgency(trx, agencyId);
  if (!agency?.active) throw unprocessable('userId', "The user's agency is deactivated.");
  const seat = (AGENCY_SEAT_ROLES as readonly string[]).includes(role);
  if (seat && !(await isMemberAgency(trx, tableId, agencyId))) {
    throw unprocessable(
      'role',
      "A coordinator or agency representative must belong to one of the table's member " +
        'agencies; add the agency to the table first, or choose another role.',
    );
  }
}

/** Separation of duties: an administrator holds no table membership (422 naming the field). */
export function refuseAdministrator(user: { is_administrator: boolean }) {
  if (user.is_administrator) {
    throw unprocessable(
      'userId',
      'An administrator cannot be a table member (separation of duties): ask another person to ' +
        'take the seat, or have another administrator remove the administrator role first.',
    );
  }
}

export function createMembersService(db: Kysely<DB>) {
  async function member(tableId: string, userId: string): Promise<AdminMember> {
    const row = (await repo.listMembers(db, tableId)).find((m) => m.user_id === userId);
    if (!row) throw notFound();
    return toAdminMember(row);
  }

  return {
    async list(tableId: string): Promise<AdminMember[]> {
      if (!(await findTable(db, tableId))) throw notFound();
      return (await repo.listMembers(db, tableId)).map(toAdminMember);
    },

    async add(ctx: AdminContext, tableId: string, input: MemberAdd): Promise<AdminMember> {
      await db.transaction().execute(async (trx) => {
        const table = await lockExistingTable(trx, tableId);
        if (!table.active) {
          throw new AppError('CONFLICT', 'The table is deactivated; reactivate it first.');
        }
        const user = await lockUser(trx, input.userId);
        if (!user) throw unprocessable('userId', 'No user has this id.');
        if (!user.active) throw unprocessable('userId', 'The user is deactivated.');
        refuseAdministrator(user);
        if (await repo.findMembership(trx, tableId, input.userId)) {
          throw taken('userId', 'The user is already a member of this table.');
        }
        await requireEligible(trx, tableId, user.agency_id, input.role);
        await repo.insertMembership(trx, {
          tableId,
          userId: input.userId,
          role: input.role,
          status: await requestStatus(trx, tableId, input.userId, input.role),
          requestedBy: ctx.actor.userId,
        });
        await bumpSessionEpochs(trx, [input.userId]);
        await auditAdmin(trx, ctx, 'membership.add', {
          tableId,
          target: auditTarget.user(input.userId),
        });
      });
      return member(tableId, input.userId);
    },

    async changeRole(
      ctx: AdminContext,
      tableId: string,
      userId: string,
      input: MemberUpdate,
    ): Promise<AdminMember> {
      await db.transaction().execute(async (trx) => {
        await lockExistingTable(trx, tableId);
        const user = await lockUser(trx, userId);
        const current = user && (await repo.findMembership(trx, tableId, userId));
        if (!user || !current) throw notFound();
        await requireEligible(trx, tableId, user.agency_id, input.role);
        // The same role again changes nothing (a confirmed membership is not made pending by it).
        if (current.role !== input.role) {
          await repo.updateMembershipRole(trx, tableId, userId, {
            role: input.role,
            status: await requestStatus(trx, tableId, userId, input.role),
            requestedBy: ctx.actor.userId,
          });
        }
        await bumpSessionEpochs(trx, [userId]);
        await auditAdmin(trx, ctx, 'membership.update', {
          tableId,
          target: auditTarget.user(userId),
        });
      });
      return member(tableId, userId);
    },

    async remove(ctx: AdminContext, tableId: string, userId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await lockExistingTable(trx, tableId);
        const user = await lockUser(trx, userId);
        if (!user || !(await repo.findMembership(trx, tableId, userId))) throw notFound();
        await repo.deleteMembership(trx, tableId, userId);
        await bumpSessionEpochs(trx, [userId]);
        await auditAdmin(trx, ctx, 'membership.remove', {
          tableId,
          target: auditTarget.user(userId),
        });
      });
    },
  };
}

export type MembersService = ReturnType<typeof createMembersService>;
