/**
 * Action items and report-backs: the intervention plan of a situation at filter 4 and what the
 * agencies tell the room about it. Both carry de-identified text only (checked by the
 * personal-data guard), which is destroyed with the situation's other free text.
 */
import { z } from 'zod';
import { agencyRefSchema, staffRefSchema } from './admin';
import { idSchema, text } from './input';

export const ACTION_DESCRIPTION_MAX_LENGTH = 500;
export const REPORT_BACK_MAX_LENGTH = 1000;

export const actionItemKinds = ['first_contact', 'task'] as const;
export const actionItemStatuses = ['open', 'done', 'cancelled'] as const;
export const actionItemStatusSchema = z.enum(actionItemStatuses);
export type ActionItemStatus = z.infer<typeof actionItemStatusSchema>;

const isoDateTime = z.iso.datetime({ offset: true });

/** Whether an item is overdue at `now`: open and past its due time. One rule for API and web. */
export function isOverdue(item: { status: ActionItemStatus; dueAt: string }, now: Date): boolean {
  return item.status === 'open' && new Date(item.dueAt).getTime() < now.getTime();
}

export const actionItemSchema = z
  .object({
    id: idSchema,
    situationId: idSchema,
    reference: text(),
    tableId: idSchema,
    ownerAgency: agencyRefSchema,
    kind: z.enum(actionItemKinds),
    /**
     * Null once destroyed with the situation's other free text, and always null for the
     * `first_contact` item, which the assignment creates and the web labels by its kind.
     */
    description: text().nullable(),
    dueAt: isoDateTime,
    status: actionItemStatusSchema,
    /** Computed by the server at answer time with isOverdue. */
    overdue: z.boolean(),
    version: z.number().int(),
    createdAt: isoDateTime,
    createdBy: staffRefSchema.nullable(),
    createdInMeetingId: idSchema.nullable(),
    statusChangedAt: isoDateTime.nullable(),
  })
  .meta({ id: 'ActionItem' });
export type ActionItem = z.infer<typeof actionItemSchema>;

export const actionItemListSchema = z
  .object({ items: z.array(actionItemSchema), nextCursor: text().nullable() })
  .meta({ id: 'ActionItemList' });
export type ActionItemList = z.infer<typeof actionItemListSchema>;

export const actionItemRequestSchema = z
  .object({
    /** The lead agency or one of the assisting agencies. */
    ownerAgencyId: idSchema,
    description: text().trim().min(1).max(ACTION_DESCRIPTION_MAX_LENGTH),
    dueAt: isoDateTime,
    /** The meeting in which it was agreed, if any (stamped on the item and in the minutes). */
    meetingId: idSchema.optional(),
  })
  .meta({ id: 'ActionItemRequest' });
export type ActionItemRequest = z.infer<typeof actionItemRequestSchema>;

export const actionItemUpdateSchema = z
  .object({
    status: actionItemStatusSchema.optional(),
    dueAt: isoDateTime.optional(),
    description: text().trim().min(1).max(ACTION_DESCRIPTION_MAX_LENGTH).optional(),
    ownerAgencyId: idSchema.optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'change at least one field',
  })
  .meta({ id: 'ActionItemUpdate' });
export type ActionItemUpdate = z.infer<typeof actionItemUpdateSchema>;

export const actionItemIdParamsSchema = z.object({ id: idSchema });

/** GET /api/action-items: open items owned by the person's agency across their tables. */
export const ownedActionItemsQuerySchema = z.object({
  status: actionItemStatusSchema.default('open'),
  overdue: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  cursor: text().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const reportBackSchema = z
  .object({
    id: idSchema,
    situationId: idSchema,
    agency: agencyRefSchema,
    meetingId: idSchema.nullable(),
    /** Null once destroyed with the situation's other free text. */
    statusUpdate: text().nullable(),
    createdAt: isoDateTime,
    createdBy: staffRefSchema.nullable(),
  })
  .meta({ id: 'ReportBack' });
export type ReportBack = z.infer<typeof reportBackSchema>;

export const reportBackListSchema = z
  .object({ items: z.array(reportBackSchema) })
  .meta({ id: 'ReportBackList' });

export const reportBackRequestSchema = z
  .object({
    statusUpdate: text().trim().min(1).max(REPORT_BACK_MAX_LENGTH),
    /** The reporting agency: your own; a coordinator may record it for an agency in the room. */
    agencyId: idSchema.optional(),
    meetingId: idSchema.optional(),
  })
  .meta({ id: 'ReportBackRequest' });
export type ReportBackRequest = z.infer<typeof reportBackRequestSchema>;
