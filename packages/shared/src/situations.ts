/**
 * The situation contract between web and API. The de-identified view (`situationSchema`) is what
 * every member who may see a situation gets: it has no field that can hold a name, a date of birth
 * or an address. Identity travels only in `identitySchema`, through its own audited route.
 */
import { z } from 'zod';
import { possibleNameStatuses } from './personal-data-kinds';
import { idSchema, text } from './input';
import { stageSchema } from './policy-schemas';
import { codeSchema } from './taxonomy';

export const SUMMARY_MAX_LENGTH = 2000;
export const NOTE_MAX_LENGTH = 5000;

/**
 * Filter 1: the originating agency's own screening. A draft may be saved with questions not yet
 * answered (null); presenting needs every answer true (`filter1NotYetYes`, checked by the API at
 * submit and shown by the web as readiness, `presentBlockers`).
 */
const filter1Answer = z.boolean().nullable();
export const filter1Schema = z.object({
  agencyExhaustedOptions: filter1Answer,
  significantInterest: filter1Answer,
  probabilityOfHarm: filter1Answer,
  severityOfHarm: filter1Answer,
  multipleAgenciesNeeded: filter1Answer,
});
export type Filter1 = z.infer<typeof filter1Schema>;
export const filter1Questions = Object.keys(filter1Schema.shape) as Array<keyof Filter1>;

/** The Filter 1 questions not answered "yes": presenting is refused while any is left. */
export function filter1NotYetYes(filter1: Filter1): Array<keyof Filter1> {
  return filter1Questions.filter((question) => filter1[question] !== true);
}

const codes = (max: number) =>
  z
    .array(codeSchema)
    .max(max)
    .refine((list) => new Set(list).size === list.length, 'must not repeat a code');

/** The de-identified facts an originating agency enters (filter 1) and presents (filter 2). */
export const situationDraftSchema = z
  .object({
    situationType: codeSchema,
    ageBand: codeSchema,
    gender: codeSchema,
    riskFactors: codes(100),
    protectiveFactors: codes(50).default([]),
    studyFlags: codes(20).default([]),
    summary: text().trim().min(1).max(SUMMARY_MAX_LENGTH),
    /** Questions not answered yet may be null (or left out): a draft can be saved unfinished. */
    filter1: filter1Schema.partial().transform((answers): Filter1 => ({
      agencyExhaustedOptions: answers.agencyExhaustedOptions ?? null,
      significantInterest: answers.significantInterest ?? null,
      probabilityOfHarm: answers.probabilityOfHarm ?? null,
      severityOfHarm: answers.severityOfHarm ?? null,
      multipleAgenciesNeeded: answers.multipleAgenciesNeeded ?? null,
    })),
    /**
     * The author confirms that none of the possible names found in this summary (kind
     * `possible_name`) is a person's name. Recorded for exactly this text (audited); presenting
     * is refused while a possible name is unconfirmed.
     */
    namesConfirmed: z.boolean().optional(),
  })
  .meta({ id: 'SituationDraft' });
export type SituationDraft = z.input<typeof situationDraftSchema>;

export const personSchema = z.object({
  givenName: text().trim().min(1).max(100),
  familyName: text().trim().min(1).max(100),
  dateOfBirth: z.iso.date().optional(),
});

/** The minimum identity, held encrypted, shown only where the access policy allows. */
export const identitySchema = z
  .object({
    people: z.array(personSchema).min(1).max(20),
    address: text().trim().min(1).max(300).optional(),
    notes: text().trim().min(1).max(2000).optional(),
  })
  .meta({ id: 'Identity' });
export type Identity = z.infer<typeof identitySchema>;

/**
 * Another situation of the same table whose identity matched this one's (same normalised names
 * and date of birth within REPEAT_WINDOW_MONTHS): `earlier` when this situation repeats it,
 * `later` when it repeats this one. A reference only, never the other situation's identity.
 */
export const possibleRepeatSchema = z
  .object({
    situationId: idSchema,
    reference: text(),
    relation: z.enum(['earlier', 'later']),
  })
  .meta({ id: 'PossibleRepeat' });
export type PossibleRepeat = z.infer<typeof possibleRepeatSchema>;

export const identityViewSchema = identitySchema
  .extend({
    updatedAt: z.iso.datetime({ offset: true }),
    /** Shown only here, with the identity, and only those the caller may see. */
    possibleRepeats: z.array(possibleRepeatSchema),
  })
  .meta({ id: 'IdentityView' });
export type IdentityView = z.infer<typeof identityViewSchema>;

export const decisionRequestSchema = z
  .object({
    outcome: z.enum(['accepted', 'rejected']),
    rejectionReason: codeSchema.optional(),
    /** The agencies present at the filter-2 decision: they see identity at filter 3. */
    agenciesPresent: z.array(idSchema).min(1).max(100),
  })
  .refine((body) => body.outcome === 'accepted' || body.rejectionReason !== undefined, {
    message: 'a rejection needs a reason',
    path: ['rejectionReason'],
  })
  .refine((body) => body.outcome === 'rejected' || body.rejectionReason === undefined, {
    message: 'only a rejection has a reason',
    path: ['rejectionReason'],
  })
  .meta({ id: 'DecisionRequest' });
export type DecisionRequest = z.infer<typeof decisionRequestSchema>;

export const involvementRequestSchema = z
  .object({ involved: z.boolean() })
  .meta({ id: 'InvolvementRequest' });

export const assignmentRequestSchema = z
  .object({
    leadAgencyId: idSchema,
    assistingAgencyIds: z.array(idSchema).max(50),
  })
  .refine((body) => !body.assistingAgencyIds.includes(body.leadAgencyId), {
    message: 'the lead agency cannot also be assisting',
    path: ['assistingAgencyIds'],
  })
  .refine((body) => new Set(body.assistingAgencyIds).size === body.assistingAgencyIds.length, {
    message: 'must not repeat an agency',
    path: ['assistingAgencyIds'],
  })
  .meta({ id: 'AssignmentRequest' });
export type AssignmentRequest = z.infer<typeof assignmentRequestSchema>;

export const noteRequestSchema = z
  .object({ body: text().trim().min(1).max(NOTE_MAX_LENGTH) })
  .meta({ id: 'NoteRequest' });

export const contactOutcomes = ['engaged', 'declined', 'not_located'] as const;
export const contactRequestSchema = z
  .object({
    /** When the first contact (the "door knock") happened. */
    at: z.iso.datetime({ offset: true }),
    outcome: z.enum(contactOutcomes),
  })
  .meta({ id: 'ContactRequest' });
export type ContactRequest = z.infer<typeof contactRequestSchema>;

export const closeRequestSchema = z
  .object({
    conclusion: codeSchema,
    /**
     * Why the situation is concluded with no first contact recorded: a code of the list
     * `no_contact_reason`. Required exactly when no first contact was recorded
     * (`needsNoContactReason`); refused otherwise.
     */
    noContactReason: codeSchema.optional(),
  })
  .meta({ id: 'CloseRequest' });
export type CloseRequest = z.infer<typeof closeRequestSchema>;

/** Whether concluding this situation needs a `noContactReason`: no first contact is recorded. */
export function needsNoContactReason(situation: { firstContact: unknown }): boolean {
  return situation.firstContact === null;
}

const agencyRefSchema = z.object({ id: idSchema, name: text() });
const stepSchema = z
  .object({
    at: z.iso.datetime({ offset: true }),
    /** The staff member who took the step, and for which agency. */
    by: z.object({ displayName: text(), agencyName: text().nullable() }).nullable(),
  })
  .nullable();

/** The de-identified view of a situation. Never a name, date of birth or address. */
export const situationSchema = z
  .object({
    id: idSchema,
    reference: text(),
    tableId: idSchema,
    /** Whether the table requires a second factor (the access policy needs it). */
    tableRequiresSecondFactor: z.boolean(),
    stage: stageSchema,
    version: z.number().int(),
    situationType: codeSchema,
    ageBand: codeSchema,
    gender: codeSchema,
    riskFactors: z.array(codeSchema),
    protectiveFactors: z.array(codeSchema),
    studyFlags: z.array(codeSchema),
    /** Null once destroyed with the identity (rejection, end of retention): see freeTextDestroyedAt. */
    summary: text().nullable(),
    /** Whether the summary holds possible names, and whether its author confirmed they are not. */
    possibleNames: z.enum(possibleNameStatuses),
    /**
     * When the summary (the situation's only free text) was destroyed with the identity; the
     * coded facts (type, age band, gender, factors, filter 1, agencies, reasons, steps) remain.
     */
    freeTextDestroyedAt: z.iso.datetime({ offset: true }).nullable(),
    filter1: filter1Schema,
    originatingAgency: agencyRefSchema,
    agenciesPresent: z.array(agencyRefSchema.extend({ involved: z.boolean().nullable() })),
    leadAgency: agencyRefSchema.nullable(),
    assistingAgencies: z.array(agencyRefSchema),
    rejectionReason: codeSchema.nullable(),
    conclusion: codeSchema.nullable(),
    firstContact: z
      .object({ at: z.iso.datetime({ offset: true }), outcome: z.enum(contactOutcomes) })
      .nullable(),
    /**
     * When first contact is due: the due time of the situation's `first_contact` action item
     * (opened by the assignment, assigned_at + the table's first_contact_hours, and moved only by
     * rescheduling that item). Null before assignment. See first-contact-clock.ts.
     */
    firstContactDueAt: z.iso.datetime({ offset: true }).nullable(),
    /** Why it was concluded without a first contact (code list `no_contact_reason`), or null. */
    noContactReason: codeSchema.nullable(),
    /** Whether identity is held, was never entered, or has been destroyed (rejection, retention). */
    identityStatus: z.enum(['none', 'held', 'destroyed']),
    steps: z.object({
      created: stepSchema,
      submitted: stepSchema,
      decided: stepSchema,
      assigned: stepSchema,
      firstContact: stepSchema,
      closed: stepSchema,
      identityDestroyed: stepSchema,
    }),
  })
  .meta({ id: 'Situation' });
export type Situation = z.infer<typeof situationSchema>;

/** What stops a draft from being presented; `filter1NotYetYes` names the questions. */
export type PresentBlocker = 'filter1' | 'riskFactors' | 'possibleNames';

/**
 * Readiness to present, as the web shows it before the person tries: every Filter 1 answer
 * "yes", the table's minimum of risk factors, every possible name confirmed. The API refuses a
 * submit for the same reasons (filter 1 and risk factors with 422, names with their own code).
 */
export function presentBlockers(
  situation: Pick<Situation, 'filter1' | 'riskFactors' | 'possibleNames'>,
  minRiskFactors: number,
): PresentBlocker[] {
  const blockers: PresentBlocker[] = [];
  if (filter1NotYetYes(situation.filter1).length > 0) blockers.push('filter1');
  if (situation.riskFactors.length < minRiskFactors) blockers.push('riskFactors');
  if (situation.possibleNames === 'unconfirmed') blockers.push('possibleNames');
  return blockers;
}

export const situationListItemSchema = situationSchema
  .pick({
    id: true,
    reference: true,
    stage: true,
    situationType: true,
    ageBand: true,
    gender: true,
    originatingAgency: true,
    leadAgency: true,
  })
  .extend({
    riskFactorCount: z.number().int(),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
    /** As on the situation: null before assignment. */
    firstContactDueAt: z.iso.datetime({ offset: true }).nullable(),
    /** When first contact happened, or null. With firstContactDueAt, the clock of the list row. */
    firstContactAt: z.iso.datetime({ offset: true }).nullable(),
  });
export type SituationListItem = z.infer<typeof situationListItemSchema>;

export const situationListSchema = z
  .object({
    items: z.array(situationListItemSchema),
    /** Pass as `cursor` for the next page; null on the last page. */
    nextCursor: text().nullable(),
  })
  .meta({ id: 'SituationList' });

/** How the situation list can be ordered; each with `order` asc or desc. */
export const situationSortKeys = ['updated', 'created', 'reference', 'firstContactDue'] as const;
export type SituationSortKey = (typeof situationSortKeys)[number];
export const SITUATION_SEARCH_MAX_LENGTH = 40;

/** The filters of the situation list, which its stage counts honour too. */
const situationListFilterFields = z.object({
  /**
   * Words people use: part of a reference ("RIV-2026-0001", "2026-0001", "0001"), matched
   * case-insensitively. Never free text of the situation: the list searches no summary.
   */
  q: text().trim().max(SITUATION_SEARCH_MAX_LENGTH).optional(),
  originatingAgencyId: idSchema.optional(),
  leadAgencyId: idSchema.optional(),
  /** 'true': only situations at filter 4 with no first contact recorded and past their due time. */
  overdue: z.enum(['true', 'false']).optional(),
  /** Created on or after / on or before this calendar day (the table's time zone). */
  createdFrom: z.iso.date().optional(),
  createdTo: z.iso.date().optional(),
});

/** The created-date range reads forwards (one day is fine): the list and its form both say so. */
export const createdRangeInOrder = (range: { createdFrom?: string; createdTo?: string }) =>
  !range.createdFrom || !range.createdTo || range.createdFrom <= range.createdTo;
const createdRangeMessage = {
  message: '`createdFrom` must not be after `createdTo`.',
  path: ['createdTo'],
};

export const situationListQuerySchema = situationListFilterFields
  .extend({
    stage: stageSchema.optional(),
    sort: z.enum(situationSortKeys).default('updated'),
    order: z.enum(['asc', 'desc']).default('desc'),
    /** Opaque; only valid with the same filters and sort that produced it. */
    cursor: text().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .refine(createdRangeInOrder, createdRangeMessage);
export type SituationListQuery = z.input<typeof situationListQuerySchema>;

/** GET /api/tables/:tableId/situations/counts: how many situations you may see, by stage. */
export const situationStageCountsSchema = z
  .object({ counts: z.record(stageSchema, z.number().int().min(0)) })
  .meta({ id: 'SituationStageCounts' });
export type SituationStageCounts = z.infer<typeof situationStageCountsSchema>;

/** The counts take the list's filters but the stage (the stage is what they count). */
export const situationStageCountsQuerySchema = situationListFilterFields.refine(
  createdRangeInOrder,
  createdRangeMessage,
);
export type SituationStageCountsQuery = z.input<typeof situationStageCountsQuerySchema>;

export const interventionNoteSchema = z.object({
  id: idSchema,
  body: text(),
  agency: agencyRefSchema,
  author: z.object({ displayName: text() }),
  createdAt: z.iso.datetime({ offset: true }),
});
export const interventionNoteListSchema = z
  .object({ items: z.array(interventionNoteSchema) })
  .meta({ id: 'InterventionNotes' });
export type InterventionNote = z.infer<typeof interventionNoteSchema>;

/** A situation table as its members see it: enough to fill the situation forms. */
export const tableDetailSchema = z
  .object({
    id: idSchema,
    name: text(),
    municipality: text(),
    /** How many risk factors a situation needs before it can be presented (filter 2). */
    minRiskFactors: z.number().int(),
    requiresSecondFactor: z.boolean(),
    /**
     * Days identity is kept after a situation is concluded (the deployment's retention period), so
     * that concluding can say when it will be destroyed. 0: destroyed at conclusion.
     */
    identityRetentionDays: z.number().int().min(0),
    /** The table's member agencies: the choices for agencies present, lead and assisting. */
    agencies: z.array(z.object({ id: idSchema, name: text(), sector: text() })),
  })
  .meta({ id: 'TableDetail' });
export type TableDetail = z.infer<typeof tableDetailSchema>;

export const situationIdParamsSchema = z.object({ id: idSchema });

/**
 * GET /api/situations/:id/identity: an optional purpose, recorded in the audit log. It travels in
 * a request header, percent-encoded UTF-8 (encodeURIComponent), never in the URL: URLs end up in
 * proxy logs and browser history, and a purpose is typed by a person.
 */
export const ACCESS_PURPOSE_HEADER = 'access-purpose';
export const ACCESS_PURPOSE_MAX_LENGTH = 200;

export const identityViewHeadersSchema = z.object({
  [ACCESS_PURPOSE_HEADER]: text()
    // Twelve bytes per character at most once encoded: a bound before decoding anything.
    .max(ACCESS_PURPOSE_MAX_LENGTH * 12)
    .optional()
    .transform((encoded, ctx) => {
      if (encoded === undefined) return undefined;
      try {
        return decodeURIComponent(encoded).trim();
      } catch {
        ctx.addIssue({ code: 'custom', message: 'Percent-encode the purpose as UTF-8.' });
        return z.NEVER;
      }
    })
    .pipe(text().max(ACCESS_PURPOSE_MAX_LENGTH).optional()),
});

/** The header that carries a purpose, for a client. */
export function accessPurposeHeader(purpose: string): Record<string, string> {
  const trimmed = purpose.trim();
  return trimmed ? { [ACCESS_PURPOSE_HEADER]: encodeURIComponent(trimmed) } : {};
}
