/**
 * Notifications: the contract between the notifications page and /api/notifications/*. A person
 * learns that their agency was named lead or assisting on a situation, was given an action item,
 * or has one overdue. A notification names the situation by its reference and its table, never by
 * anything about the person (no identity, no summary, no action item text).
 */
import { z } from 'zod';
import { idSchema, text } from './input';

export const notificationKinds = [
  'lead_assigned',
  'assisting_assigned',
  'action_item_assigned',
  'action_item_overdue',
] as const;
export const notificationKindSchema = z.enum(notificationKinds);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

/** Where a notification leads: the situation's page in the web app. */
export const situationPath = (situationId: string) => `/situations/${situationId}`;

const isoDateTime = z.iso.datetime({ offset: true });

export const notificationSchema = z
  .object({
    id: idSchema,
    kind: notificationKindSchema,
    tableId: idSchema,
    tableName: text(),
    situationId: idSchema,
    /** The situation's human reference, e.g. RIV-2026-0042. */
    reference: text(),
    /** Set for the action item kinds only. */
    actionItemId: idSchema.nullable(),
    /** The action item's due time (action item kinds only). */
    dueAt: isoDateTime.nullable(),
    createdAt: isoDateTime,
    readAt: isoDateTime.nullable(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof notificationSchema>;

export const NOTIFICATION_PAGE_MAX = 100;

export const notificationListQuerySchema = z.object({
  /** The `nextCursor` of the previous page: the id of its last notification. */
  cursor: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(NOTIFICATION_PAGE_MAX).default(30),
  /** `true`: unread ones only. */
  unread: z.enum(['true', 'false']).optional(),
});
export type NotificationListQuery = z.infer<typeof notificationListQuerySchema>;

export const notificationListSchema = z
  .object({
    items: z.array(notificationSchema),
    /** Pass as `cursor` for the next (older) page; null on the last page. */
    nextCursor: idSchema.nullable(),
    unreadCount: z.number().int().min(0),
  })
  .meta({ id: 'NotificationList' });
export type NotificationList = z.infer<typeof notificationListSchema>;

export const unreadCountSchema = z
  .object({ unreadCount: z.number().int().min(0) })
  .meta({ id: 'NotificationUnreadCount' });
export type UnreadCount = z.infer<typeof unreadCountSchema>;

export const notificationIdParamsSchema = z.object({ notificationId: idSchema });
