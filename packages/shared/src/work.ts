/**
 * The work home: the contract between the home page and GET /api/me/work. One answer gives a
 * signed-in person their work, table by table where they are a member, shaped by their role there:
 * - agency representative: their agency's drafts, the situations waiting for their agency's
 *   involvement answer (filter 3), and the interventions where their agency is lead or assisting
 *   (filter 4, with the first-contact clock);
 * - coordinator: the same (the interventions of the whole table), plus what needs the table's
 *   decision: presented situations (filter 2), accepted ones waiting for lead and assisting
 *   agencies (filter 3), first contacts overdue and situations ready to conclude (filter 4);
 * - privacy officer: the latest views of identity on the table, and pending memberships;
 * - analyst: nothing here (their work is the statistics).
 * Every situation is a de-identified list item the person may see under the access policy; a
 * section holds at most WORK_SECTION_LIMIT items and says how many there are in all.
 */
import { z } from 'zod';
import { roleSchema } from './policy-schemas';
import { agencyRefSchema, tableRefSchema } from './admin';
import { idSchema, text } from './input';
import { meetingSummarySchema } from './meetings';
import { situationListItemSchema } from './situations';

/** The most items a section lists; its `total` counts them all. */
export const WORK_SECTION_LIMIT = 20;
/** How many of the latest identity views a privacy officer's home shows per table. */
export const WORK_IDENTITY_VIEWS_LIMIT = 10;

const isoDateTime = z.iso.datetime({ offset: true });

const situationSectionSchema = z.object({
  total: z.number().int().min(0),
  items: z.array(situationListItemSchema),
});
export type WorkSituationSection = z.infer<typeof situationSectionSchema>;

/**
 * Whether the table's work can be shown to this session: otherwise the table asks for its
 * confidentiality agreement or a second factor first, and the sections are null.
 */
export const workAccessSchema = z.enum(['open', 'agreement_required', 'second_factor_required']);
export type WorkAccess = z.infer<typeof workAccessSchema>;

/** A view of a situation's identity, as the audit log recorded it: who, which situation, when. */
export const workIdentityViewSchema = z.object({
  at: isoDateTime,
  viewer: z.object({ id: idSchema, displayName: text().nullable() }).nullable(),
  agency: z.object({ id: idSchema, name: text().nullable() }).nullable(),
  situationId: idSchema,
  /** The situation's reference (RIV-2026-0001); null if the situation no longer exists. */
  reference: text().nullable(),
});
export type WorkIdentityView = z.infer<typeof workIdentityViewSchema>;

/** A membership waiting for a second person's confirmation (separation of duties). */
export const workPendingMembershipSchema = z.object({
  id: idSchema,
  member: z.object({ id: idSchema, displayName: text() }),
  agency: agencyRefSchema.nullable(),
  role: roleSchema,
  requestedAt: isoDateTime,
  /** Whether this person is the one who may confirm or decline it. */
  canConfirm: z.boolean(),
});
export type WorkPendingMembership = z.infer<typeof workPendingMembershipSchema>;

export const tableWorkSchema = z.object({
  table: tableRefSchema,
  role: roleSchema,
  access: workAccessSchema,
  /** The meeting in progress, else the next scheduled one (within the coming weeks), or null. */
  nextMeeting: meetingSummarySchema.nullable(),
  /** Coordinators and agency representatives. */
  situations: z
    .object({
      /** Drafts of the person's agency (filter 1), last changed first. */
      drafts: situationSectionSchema,
      /** At filter 3, their agency was present and has not said whether it is involved. */
      involvement: situationSectionSchema,
      /**
       * At filter 4: where their agency is lead or assisting (a coordinator: every one of the
       * table), open clocks first, soonest due first.
       */
      interventions: situationSectionSchema,
    })
    .nullable(),
  /** Coordinators: what waits for the table's decision. */
  decisions: z
    .object({
      /** Presented (filter 2), waiting for the decision: acutely elevated risk or not. */
      presented: situationSectionSchema,
      /** Accepted (filter 3), waiting for the lead and assisting agencies. */
      awaitingAssignment: situationSectionSchema,
      /** At filter 4 with no first contact, past its due time. */
      firstContactOverdue: situationSectionSchema,
      /** At filter 4, first contact made and no open action item: ready to conclude. */
      readyToConclude: situationSectionSchema,
    })
    .nullable(),
  /** Those who review the table's memberships (coordinators, privacy officers): oldest first. */
  pendingMemberships: z
    .object({ total: z.number().int().min(0), items: z.array(workPendingMembershipSchema) })
    .nullable(),
  /** Privacy officers: the latest views of identity on the table, newest first. */
  identityViews: z.object({ items: z.array(workIdentityViewSchema) }).nullable(),
});
export type TableWork = z.infer<typeof tableWorkSchema>;

export const workHomeSchema = z
  .object({
    /** One entry per table where the person is a member, by table name. */
    tables: z.array(tableWorkSchema),
  })
  .meta({ id: 'WorkHome' });
export type WorkHome = z.infer<typeof workHomeSchema>;
