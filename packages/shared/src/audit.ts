/**
 * The privacy officer's view of the audit log: the contract between the audit screens and
 * /api/audit/*. Events name staff (who acted, for which agency, on which table) and never carry a
 * value about the person a situation concerns; hashes stay inside the API.
 */
import { z } from 'zod';
import { idSchema, text } from './input';

export const auditDataCategories = [
  'identity',
  'intervention',
  'de_identified',
  'statistics',
  'administration',
  'authentication',
] as const;
export const auditDataCategorySchema = z.enum(auditDataCategories);
export type AuditDataCategory = z.infer<typeof auditDataCategorySchema>;

export const auditOutcomes = ['allowed', 'denied'] as const;
export const auditOutcomeSchema = z.enum(auditOutcomes);
export type AuditOutcome = z.infer<typeof auditOutcomeSchema>;

/** The same rule as the audit_event.action check constraint (migrations/0003_audit_log.sql). */
export const AUDIT_ACTION_PATTERN = /^[a-z][a-zA-Z0-9_.]{2,99}$/;

/** Human situation references such as RIV-2026-0042: table prefix, year, number. */
export const SITUATION_REFERENCE_PATTERN = /^[A-Z]{2,6}-\d{4}-\d{4,6}$/;
/** A situation reference as people type it: any case, spaces around it forgiven. */
const situationReferenceSchema = text()
  .trim()
  .toUpperCase()
  .regex(SITUATION_REFERENCE_PATTERN, { message: 'Use a reference such as RIV-2026-0042.' });

/**
 * Every action the audit log records, grouped as the audit screens offer them. The API can record
 * no other (`AuditAction` types its recorder), and the screens have words for each, in English and
 * French. A refused request is recorded under the permission it lacked, so every permission of
 * the access policy is an action too (a shared test holds the two lists together).
 */
export const auditActionGroups = {
  authentication: [
    'auth.login',
    'auth.login.recovery_code',
    'auth.logout',
    'auth.token',
    'auth.refresh.reuse',
    'auth.password.change',
    'auth.second_factor.setup',
    'auth.second_factor.enable',
    'auth.second_factor.disable',
    'auth.recovery_codes.regenerate',
    'auth.link.inspect',
    'auth.link.complete',
    'auth.totp_secrets.reseal',
  ],
  situations: [
    'situation.create',
    'situation.update',
    'situation.summary.names_confirm',
    'situation.submit',
    'situation.decide',
    'situation.involvement.declare',
    'situation.assign',
    'situation.contact.record',
    'situation.close',
    'situation.identity.update',
    'situation.identity.view',
    'situation.identity.destroy',
    'situation.identity.purge',
    'situation.identity.rekey',
    'situation.repeat.detect',
    'situation.repeat.withdraw',
    'situation.repeat.fingerprint_expire',
    'situation.note.create',
    'situation.note.view',
    'situation.viewDeidentified',
    'situation.editDraft',
    'situation.viewIdentity',
    'situation.editIdentity',
    'situation.present',
    'situation.declareInvolvement',
    'situation.readNotes',
    'situation.writeNotes',
    'situation.recordContact',
    'table.view',
    'meeting.run',
    'agreement.accept',
    'situation.manageActions',
    'situation.reportBack',
    'situation.action_item.create',
    'situation.action_item.update',
    'situation.report_back.create',
    'notification.read',
    'notification.read_all',
  ],
  meetings: [
    'meeting.view',
    'meeting.schedule',
    'meeting.update',
    'meeting.cancel',
    'meeting.open',
    'meeting.close',
    'meeting.attendance.record',
    'meeting.agenda.reorder',
    'meeting.agenda.refresh',
    'meeting.current_item.set',
    'meeting.minutes.approve',
    'meeting.minutes.download',
  ],
  statistics: ['statistics.read', 'statistics.export'],
  audit: ['audit.read', 'audit.search', 'audit.accessReport', 'audit.personReport', 'audit.verify'],
  administration: [
    'admin.manage',
    'admin.agency.create',
    'admin.agency.update',
    'admin.agency.deactivate',
    'admin.agency.reactivate',
    'admin.table.create',
    'admin.table.update',
    'admin.table.deactivate',
    'admin.table.reactivate',
    'admin.table.agency.add',
    'admin.table.agency.remove',
    'admin.table.agreement.publish',
    'admin.user.create',
    'admin.user.update',
    'admin.user.email_change',
    'admin.user.deactivate',
    'admin.user.reactivate',
    'admin.user.invite',
    'admin.user.reset_link',
    'admin.membership.add',
    'admin.membership.update',
    'admin.membership.remove',
    'membership.review',
    'membership.confirm',
    'membership.decline',
    'admin.code.create',
    'admin.code.update',
    'admin.code.retire',
    'admin.code.reinstate',
  ],
} as const;
export type AuditActionGroup = keyof typeof auditActionGroups;
export type AuditAction = (typeof auditActionGroups)[AuditActionGroup][number];
export const auditActions: readonly AuditAction[] = Object.values(auditActionGroups).flat();

/** The actions of administration, without their `admin.` prefix (as its services name them). */
export type AdminAuditAction = AuditAction extends infer A
  ? A extends `admin.${infer Rest}`
    ? Rest
    : never
  : never;

/** The actions the audit screens read the log with; each call records one of these. */
export const auditReadActions = {
  search: 'audit.search',
  accessReport: 'audit.accessReport',
  personReport: 'audit.personReport',
  verify: 'audit.verify',
} as const satisfies Record<string, AuditAction>;

export const AUDIT_PAGE_MAX = 200;
export const AUDIT_PAGE_DEFAULT = 50;

const isoDateTime = z.iso.datetime({ offset: true });
const BIGINT_MAX = 2n ** 63n - 1n;

// ---------------------------------------------------------------------------------------------
// Searching the log

export const auditEventQuerySchema = z
  .object({
    /** One of the tables where the caller is privacy officer; without it, all of them. */
    tableId: idSchema.optional(),
    situationId: idSchema.optional(),
    /**
     * The situation by the reference people use (RIV-2026-0042), instead of its id. Resolved
     * within the tables the caller may audit: a reference outside them, or of no situation,
     * finds no events (never an error that would tell the two apart).
     */
    situationReference: situationReferenceSchema.optional(),
    userId: idSchema.optional(),
    agencyId: idSchema.optional(),
    action: text().regex(AUDIT_ACTION_PATTERN, { message: 'Not an action code.' }).optional(),
    outcome: auditOutcomeSchema.optional(),
    dataCategory: auditDataCategorySchema.optional(),
    /** Events at or after this instant. */
    from: isoDateTime.optional(),
    /** Events before this instant. */
    to: isoDateTime.optional(),
    /** The `nextCursor` of the previous page, as given: opaque. */
    cursor: text()
      .regex(/^[1-9]\d{0,18}$/, { message: 'Not a cursor from a previous page.' })
      // An event id is a PostgreSQL bigint: nineteen digits can still be out of its range.
      .refine(
        (cursor) => !/^\d+$/.test(cursor) || BigInt(cursor) <= BIGINT_MAX,
        'Not a cursor from a previous page.',
      )
      .optional(),
    limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(AUDIT_PAGE_DEFAULT),
  })
  .refine((q) => !q.from || !q.to || new Date(q.from) < new Date(q.to), {
    message: '`from` must be before `to`.',
    path: ['to'],
  })
  .refine((q) => !q.situationId || !q.situationReference, {
    message: 'Give the situation by `situationId` or by `situationReference`, not both.',
    path: ['situationReference'],
  });
export type AuditEventQuery = z.input<typeof auditEventQuerySchema>;

const userRefSchema = z.object({ id: idSchema, displayName: text().nullable() });
const agencyRefSchema = z.object({ id: idSchema, name: text().nullable() });
const tableRefSchema = z.object({ id: idSchema, name: text().nullable() });

export const auditEventSchema = z
  .object({
    /** Position in the log: later events have larger ids. */
    id: text(),
    occurredAt: isoDateTime,
    /** The staff member who acted; null for requests without a valid sign-in. */
    user: userRefSchema.nullable(),
    /** The agency they acted for, as recorded at the time. */
    agency: agencyRefSchema.nullable(),
    /** Their role on the table at the time (e.g. agency_rep), when the event concerns a table. */
    role: text().nullable(),
    table: tableRefSchema.nullable(),
    situationId: idSchema.nullable(),
    /** A permission (situation.viewIdentity) or an event code (auth.login, audit.search). */
    action: text(),
    dataCategory: auditDataCategorySchema,
    purpose: text().nullable(),
    outcome: auditOutcomeSchema,
    /** The API request id, to find the request in the logs. */
    requestId: text().nullable(),
    /**
     * What an administration event changed when no table says it, as "kind:identifier"
     * ("agency:<uuid>", "user:<uuid>", "code:<list>/<code>"); null otherwise.
     */
    target: text().nullable(),
    /** The name of the user or agency `target` names, as it is now; null for anything else. */
    targetName: text().nullable(),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditEventPageSchema = z
  .object({
    /** Newest first. */
    items: z.array(auditEventSchema),
    /** Pass as `cursor` for the next (older) page; null on the last page. */
    nextCursor: text().nullable(),
  })
  .meta({ id: 'AuditEventPage' });
export type AuditEventPage = z.infer<typeof auditEventPageSchema>;

// ---------------------------------------------------------------------------------------------
// Every access to one situation

export const situationAccessParamsSchema = z.object({ situationId: idSchema });

export const accessSummarySchema = z.object({
  user: userRefSchema.nullable(),
  agency: agencyRefSchema.nullable(),
  firstAccessAt: isoDateTime,
  lastAccessAt: isoDateTime,
  /** Allowed events of this person on the situation. */
  allowedCount: z.number().int(),
  deniedCount: z.number().int(),
  /** Allowed views or edits of identifying information. */
  identityViewCount: z.number().int(),
  /** Allowed reads or writes of intervention notes. */
  interventionReadCount: z.number().int(),
});
export type AccessSummary = z.infer<typeof accessSummarySchema>;

export const SITUATION_REPORT_MAX_EVENTS = 5000;

export const situationAccessReportSchema = z
  .object({
    situationId: idSchema,
    tables: z.array(tableRefSchema),
    /** Oldest first. */
    events: z.array(auditEventSchema),
    /** True when the situation has more events than one report lists (the summary counts all). */
    truncated: z.boolean(),
    /** One line per person and agency, over every event of the situation. */
    summary: z.array(accessSummarySchema),
  })
  .meta({ id: 'SituationAccessReport' });
export type SituationAccessReport = z.infer<typeof situationAccessReportSchema>;

// ---------------------------------------------------------------------------------------------
// "Who has seen my information": the report a privacy officer can send to the person

export const personReportQuerySchema = z.object({ reference: situationReferenceSchema });
export type PersonReportQuery = z.input<typeof personReportQuerySchema>;

export const personReportCategorySchema = z.enum(['identity', 'intervention']);

export const personReportSchema = z
  .object({
    reference: text(),
    table: tableRefSchema,
    generatedAt: isoDateTime,
    /** Each time identifying information or intervention notes were seen, oldest first. */
    accesses: z.array(
      z.object({
        occurredAt: isoDateTime,
        agency: agencyRefSchema.nullable(),
        role: text().nullable(),
        action: text(),
        dataCategory: personReportCategorySchema,
      }),
    ),
    /** One line per agency. */
    byAgency: z.array(
      z.object({
        agency: agencyRefSchema.nullable(),
        identityCount: z.number().int(),
        interventionCount: z.number().int(),
        firstAt: isoDateTime,
        lastAt: isoDateTime,
      }),
    ),
  })
  .meta({ id: 'PersonAccessReport' });
export type PersonReport = z.infer<typeof personReportSchema>;

// ---------------------------------------------------------------------------------------------
// Verifying the chain

export const auditVerificationSchema = z
  .object({
    intact: z.boolean(),
    /** Events verified (before the first broken one, if any). */
    checked: z.number().int(),
    firstBrokenId: text().optional(),
    problem: z.enum(['hash_mismatch', 'broken_link']).optional(),
  })
  .meta({ id: 'AuditVerification' });
export type AuditVerification = z.infer<typeof auditVerificationSchema>;
