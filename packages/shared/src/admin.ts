/**
 * Administration: agencies, situation tables (member agencies, confidentiality agreement), users
 * and table memberships. The contract between the administration screens and /api/admin/*. None
 * of these answers carries situation content: administrators manage who may see, never what.
 */
import { z } from 'zod';
import { idSchema, text } from './input';

/** A code's position in its list: far beyond any real list, well inside a database integer. */
export const CODE_POSITION_MAX = 10_000;
import { roleSchema } from './policy-schemas';
import { emailSchema } from './auth';
import { bilingualLabelSchema, codeListNameSchema, codeSchema } from './taxonomy';

/** How long an invitation or password-reset link stays usable. */
export const LINK_TTL_HOURS = 72;

/** The page of the web app that a one-time link opens; the token travels in the fragment. */
export const SET_PASSWORD_PATH = '/set-password';

const nameSchema = text().trim().min(2).max(200);
const isoDateTime = z.iso.datetime();

/** An update must change something: an empty body is refused rather than audited as a no-op. */
const notEmpty = (value: object) => Object.values(value).some((field) => field !== undefined);
const NOTHING_TO_CHANGE = { message: 'Give at least one field to change.' };

export const tableRefSchema = z.object({ id: idSchema, name: text() });
export const agencyRefSchema = z.object({ id: idSchema, name: text() });

// ---------------------------------------------------------------------------------------------
// Agencies

export const adminAgencySchema = z
  .object({
    id: idSchema,
    name: text(),
    /** A code of the `sector` list; GET /api/taxonomy has its labels. */
    sector: text(),
    active: z.boolean(),
    /** The situation tables the agency sits on. */
    tables: z.array(tableRefSchema),
    activeUserCount: z.number().int(),
  })
  .meta({ id: 'AdminAgency' });
export type AdminAgency = z.infer<typeof adminAgencySchema>;

export const adminAgencyListSchema = z
  .object({ items: z.array(adminAgencySchema) })
  .meta({ id: 'AdminAgencyList' });
export type AdminAgencyList = z.infer<typeof adminAgencyListSchema>;

export const agencyCreateSchema = z
  .object({ name: nameSchema, sector: codeSchema })
  .meta({ id: 'AdminAgencyCreate' });
export type AgencyCreate = z.infer<typeof agencyCreateSchema>;

export const agencyUpdateSchema = z
  .object({ name: nameSchema.optional(), sector: codeSchema.optional() })
  .refine(notEmpty, NOTHING_TO_CHANGE)
  .meta({ id: 'AdminAgencyUpdate' });
export type AgencyUpdate = z.infer<typeof agencyUpdateSchema>;

// ---------------------------------------------------------------------------------------------
// Situation tables

export const REFERENCE_PREFIX_PATTERN = /^[A-Z]{2,6}$/;
/** 24-hour clock, HH:MM. */
export const MEETING_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

const referencePrefixSchema = text().trim().regex(REFERENCE_PREFIX_PATTERN, {
  message: 'Use 2 to 6 capital letters.',
});
const municipalitySchema = text().trim().min(1).max(200);
/** ISO weekday: 1 = Monday … 7 = Sunday. */
const weekdaySchema = z.number().int().min(1).max(7);
const meetingTimeSchema = text().regex(MEETING_TIME_PATTERN, { message: 'Use HH:MM.' });
/**
 * How many risk factors a situation needs before it can be presented at the table (filter 2):
 * two by default, the table's own choice between 1 and 20 (the database allows no more).
 */
export const MIN_RISK_FACTORS_RANGE = { min: 1, max: 20, default: 2 } as const;
const minRiskFactorsSchema = z
  .number()
  .int()
  .min(MIN_RISK_FACTORS_RANGE.min)
  .max(MIN_RISK_FACTORS_RANGE.max);

/**
 * Hours from the assignment of lead and assisting agencies to the first contact's due time: the
 * 24–48 hour clock, 48 unless the table sets otherwise (the database allows 1 to two weeks).
 */
export const FIRST_CONTACT_HOURS_RANGE = { min: 1, max: 336, default: 48 } as const;
const firstContactHoursSchema = z
  .number()
  .int()
  .min(FIRST_CONTACT_HOURS_RANGE.min)
  .max(FIRST_CONTACT_HOURS_RANGE.max);

/** The zones of Canada's tables, offered first; any IANA zone the runtime knows is accepted. */
export const CANADIAN_TIME_ZONES = [
  'America/St_Johns',
  'America/Halifax',
  'America/Moncton',
  'America/Toronto',
  'America/Winnipeg',
  'America/Regina',
  'America/Edmonton',
  'America/Vancouver',
  'America/Whitehorse',
] as const;
export const DEFAULT_TIME_ZONE = 'America/Toronto';

/** Whether the runtime's time-zone database knows the zone (as PostgreSQL and luxon must). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
const timeZoneSchema = text()
  .trim()
  .min(1)
  .max(64)
  .refine(isKnownTimeZone, { message: 'Use an IANA time zone such as America/Toronto.' });

export const adminTableSchema = z
  .object({
    id: idSchema,
    name: text(),
    referencePrefix: text(),
    municipality: text(),
    meetingWeekday: weekdaySchema.nullable(),
    meetingTime: text().nullable(),
    requiresSecondFactor: z.boolean(),
    /** Risk factors a situation needs before it is presented. */
    minRiskFactors: z.number().int(),
    /** The IANA zone of the meeting day and time. */
    timeZone: text(),
    /** Hours from assignment to the first contact's due time. */
    firstContactHours: z.number().int(),
    active: z.boolean(),
    /** The member agencies. */
    agencies: z.array(
      z.object({ id: idSchema, name: text(), sector: text(), active: z.boolean() }),
    ),
    memberCount: z.number().int(),
    /** The latest published version of the confidentiality agreement; null before the first. */
    agreementVersion: z.number().int().nullable(),
  })
  .meta({ id: 'AdminTable' });
export type AdminTable = z.infer<typeof adminTableSchema>;

export const adminTableListSchema = z
  .object({ items: z.array(adminTableSchema) })
  .meta({ id: 'AdminTableList' });
export type AdminTableList = z.infer<typeof adminTableListSchema>;

export const tableCreateSchema = z
  .object({
    name: nameSchema,
    referencePrefix: referencePrefixSchema,
    municipality: municipalitySchema,
    meetingWeekday: weekdaySchema.nullable().optional(),
    meetingTime: meetingTimeSchema.nullable().optional(),
    requiresSecondFactor: z.boolean().optional(),
    minRiskFactors: minRiskFactorsSchema.optional(),
    timeZone: timeZoneSchema.optional(),
    firstContactHours: firstContactHoursSchema.optional(),
  })
  .meta({ id: 'AdminTableCreate' });
export type TableCreate = z.infer<typeof tableCreateSchema>;

export const tableUpdateSchema = z
  .object({
    name: nameSchema.optional(),
    referencePrefix: referencePrefixSchema.optional(),
    municipality: municipalitySchema.optional(),
    meetingWeekday: weekdaySchema.nullable().optional(),
    meetingTime: meetingTimeSchema.nullable().optional(),
    requiresSecondFactor: z.boolean().optional(),
    minRiskFactors: minRiskFactorsSchema.optional(),
    timeZone: timeZoneSchema.optional(),
    firstContactHours: firstContactHoursSchema.optional(),
  })
  .refine(notEmpty, NOTHING_TO_CHANGE)
  .meta({ id: 'AdminTableUpdate' });
export type TableUpdate = z.infer<typeof tableUpdateSchema>;

export const tableAgencyAddSchema = z
  .object({ agencyId: idSchema })
  .meta({ id: 'AdminTableAgencyAdd' });
export type TableAgencyAdd = z.infer<typeof tableAgencyAddSchema>;

// ---------------------------------------------------------------------------------------------
// Confidentiality agreements

export const AGREEMENT_MAX_LENGTH = 20_000;
const agreementBodySchema = text().trim().min(1).max(AGREEMENT_MAX_LENGTH);

export const adminAgreementSchema = z
  .object({
    version: z.number().int(),
    bodyEn: text(),
    bodyFr: text(),
    publishedAt: isoDateTime,
    /** How many current members of the table accepted this version. */
    acceptedCount: z.number().int(),
  })
  .meta({ id: 'AdminAgreement' });
export type AdminAgreement = z.infer<typeof adminAgreementSchema>;

export const adminAgreementListSchema = z
  .object({ items: z.array(adminAgreementSchema) })
  .meta({ id: 'AdminAgreementList' });
export type AdminAgreementList = z.infer<typeof adminAgreementListSchema>;

export const agreementPublishSchema = z
  .object({ bodyEn: agreementBodySchema, bodyFr: agreementBodySchema })
  .meta({ id: 'AdminAgreementPublish' });
export type AgreementPublish = z.infer<typeof agreementPublishSchema>;

// ---------------------------------------------------------------------------------------------
// Table memberships

/**
 * Whether a membership is in effect: `pending` grants nothing until a second person confirms it;
 * `confirmed` was; `not_required` is an analyst's (no identity, no confirming); `first_coordinator`
 * is a table's very first coordinator when nobody could confirm; `migrated` predates confirmation.
 */
export const membershipStatuses = [
  'pending',
  'confirmed',
  'not_required',
  'first_coordinator',
  'migrated',
] as const;
export const membershipStatusSchema = z.enum(membershipStatuses);
export type MembershipStatus = z.infer<typeof membershipStatusSchema>;

export const staffRefSchema = z.object({ id: idSchema, displayName: text() });
export type StaffRef = z.infer<typeof staffRefSchema>;

/** A staff reference from a left-joined person's id and name: null where nobody is joined. */
export function staffRefOf(id: string | null, displayName: string | null): StaffRef | null {
  return id && displayName ? { id, displayName } : null;
}

export const adminMemberSchema = z
  .object({
    user: z.object({
      id: idSchema,
      displayName: text(),
      email: text(),
      active: z.boolean(),
    }),
    agency: agencyRefSchema.nullable(),
    role: roleSchema,
    status: membershipStatusSchema,
    /** The administrator who asked for the membership (or its last role change). */
    requestedBy: staffRefSchema.nullable(),
    requestedAt: isoDateTime,
    /** The second person who confirmed it; null unless `status` is `confirmed`. */
    confirmedBy: staffRefSchema.nullable(),
    /** When it took effect; null while pending. */
    confirmedAt: isoDateTime.nullable(),
    /** The highest version of this table's agreement the member accepted; null if none. */
    acceptedVersion: z.number().int().nullable(),
    since: isoDateTime,
  })
  .meta({ id: 'AdminMember' });
export type AdminMember = z.infer<typeof adminMemberSchema>;

export const adminMemberListSchema = z
  .object({ items: z.array(adminMemberSchema) })
  .meta({ id: 'AdminMemberList' });
export type AdminMemberList = z.infer<typeof adminMemberListSchema>;

export const memberAddSchema = z
  .object({ userId: idSchema, role: roleSchema })
  .meta({ id: 'AdminMemberAdd' });
export type MemberAdd = z.infer<typeof memberAddSchema>;

export const memberUpdateSchema = z.object({ role: roleSchema }).meta({ id: 'AdminMemberUpdate' });
export type MemberUpdate = z.infer<typeof memberUpdateSchema>;

// ---------------------------------------------------------------------------------------------
// Users

export const linkPurposeSchema = z.enum(['invite', 'reset']);
export type LinkPurpose = z.infer<typeof linkPurposeSchema>;

export const adminUserSchema = z
  .object({
    id: idSchema,
    email: text(),
    displayName: text(),
    agency: agencyRefSchema.nullable(),
    isAdministrator: z.boolean(),
    active: z.boolean(),
    /** False until the person sets a first password from their invitation link. */
    passwordSet: z.boolean(),
    secondFactorEnabled: z.boolean(),
    memberships: z.array(
      z.object({ table: tableRefSchema, role: roleSchema, status: membershipStatusSchema }),
    ),
    /** Links issued and not yet used or expired (the token itself is never shown again). */
    pendingLinks: z.array(z.object({ purpose: linkPurposeSchema, expiresAt: isoDateTime })),
    createdAt: isoDateTime,
  })
  .meta({ id: 'AdminUser' });
export type AdminUser = z.infer<typeof adminUserSchema>;

export const USERS_PAGE_SIZE_MAX = 100;

export const userListQuerySchema = z.object({
  agencyId: idSchema.optional(),
  tableId: idSchema.optional(),
  active: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(USERS_PAGE_SIZE_MAX).default(25),
});
export type UserListQuery = z.input<typeof userListQuerySchema>;

export const adminUserListSchema = z
  .object({
    items: z.array(adminUserSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'AdminUserList' });
export type AdminUserList = z.infer<typeof adminUserListSchema>;

const displayNameSchema = text().trim().min(1).max(200);

export const userCreateSchema = z
  .object({
    email: emailSchema,
    displayName: displayNameSchema,
    /** Required unless the user is an administrator. */
    agencyId: idSchema.nullable().optional(),
    isAdministrator: z.boolean().optional(),
  })
  .meta({ id: 'AdminUserCreate' });
export type UserCreate = z.infer<typeof userCreateSchema>;

export const userUpdateSchema = z
  .object({
    /** A new address: the old one and the new one are both told, by e-mail. */
    email: emailSchema.optional(),
    displayName: displayNameSchema.optional(),
    agencyId: idSchema.nullable().optional(),
    isAdministrator: z.boolean().optional(),
  })
  .refine(notEmpty, NOTHING_TO_CHANGE)
  .meta({ id: 'AdminUserUpdate' });
export type UserUpdate = z.infer<typeof userUpdateSchema>;

/**
 * How a one-time link went out: only to the person, by e-mail. Its secret never reaches the
 * administrator, so an administrator cannot set another person's password. `sentTo` is the
 * address with most of its local part hidden; `delivery` says whether a mail server took the
 * message (`smtp`) or, without SMTP_URL, it was written to the server's outbox folder (`outbox`).
 */
export const userLinkSchema = z
  .object({
    purpose: linkPurposeSchema,
    sentTo: text(),
    delivery: z.enum(['smtp', 'outbox']),
    expiresAt: isoDateTime,
  })
  .meta({ id: 'AdminUserLink' });
export type UserLink = z.infer<typeof userLinkSchema>;

export const userCreatedSchema = z
  .object({ user: adminUserSchema, link: userLinkSchema })
  .meta({ id: 'AdminUserCreated' });
export type UserCreated = z.infer<typeof userCreatedSchema>;

// ---------------------------------------------------------------------------------------------
// Code lists: administrators add codes, relabel them, put them in order and retire them. A code
// itself never changes and is never deleted: situations and statistics keep referring to it.

export const CODE_LABEL_MAX_LENGTH = 300;
const codeLabelTextSchema = text().trim().min(1).max(CODE_LABEL_MAX_LENGTH);

export const adminCodeSchema = z
  .object({
    list: codeListNameSchema,
    code: codeSchema,
    label: bilingualLabelSchema,
    /** 1-based place in the list (risk factors: within their category), as forms offer them. */
    position: z.number().int().min(1).max(CODE_POSITION_MAX),
    /** Risk factors only: their risk category. */
    categoryCode: codeSchema.nullable(),
    /** Conclusion reasons only: whether concluding with it means the overall risk was lowered. */
    riskLowered: z.boolean().nullable(),
    retiredAt: isoDateTime.nullable(),
    updatedAt: isoDateTime,
  })
  .meta({ id: 'AdminCode' });
export type AdminCode = z.infer<typeof adminCodeSchema>;

export const adminCodeListSchema = z
  .object({ list: codeListNameSchema, items: z.array(adminCodeSchema) })
  .meta({ id: 'AdminCodeList' });
export type AdminCodeList = z.infer<typeof adminCodeListSchema>;

export const codeCreateSchema = z
  .object({
    /** Lowercase letters, digits, "_" and "."; a risk factor's starts with "<category>.". */
    code: codeSchema,
    label: z.object({ en: codeLabelTextSchema, fr: codeLabelTextSchema }),
    /** Required for a risk factor, refused for any other list. */
    categoryCode: codeSchema.optional(),
    /** Required for a conclusion reason, refused for any other list. */
    riskLowered: z.boolean().optional(),
  })
  .meta({ id: 'AdminCodeCreate' });
export type CodeCreate = z.infer<typeof codeCreateSchema>;

export const codeUpdateSchema = z
  .object({
    label: z
      .object({ en: codeLabelTextSchema.optional(), fr: codeLabelTextSchema.optional() })
      .refine(notEmpty, NOTHING_TO_CHANGE)
      .optional(),
    /** Moves the code to this 1-based place (risk factors: within their category). */
    position: z.number().int().min(1).max(CODE_POSITION_MAX).optional(),
  })
  .refine(notEmpty, NOTHING_TO_CHANGE)
  .meta({ id: 'AdminCodeUpdate' });
export type CodeUpdate = z.infer<typeof codeUpdateSchema>;
