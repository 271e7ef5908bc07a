/**
 * The minutes of a meeting: the table's record of who attended, which situations were discussed
 * (by reference), what was decided, what was reported back and which actions are open.
 *
 * De-identified by construction: every field below is a reference, a stage, a code, an agency, a
 * staff member's display name, a time, or one of the two guard-checked de-identified texts (an
 * action item's description, a report-back's status update — null once destroyed with the
 * situation's other free text). There is no field that could hold a summary, an identity or an
 * intervention note, and the API parses stored minutes through these schemas (unknown keys are
 * dropped), so nothing else can ride along. Minutes are identical for everyone who may view the
 * meeting; a draft is generated on each read, approved minutes are a frozen copy with its SHA-256.
 */
import { z } from 'zod';
import { actionItemKinds, actionItemStatusSchema } from './action-items';
import { agencyRefSchema, staffRefSchema } from './admin';
import { idSchema, text } from './input';
import {
  agendaSectionSchema,
  attendanceStatusSchema,
  meetingDecisionKinds,
  meetingStatusSchema,
} from './meetings';
import { stageSchema } from './policy-schemas';
import { codeSchema } from './taxonomy';

const isoDateTime = z.iso.datetime({ offset: true });

export const minutesStatuses = ['draft', 'approved'] as const;
export const minutesStatusSchema = z.enum(minutesStatuses);
export type MinutesStatus = z.infer<typeof minutesStatusSchema>;

export const minutesAttendanceSchema = z.object({
  agency: agencyRefSchema,
  /** A code of the sector list. */
  sector: codeSchema,
  status: attendanceStatusSchema,
  representative: staffRefSchema.nullable(),
});
export type MinutesAttendance = z.infer<typeof minutesAttendanceSchema>;

export const minutesDecisionSchema = z.object({
  kind: z.enum(meetingDecisionKinds),
  /** The agency that declared involvement or reported back. */
  agency: agencyRefSchema.nullable(),
  involved: z.boolean().nullable(),
  rejectionReason: codeSchema.nullable(),
  conclusion: codeSchema.nullable(),
  /**
   * A conclusion with no first contact recorded: why (code list no_contact_reason). Present only
   * then, so minutes approved before the field existed keep their content and digest.
   */
  noContactReason: codeSchema.optional(),
  leadAgency: agencyRefSchema.nullable(),
  assistingAgencies: z.array(agencyRefSchema),
  decidedAt: isoDateTime,
  /** The chair who recorded it. */
  decidedBy: staffRefSchema.nullable(),
});
export type MinutesDecision = z.infer<typeof minutesDecisionSchema>;

export const minutesReportBackSchema = z.object({
  agency: agencyRefSchema,
  /** Guard-checked de-identified text; null once destroyed with the situation's free text. */
  statusUpdate: text().nullable(),
  createdAt: isoDateTime,
});
export type MinutesReportBack = z.infer<typeof minutesReportBackSchema>;

export const minutesActionItemSchema = z.object({
  ownerAgency: agencyRefSchema,
  kind: z.enum(actionItemKinds),
  /** Guard-checked de-identified text; null once destroyed with the situation's free text. */
  description: text().nullable(),
  dueAt: isoDateTime,
  status: actionItemStatusSchema,
  /** Open and past due when the minutes were generated. */
  overdue: z.boolean(),
  /** Agreed in this meeting (otherwise: still open from before). */
  agreedInMeeting: z.boolean(),
});
export type MinutesActionItem = z.infer<typeof minutesActionItemSchema>;

export const minutesItemSchema = z.object({
  position: z.number().int(),
  section: agendaSectionSchema,
  /** The situation's reference, e.g. RIV-2026-0042: never anything that names a person. */
  reference: text(),
  stageAtOpening: stageSchema,
  /** The stage when the minutes were generated. */
  stage: stageSchema,
  decisions: z.array(minutesDecisionSchema),
  reportBacks: z.array(minutesReportBackSchema),
  actionItems: z.array(minutesActionItemSchema),
});
export type MinutesItem = z.infer<typeof minutesItemSchema>;

/** What is frozen on approval and hashed: the minutes themselves. */
export const minutesContentSchema = z
  .object({
    meeting: z.object({
      id: idSchema,
      tableId: idSchema,
      tableName: text(),
      municipality: text(),
      /** The table's reference prefix, which names the PDF file. */
      referencePrefix: text(),
      /** The table's IANA zone: times are shown in it. */
      timeZone: text(),
      status: meetingStatusSchema,
      scheduledFor: isoDateTime,
      openedAt: isoDateTime.nullable(),
      openedBy: staffRefSchema.nullable(),
      closedAt: isoDateTime.nullable(),
      closedBy: staffRefSchema.nullable(),
    }),
    attendance: z.array(minutesAttendanceSchema),
    /** In agenda order. */
    items: z.array(minutesItemSchema),
    generatedAt: isoDateTime,
  })
  .meta({ id: 'MinutesContent' });
export type MinutesContent = z.infer<typeof minutesContentSchema>;

export const meetingMinutesSchema = z
  .object({
    meetingId: idSchema,
    status: minutesStatusSchema,
    approvedAt: isoDateTime.nullable(),
    approvedBy: staffRefSchema.nullable(),
    /** SHA-256 (hex) of the RFC 8785 canonical JSON of `content`; null while a draft. */
    contentSha256: text()
      .regex(/^[0-9a-f]{64}$/)
      .nullable(),
    content: minutesContentSchema,
  })
  .meta({ id: 'MeetingMinutes' });
export type MeetingMinutes = z.infer<typeof meetingMinutesSchema>;

/** GET /api/meetings/:id/minutes.pdf?lang=en|fr */
export const minutesPdfQuerySchema = z.object({ lang: z.enum(['en', 'fr']).default('en') });

/** The PDF answer, for the OpenAPI document (the body is binary, not JSON). */
export const minutesPdfSchema = text().meta({
  id: 'MinutesPdf',
  description: 'The minutes as a PDF document (application/pdf).',
  format: 'binary',
});

/** The PDF's file name: the table's prefix and the meeting's date, never a personal value. */
export function minutesFileName(referencePrefix: string, meetingDate: string): string {
  const safePrefix = referencePrefix.replace(/[^A-Za-z0-9]/g, '') || 'table';
  return `minutes-${safePrefix}-${meetingDate}.pdf`;
}
