/**
 * Confirming memberships (separation of duties): the contract between the confirmation screens
 * and /api/membership-reviews/*. An administrator asks for a membership; one that can reach
 * identity (or confirm others) is pending until the table's coordinator, or for a table without
 * one its privacy officer, confirms or declines it. Staff names only, never situation content.
 */
import { z } from 'zod';
import { idSchema, text } from './input';
import { roleSchema } from './policy-schemas';
import { agencyRefSchema, membershipStatusSchema, staffRefSchema, tableRefSchema } from './admin';

const isoDateTime = z.iso.datetime();

/** How far back the "recently granted" list reaches. */
export const RECENT_GRANT_DAYS = 30;

export const membershipReviewQuerySchema = z.object({
  /** One of the tables whose memberships the caller reviews; without it, all of them. */
  tableId: idSchema.optional(),
});

export const membershipIdParamsSchema = z.object({ membershipId: idSchema });

export const membershipGrantSchema = z
  .object({
    id: idSchema,
    table: tableRefSchema,
    member: z.object({ id: idSchema, displayName: text(), email: text() }),
    agency: agencyRefSchema.nullable(),
    role: roleSchema,
    status: membershipStatusSchema,
    requestedBy: staffRefSchema.nullable(),
    requestedAt: isoDateTime,
    confirmedBy: staffRefSchema.nullable(),
    confirmedAt: isoDateTime.nullable(),
    /** Whether the caller may confirm or decline it (pending ones only). */
    canConfirm: z.boolean(),
  })
  .meta({ id: 'MembershipGrant' });
export type MembershipGrant = z.infer<typeof membershipGrantSchema>;

export const membershipReviewSchema = z
  .object({
    /** Waiting for confirmation, oldest first. */
    pending: z.array(membershipGrantSchema),
    /** Took effect in the last RECENT_GRANT_DAYS days, newest first. */
    recent: z.array(membershipGrantSchema),
  })
  .meta({ id: 'MembershipReview' });
export type MembershipReview = z.infer<typeof membershipReviewSchema>;
