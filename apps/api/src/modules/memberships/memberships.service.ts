/**
 * Confirming memberships: the second person of separation of duties. A confirmer — the table's
 * coordinator, or for a table without an active confirmed coordinator its privacy officer, never
 * the member nor the person who asked — lists the pending and recently granted memberships of
 * their tables and confirms or declines a pending one. Each decision and its audit event commit
 * in one transaction; a refusal is recorded as a denied `membership.confirm` by the
 * authentication plugin.
 */
import type { Kysely, Transaction } from 'kysely';
import {
  can,
  decide,
  tablesWhere,
  type Actor,
  type MembershipSubject,
} from '@fourfold/shared/access-policy';
import {
  RECENT_GRANT_DAYS,
  type MembershipGrant,
  type MembershipReview,
} from '@fourfold/shared/memberships';
import { staffRefOf } from '@fourfold/shared/admin';
import type { DB } from '../../db/schema';
import { authorize, roleOn } from '../../lib/access';
import { AppError, notFound } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import { findTables } from '../tables/tables.service';
import * as repo from './memberships.repository';
import { iso } from '../../lib/iso';

export type MembershipsContext = { actor: Actor; requestId: string };

function subjectOf(
  row: Pick<repo.GrantRow, 'table_id' | 'requires_second_factor' | 'user_id' | 'requested_by'>,
  tableHasCoordinator: boolean,
): MembershipSubject {
  return {
    kind: 'membership',
    tableId: row.table_id,
    requiresSecondFactor: row.requires_second_factor,
    memberUserId: row.user_id,
    requestedBy: row.requested_by,
    tableHasCoordinator,
  };
}

function toGrant(row: repo.GrantRow, canConfirm: boolean): MembershipGrant {
  return {
    id: row.id,
    table: { id: row.table_id, name: row.table_name },
    member: { id: row.user_id, displayName: row.display_name, email: row.email },
    agency: row.agency_id && row.agency_name ? { id: row.agency_id, name: row.agency_name } : null,
    role: row.role,
    status: row.status,
    requestedBy: staffRefOf(row.requested_by, row.requested_by_name),
    requestedAt: iso(row.requested_at),
    confirmedBy: staffRefOf(row.confirmed_by, row.confirmed_by_name),
    confirmedAt: row.confirmed_at === null ? null : iso(row.confirmed_at),
    canConfirm,
  };
}

export function createMembershipsService({ db }: { db: Kysely<DB> }) {
  /**
   * Decides on one pending membership: locks its table then the membership, asks the policy, and
   * runs `apply` with the audit event in the same transaction.
   */
  async function decideOn(
    ctx: MembershipsContext,
    membershipId: string,
    action: 'membership.confirm' | 'membership.decline',
    apply: (trx: Transaction<DB>) => Promise<void>,
  ) {
    const located = await repo.findMembershipTable(db, membershipId);
    if (!located) throw notFound();
    return db.transaction().execute(async (trx) => {
      const table = await repo.lockTableSettings(trx, located.table_id);
      const membership = await repo.lockMembership(trx, membershipId);
      if (!table || !membership) throw notFound();
      const hasCoordinator = (await repo.tablesWithCoordinator(trx, [table.id])).has(table.id);
      authorize(
        ctx.actor,
        'membership.confirm',
        subjectOf(
          {
            table_id: table.id,
            requires_second_factor: table.requires_second_factor,
            user_id: membership.user_id,
            requested_by: membership.requested_by,
          },
          hasCoordinator,
        ),
      );
      if (membership.status !== 'pending') {
        throw new AppError('CONFLICT', 'This membership is not waiting for confirmation.');
      }
      await apply(trx);
      await repo.moveSessionEpoch(trx, membership.user_id);
      await recordAudit(trx, {
        action,
        dataCategory: 'administration',
        outcome: 'allowed',
        userId: ctx.actor.userId,
        agencyId: ctx.actor.agencyId,
        role: roleOn(ctx.actor, table.id),
        tableId: table.id,
        target: `user:${membership.user_id}`,
        requestId: ctx.requestId,
      });
    });
  }

  return {
    /** The pending and recent memberships of the caller's tables (one table, or all of them). */
    async review(ctx: MembershipsContext, tableId?: string): Promise<MembershipReview> {
      const reviewed = tablesWhere(ctx.actor, 'membership.review');
      const tables = await findTables(db, tableId === undefined ? reviewed : [tableId], {
        activeOnly: true,
      });
      const subjects = tables.map((table) => ({
        kind: 'table' as const,
        tableId: table.id,
        requiresSecondFactor: table.requires_second_factor,
      }));
      if (tableId !== undefined) {
        // One table asked for: refused as the policy says (404 for a table not theirs).
        authorize(
          ctx.actor,
          'membership.review',
          subjects[0] ?? { kind: 'table', tableId, requiresSecondFactor: false },
        );
      }
      // All their tables: those this session may not read (second factor) are left out.
      const tableIds = subjects
        .filter((subject) => decide(ctx.actor, 'membership.review', subject).allowed)
        .map((subject) => subject.tableId);
      if (tableIds.length === 0) return { pending: [], recent: [] };
      const [pending, recent, withCoordinator] = await Promise.all([
        repo.pendingOf(db, tableIds),
        repo.recentlyGrantedOf(db, tableIds, RECENT_GRANT_DAYS),
        repo.tablesWithCoordinator(db, tableIds),
      ]);
      return {
        pending: pending.map((row) =>
          toGrant(
            row,
            can(ctx.actor, 'membership.confirm', subjectOf(row, withCoordinator.has(row.table_id))),
          ),
        ),
        recent: recent.map((row) => toGrant(row, false)),
      };
    },

    async confirm(ctx: MembershipsContext, membershipId: string): Promise<MembershipGrant> {
      await decideOn(ctx, membershipId, 'membership.confirm', (trx) =>
        repo.markConfirmed(trx, membershipId, ctx.actor.userId),
      );
      const row = await repo.findGrant(db, membershipId);
      if (!row) throw notFound();
      return toGrant(row, false);
    },

    async decline(ctx: MembershipsContext, membershipId: string): Promise<void> {
      await decideOn(ctx, membershipId, 'membership.decline', (trx) =>
        repo.deletePending(trx, membershipId),
      );
    },
  };
}

export type MembershipsService = ReturnType<typeof createMembershipsService>;
