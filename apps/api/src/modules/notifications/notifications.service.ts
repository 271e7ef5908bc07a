/**
 * Notifications: a person learns that their agency was named lead or assisting on a situation, was
 * given an action item, or has one overdue. Other modules record them with
 * `recordAgencyNotificationsIn` inside the transaction of the step that causes them, so a
 * notification exists exactly when its step committed; the e-mail goes later, after the commit
 * (notification-dispatch.ts), so a mail outage never rolls back or holds up a table's decision.
 * Each person reads and marks only their own notifications: anyone else's looks missing (404).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '@fourfold/shared/access-policy';
import type {
  Notification,
  NotificationKind,
  NotificationList,
  NotificationListQuery,
} from '@fourfold/shared/notifications';
import type { DB } from '../../db/schema';
import { notifyIn } from '../../db/notifications';
import { roleOn } from '../../lib/access';
import { AppError, notFound } from '../../lib/errors';
import { iso } from '../../lib/iso';
import { recordAudit } from '../audit/audit.service';
import * as repo from './notifications.repository';

/** The channel on which a committed notification wakes the e-mail dispatchers of every process. */
export const NOTIFICATION_CHANNEL = 'notification';

export type AgencyNotificationInput = {
  tableId: string;
  agencyId: string;
  kind: NotificationKind;
  situationId: string;
  /** Required for the action item kinds, absent otherwise. */
  actionItemId?: string;
  /** The action item's due time. */
  dueAt?: Date | string | null;
};

const actionItemKinds: ReadonlySet<NotificationKind> = new Set([
  'action_item_assigned',
  'action_item_overdue',
]);

/**
 * Records one notification for each active person whose coordinator or agency representative
 * membership at the table, for that agency, is in effect (not pending), in the caller's
 * transaction; and tells the dispatchers (delivered on commit, ids only). Returns the ids made.
 */
export async function recordAgencyNotificationsIn(
  trx: Transaction<DB>,
  input: AgencyNotificationInput,
): Promise<string[]> {
  if (actionItemKinds.has(input.kind) !== (input.actionItemId !== undefined)) {
    // A programming error, not a caller's: the action item kinds need their item and only they.
    throw new Error(`notification kind ${input.kind} and actionItemId do not agree`);
  }
  if (input.kind === 'action_item_overdue' && (input.dueAt === undefined || input.dueAt === null)) {
    // The due time tells one overdue announcement from the next (see migration 0013).
    throw new Error('an overdue notification needs the due time that passed');
  }
  const ids = await repo.insertForAgencyMembers(trx, {
    tableId: input.tableId,
    agencyId: input.agencyId,
    kind: input.kind,
    situationId: input.situationId,
    actionItemId: input.actionItemId ?? null,
    dueAt: input.dueAt === undefined || input.dueAt === null ? null : new Date(input.dueAt),
  });
  if (ids.length > 0) {
    await notifyIn(
      trx,
      NOTIFICATION_CHANNEL,
      JSON.stringify({ situationId: input.situationId, agencyId: input.agencyId }),
    );
  }
  return ids;
}

/**
 * {@link recordAgencyNotificationsIn} for several agencies of one situation, each with its kind
 * (not an action item's), in one statement: the assignment tells its lead and assisting agencies.
 */
export async function recordSituationNotificationsIn(
  trx: Transaction<DB>,
  input: {
    tableId: string;
    situationId: string;
    agencies: ReadonlyArray<{
      agencyId: string;
      kind: Exclude<NotificationKind, 'action_item_assigned' | 'action_item_overdue'>;
    }>;
  },
): Promise<void> {
  await repo.insertForAgenciesAndNotify(trx, { ...input, channel: NOTIFICATION_CHANNEL });
}

export type NotificationsContext = { actor: Actor; requestId: string };

function toNotification(row: repo.NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind,
    tableId: row.table_id,
    tableName: row.table_name,
    situationId: row.situation_id,
    reference: row.reference,
    actionItemId: row.action_item_id,
    dueAt: row.due_at === null ? null : iso(row.due_at),
    createdAt: iso(row.created_at),
    readAt: row.read_at === null ? null : iso(row.read_at),
  };
}

export function createNotificationsService({ db }: { db: Kysely<DB> }) {
  return {
    /** The caller's notifications, newest first; keyset pages whose cursor is a notification id. */
    async list(ctx: NotificationsContext, query: NotificationListQuery): Promise<NotificationList> {
      const userId = ctx.actor.userId;
      let after: repo.ListPosition | undefined;
      if (query.cursor !== undefined) {
        const position = await repo.positionOf(db, userId, query.cursor);
        if (!position) {
          throw new AppError('VALIDATION_FAILED', undefined, {
            status: 400,
            invalidParams: [
              { in: 'query', path: 'cursor', message: 'is not a cursor returned by this list' },
            ],
          });
        }
        after = { createdAt: position.created_at, id: position.id };
      }
      const [rows, unreadCount] = await Promise.all([
        repo.listForUser(db, {
          userId,
          unreadOnly: query.unread === 'true',
          after,
          limit: query.limit + 1,
        }),
        repo.countUnread(db, userId),
      ]);
      const page = rows.slice(0, query.limit);
      return {
        items: page.map(toNotification),
        nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
        unreadCount,
      };
    },

    async unreadCount(ctx: NotificationsContext): Promise<number> {
      return repo.countUnread(db, ctx.actor.userId);
    },

    /** Marks one of the caller's notifications read (again: no change, no new event). */
    async markRead(ctx: NotificationsContext, notificationId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const own = await repo.lockOwn(trx, ctx.actor.userId, notificationId);
        if (!own) throw notFound();
        if (own.read_at !== null) return;
        await repo.markRead(trx, notificationId);
        await recordAudit(trx, {
          action: 'notification.read',
          dataCategory: 'de_identified',
          outcome: 'allowed',
          userId: ctx.actor.userId,
          agencyId: ctx.actor.agencyId,
          role: roleOn(ctx.actor, own.table_id),
          tableId: own.table_id,
          situationId: own.situation_id,
          target: `notification:${own.id}`,
          requestId: ctx.requestId,
        });
      });
    },

    /** Marks every unread notification of the caller read; one event when any changed. */
    async markAllRead(ctx: NotificationsContext): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const changed = await repo.markAllRead(trx, ctx.actor.userId);
        if (changed === 0) return;
        await recordAudit(trx, {
          action: 'notification.read_all',
          dataCategory: 'de_identified',
          outcome: 'allowed',
          userId: ctx.actor.userId,
          agencyId: ctx.actor.agencyId,
          target: `user:${ctx.actor.userId}`,
          requestId: ctx.requestId,
        });
      });
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
