/**
 * The weekly table meeting: the contract between the meeting screen and /api/meetings/*.
 *
 * A meeting is scheduled (one-off, or weekly from the table's meeting day and time), opened (which
 * builds its agenda: report-backs, then new situations in presentation order, then situations
 * ready to close), run from one screen, closed, and its minutes approved. Everything here is
 * de-identified: references, stages, codes, agencies and staff names — never identity or notes.
 * An agenda item the person may not open (`isRestrictedFor` in access-policy.ts) carries only its
 * reference and stage.
 */
import { z } from 'zod';
import { actionItemSchema } from './action-items';
import { agencyRefSchema, staffRefSchema } from './admin';
import { idSchema, text } from './input';
import { situationSchema } from './situations';
import { stageSchema } from './policy-schemas';
import { codeSchema } from './taxonomy';

const isoDateTime = z.iso.datetime({ offset: true });

export const meetingStatuses = ['scheduled', 'open', 'closed', 'cancelled'] as const;
export const meetingStatusSchema = z.enum(meetingStatuses);
export type MeetingStatus = z.infer<typeof meetingStatusSchema>;

/** Report-backs first, then new situations, then those ready to close (domain README). */
export const agendaSections = ['report_back', 'new', 'ready_to_close'] as const;
export const agendaSectionSchema = z.enum(agendaSections);
export type AgendaSection = z.infer<typeof agendaSectionSchema>;

export const attendanceStatuses = ['present', 'apologies', 'absent'] as const;
export const attendanceStatusSchema = z.enum(attendanceStatuses);
export type AttendanceStatus = z.infer<typeof attendanceStatusSchema>;

/** How many weekly meetings one request may schedule. */
export const WEEKLY_SCHEDULE_MAX = 26;

export const meetingIdParamsSchema = z.object({ id: idSchema });
export const meetingSituationParamsSchema = z.object({ id: idSchema, situationId: idSchema });

export const scheduleMeetingRequestSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('one_off'), scheduledFor: isoDateTime }),
    /**
     * The next `count` meetings on the table's meeting day and time (in the table's time zone),
     * skipping days that already have a meeting. 422 when the table has no meeting day and time.
     */
    z.object({
      kind: z.literal('weekly'),
      count: z.number().int().min(1).max(WEEKLY_SCHEDULE_MAX),
    }),
  ])
  .meta({ id: 'ScheduleMeetingRequest' });
export type ScheduleMeetingRequest = z.infer<typeof scheduleMeetingRequestSchema>;

/** PATCH /api/meetings/:id: move a scheduled meeting (If-Match the meeting's version). */
export const rescheduleMeetingRequestSchema = z
  .object({ scheduledFor: isoDateTime })
  .meta({ id: 'RescheduleMeetingRequest' });

export const meetingSummarySchema = z
  .object({
    id: idSchema,
    tableId: idSchema,
    tableName: text(),
    /** The table's IANA time zone: meeting times are shown on the room's clock. */
    timeZone: text(),
    scheduledFor: isoDateTime,
    status: meetingStatusSchema,
    version: z.number().int(),
    openedAt: isoDateTime.nullable(),
    closedAt: isoDateTime.nullable(),
    minutesApprovedAt: isoDateTime.nullable(),
  })
  .meta({ id: 'MeetingSummary' });
export type MeetingSummary = z.infer<typeof meetingSummarySchema>;

export const meetingListSchema = z
  .object({ items: z.array(meetingSummarySchema), nextCursor: text().nullable() })
  .meta({ id: 'MeetingList' });
export type MeetingList = z.infer<typeof meetingListSchema>;

/** GET /api/tables/:tableId/meetings: upcoming (soonest first) or past (latest first). */
export const tableMeetingsQuerySchema = z.object({
  when: z.enum(['upcoming', 'past']).default('upcoming'),
  cursor: text().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/**
 * GET /api/meetings: the meetings of every table where you may view meetings, between `from` and
 * `to` (default: the last 12 hours to 14 days ahead), soonest first — the home page's "today".
 */
export const myMeetingsQuerySchema = z.object({
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const attendanceEntrySchema = z.object({
  agency: agencyRefSchema.extend({ sector: text() }),
  /** Null until the chair records it. */
  status: attendanceStatusSchema.nullable(),
  representative: staffRefSchema.nullable(),
  /** Who may be named as its representative: the agency's confirmed coordinator and agency reps. */
  candidates: z.array(staffRefSchema),
});
export type AttendanceEntry = z.infer<typeof attendanceEntrySchema>;

/** PUT /api/meetings/:id/attendance: the whole attendance at once (the chair; meeting open). */
export const attendanceRequestSchema = z
  .object({
    entries: z
      .array(
        z.object({
          agencyId: idSchema,
          status: attendanceStatusSchema,
          /** A staff member of that agency; only with `present`. */
          representativeUserId: idSchema.nullable().optional(),
        }),
      )
      .min(1)
      .max(100),
  })
  .meta({ id: 'AttendanceRequest' });
export type AttendanceRequest = z.infer<typeof attendanceRequestSchema>;

export const meetingDecisionKinds = [
  'accepted',
  'rejected',
  'involvement',
  'assigned',
  'concluded',
  'report_back',
] as const;

/** A situation step taken in the room, stamped with the meeting. Codes and agencies only. */
export const meetingDecisionSchema = z
  .object({
    id: idSchema,
    situationId: idSchema,
    reference: text(),
    kind: z.enum(meetingDecisionKinds),
    agency: agencyRefSchema.nullable(),
    involved: z.boolean().nullable(),
    rejectionReason: codeSchema.nullable(),
    conclusion: codeSchema.nullable(),
    /** A conclusion with no first contact recorded: why (code list no_contact_reason). */
    noContactReason: codeSchema.nullable(),
    leadAgency: agencyRefSchema.nullable(),
    assistingAgencies: z.array(agencyRefSchema),
    decidedAt: isoDateTime,
    decidedBy: staffRefSchema.nullable(),
  })
  .meta({ id: 'MeetingDecision' });
export type MeetingDecision = z.infer<typeof meetingDecisionSchema>;

const agendaItemBase = z.object({
  id: idSchema,
  position: z.number().int(),
  section: agendaSectionSchema,
  situationId: idSchema,
  reference: text(),
  /** The situation's stage now. */
  stage: stageSchema,
});

export const restrictedAgendaItemSchema = agendaItemBase.extend({ restricted: z.literal(true) });

export const openAgendaItemSchema = agendaItemBase.extend({
  restricted: z.literal(false),
  stageAtOpening: stageSchema,
  discussedAt: isoDateTime.nullable(),
  /** The de-identified situation, as GET /api/situations/:id gives it (its version for If-Match). */
  situation: situationSchema,
  /** Open and recently closed action items; `overdue` flags the late ones. */
  actionItems: z.array(actionItemSchema),
  /** Steps taken on this situation in this meeting. */
  decisions: z.array(meetingDecisionSchema),
});

export const agendaItemSchema = z
  .discriminatedUnion('restricted', [restrictedAgendaItemSchema, openAgendaItemSchema])
  .meta({ id: 'AgendaItem' });
export type AgendaItem = z.infer<typeof agendaItemSchema>;
export type OpenAgendaItem = z.infer<typeof openAgendaItemSchema>;

export const meetingDetailSchema = meetingSummarySchema
  .extend({
    table: z.object({
      id: idSchema,
      name: text(),
      timeZone: text(),
      requiresSecondFactor: z.boolean(),
    }),
    openedBy: staffRefSchema.nullable(),
    closedBy: staffRefSchema.nullable(),
    currentItemId: idSchema.nullable(),
    /** Every member agency of the table, with its attendance once recorded. */
    attendance: z.array(attendanceEntrySchema),
    /** Empty until the meeting opens. */
    agenda: z.array(agendaItemSchema),
  })
  .meta({ id: 'MeetingDetail' });
export type MeetingDetail = z.infer<typeof meetingDetailSchema>;

/** PUT /api/meetings/:id/agenda: every agenda item id, in the new order (If-Match the meeting). */
export const agendaOrderRequestSchema = z
  .object({
    itemIds: z
      .array(idSchema)
      .min(1)
      .max(500)
      .refine((ids) => new Set(ids).size === ids.length, 'must not repeat an item'),
  })
  .meta({ id: 'AgendaOrderRequest' });

/** PUT /api/meetings/:id/current-item: the item the room is on (null: none). */
export const currentItemRequestSchema = z
  .object({ itemId: idSchema.nullable() })
  .meta({ id: 'CurrentItemRequest' });

/**
 * POST /api/meetings/:id/situations/:situationId/decision: the filter-2 decision in the room. The
 * agencies present are the meeting's attendance (422 ATTENDANCE_REQUIRED before any is present);
 * If-Match carries the situation's version.
 */
export const meetingDecisionRequestSchema = z
  .object({
    outcome: z.enum(['accepted', 'rejected']),
    rejectionReason: codeSchema.optional(),
  })
  .refine((body) => body.outcome === 'accepted' || body.rejectionReason !== undefined, {
    message: 'a rejection needs a reason',
    path: ['rejectionReason'],
  })
  .refine((body) => body.outcome === 'rejected' || body.rejectionReason === undefined, {
    message: 'only a rejection has a reason',
    path: ['rejectionReason'],
  })
  .meta({ id: 'MeetingDecisionRequest' });
export type MeetingDecisionRequest = z.infer<typeof meetingDecisionRequestSchema>;

/**
 * The live view. Every change to a meeting is recorded as an event with a sequence number; the
 * stream (GET /api/meetings/:id/events, text/event-stream) sends each as
 * `id: <seq>` / `event: meeting` / `data: <MeetingEvent JSON>`. An event carries ids only: the
 * client re-reads what changed through the API (and so through the access policy). A client that
 * reconnects sends Last-Event-ID and receives what it missed.
 */
export const meetingEventKinds = [
  'meeting.updated',
  'meeting.opened',
  'meeting.closed',
  'meeting.cancelled',
  'attendance.changed',
  'agenda.changed',
  'current_item.changed',
  'situation.changed',
  'decision.recorded',
  'action_item.changed',
  'report_back.recorded',
  'minutes.approved',
] as const;
export const meetingEventKindSchema = z.enum(meetingEventKinds);
export type MeetingEventKind = z.infer<typeof meetingEventKindSchema>;

export const meetingEventSchema = z
  .object({
    seq: text().regex(/^\d{1,19}$/),
    meetingId: idSchema,
    kind: meetingEventKindSchema,
    situationId: idSchema.nullable(),
    agendaItemId: idSchema.nullable(),
    at: isoDateTime,
  })
  .meta({ id: 'MeetingEvent' });
export type MeetingEvent = z.infer<typeof meetingEventSchema>;

/** The stream's own messages besides `meeting`: why it ended, so the client knows not to retry. */
export const meetingStreamEndReasons = [
  'session_ended',
  'access_changed',
  'meeting_hidden',
] as const;
