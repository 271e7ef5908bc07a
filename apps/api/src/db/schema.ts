/**
 * Table types for Kysely, kept by hand next to the SQL migrations that define them. Each migration
 * that adds or changes a table updates this file in the same commit; test/db/schema.test.ts checks
 * that every column named here exists in the migrated database.
 */
import type { ColumnType, Generated as KyselyGenerated } from 'kysely';
import type { CodeListName } from '@fourfold/shared/taxonomy';

/** A column the database fills when an insert leaves it out. */
type Generated<T> = KyselyGenerated<T>;
/** A timestamp read as Date, written as Date or ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** Filled by a trigger; never written by the application. */
type TriggerFilled<T> = ColumnType<T, never, never>;

export interface MigrationChecksumTable {
  name: string;
  sha256: string;
  applied_at: GeneratedTimestamp;
}

export interface AgencyTable {
  id: Generated<string>;
  name: string;
  sector: string;
  active: Generated<boolean>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface SituationTableTable {
  id: Generated<string>;
  name: string;
  reference_prefix: string;
  municipality: string;
  meeting_weekday: number | null;
  meeting_time: string | null;
  requires_second_factor: Generated<boolean>;
  active: Generated<boolean>;
  min_risk_factors: Generated<number>;
  /** IANA zone of meeting_weekday/meeting_time, e.g. America/Toronto. */
  time_zone: Generated<string>;
  /** Hours from assignment to the first contact's due time (the 24–48 hour clock). */
  first_contact_hours: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface TableAgencyTable {
  table_id: string;
  agency_id: string;
  joined_at: GeneratedTimestamp;
}

export interface AppUserTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  agency_id: string | null;
  is_administrator: Generated<boolean>;
  active: Generated<boolean>;
  password_hash: string | null;
  password_changed_at: Timestamp | null;
  session_epoch: Generated<number>;
  /** Sealed by the identity vault (key id beside it); plaintext only while the key id is null. */
  totp_secret: string | null;
  totp_secret_key_id: string | null;
  totp_enabled_at: Timestamp | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export type MembershipRole = 'coordinator' | 'agency_rep' | 'analyst' | 'privacy_officer';

/**
 * Whether a membership is in effect (migration 0009_membership_confirmation): only `pending`
 * grants nothing. `migrated` rows existed before confirmation did (and test fixtures use it).
 */
export type MembershipStatus =
  'pending' | 'confirmed' | 'not_required' | 'first_coordinator' | 'migrated';

export interface TableMembershipTable {
  id: Generated<string>;
  table_id: string;
  user_id: string;
  role: MembershipRole;
  status: MembershipStatus;
  requested_by: string | null;
  requested_at: GeneratedTimestamp;
  confirmed_by: string | null;
  confirmed_at: Timestamp | null;
  created_at: GeneratedTimestamp;
}

export interface ConfidentialityAgreementTable {
  id: Generated<string>;
  table_id: string;
  version: number;
  body_en: string;
  body_fr: string;
  created_at: GeneratedTimestamp;
  created_by: string | null;
}

export interface AgreementAcceptanceTable {
  user_id: string;
  agreement_id: string;
  accepted_at: GeneratedTimestamp;
}

export interface RefreshTokenTable {
  id: Generated<string>;
  family_id: string;
  user_id: string;
  token_hash: string;
  second_factor: Generated<boolean>;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  /** The device (device cookie) the session was started from; null before migration 0010. */
  device_id: string | null;
}

export interface LoginAttemptTable {
  id: Generated<string>;
  email_digest: string;
  client_address: string;
  succeeded: boolean;
  attempted_at: GeneratedTimestamp;
  /** The trusted device the attempt came from; null for an untrusted client (no device cookie). */
  device_id: Generated<string | null>;
}

export interface UserLinkTable {
  id: Generated<string>;
  user_id: string;
  purpose: 'invite' | 'reset';
  token_hash: string;
  created_by: string | null;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface RecoveryCodeTable {
  id: Generated<string>;
  user_id: string;
  code_hash: string;
  created_at: GeneratedTimestamp;
  used_at: Timestamp | null;
}

export type AuditDataCategory =
  | 'identity'
  | 'intervention'
  | 'de_identified'
  | 'statistics'
  | 'administration'
  | 'authentication';

export interface AuditEventTable {
  /** bigint: read as a string by node-postgres. */
  id: TriggerFilled<string>;
  occurred_at: TriggerFilled<Date>;
  user_id: string | null;
  agency_id: string | null;
  role: string | null;
  table_id: string | null;
  situation_id: string | null;
  action: string;
  data_category: AuditDataCategory;
  purpose: string | null;
  outcome: 'allowed' | 'denied';
  request_id: string | null;
  prev_hash: TriggerFilled<string>;
  hash: TriggerFilled<string>;
  /** What was acted on, as "kind:identifier" (migration 0007_audit_target); never a value. */
  target: string | null;
}

/** One code of one code list (migration 0004_taxonomy). Codes are retired, never deleted. */
export interface CodeTable {
  list: CodeListName;
  code: string;
  label_en: string;
  label_fr: string;
  sort_order: number;
  /** Risk factors only: the code of their risk category. */
  category_code: string | null;
  /** Generated from category_code, for the foreign key into the risk categories. */
  category_list: ColumnType<'risk_category' | null, never, never>;
  /** Conclusion reasons only. */
  risk_lowered: boolean | null;
  retired_at: Timestamp | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export type StageColumn = 'draft' | 'filter2' | 'rejected' | 'filter3' | 'filter4' | 'closed';

export interface SituationReferenceCounterTable {
  table_id: string;
  year: number;
  last_number: number;
}

export interface SituationTable {
  id: Generated<string>;
  table_id: string;
  reference: string;
  stage: Generated<StageColumn>;
  version: Generated<number>;
  situation_type: string;
  age_band: string;
  gender: string;
  /** Null once destroyed with the identity (free_text_destroyed_at). */
  summary: string | null;
  filter1_agency_exhausted_options: boolean | null;
  filter1_significant_interest: boolean | null;
  filter1_probability_of_harm: boolean | null;
  filter1_severity_of_harm: boolean | null;
  filter1_multiple_agencies_needed: boolean | null;
  originating_agency_id: string;
  created_at: GeneratedTimestamp;
  created_by: string;
  updated_at: GeneratedTimestamp;
  submitted_at: Timestamp | null;
  submitted_by: string | null;
  decided_at: Timestamp | null;
  decided_by: string | null;
  rejection_reason: string | null;
  assigned_at: Timestamp | null;
  assigned_by: string | null;
  lead_agency_id: string | null;
  first_contact_at: Timestamp | null;
  first_contact_outcome: 'engaged' | 'declined' | 'not_located' | null;
  first_contact_recorded_by: string | null;
  closed_at: Timestamp | null;
  closed_by: string | null;
  conclusion_reason: string | null;
  /** Why it was concluded with no first contact (code list no_contact_reason). */
  no_contact_reason: string | null;
  identity_destroyed_at: Timestamp | null;
  free_text_destroyed_at: Timestamp | null;
  names_confirmed_digest: string | null;
  /**
   * Derived, kept by triggers (migration 0018) for the lists to sort and filter by index: the
   * number of risk_factor codes, and the due time of the first-contact action item. Never written
   * by the application.
   */
  risk_factor_count: ColumnType<number, never, never>;
  first_contact_due_at: ColumnType<Date | null, never, never>;
}

export interface SituationCodeTable {
  situation_id: string;
  list: 'risk_factor' | 'protective_factor' | 'study_flag';
  code: string;
}

export interface SituationAgencyPresentTable {
  situation_id: string;
  agency_id: string;
  involved: boolean | null;
  declared_at: Timestamp | null;
  declared_by: string | null;
}

export interface SituationAssistingAgencyTable {
  situation_id: string;
  agency_id: string;
}

export interface SituationIdentityTable {
  situation_id: string;
  key_id: string;
  sealed: string;
  updated_at: GeneratedTimestamp;
  updated_by: string;
}

export interface InterventionNoteTable {
  id: Generated<string>;
  situation_id: string;
  agency_id: string;
  author_id: string;
  key_id: string;
  sealed: string;
  created_at: GeneratedTimestamp;
}

export type MeetingStatus = 'scheduled' | 'open' | 'closed' | 'cancelled';

export interface MeetingTable {
  id: Generated<string>;
  table_id: string;
  scheduled_for: Timestamp;
  status: Generated<MeetingStatus>;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  created_by: string;
  opened_at: Timestamp | null;
  opened_by: string | null;
  closed_at: Timestamp | null;
  closed_by: string | null;
  current_item_id: string | null;
}

export type AgendaSection = 'report_back' | 'new' | 'ready_to_close';

export interface MeetingAgendaItemTable {
  id: Generated<string>;
  meeting_id: string;
  situation_id: string;
  section: AgendaSection;
  position: number;
  stage_at_opening: StageColumn;
  added_at: GeneratedTimestamp;
  discussed_at: Timestamp | null;
}

export interface MeetingAttendanceTable {
  meeting_id: string;
  agency_id: string;
  status: 'present' | 'apologies' | 'absent';
  representative_user_id: string | null;
  recorded_at: GeneratedTimestamp;
  recorded_by: string;
}

export type MeetingDecisionKind =
  'accepted' | 'rejected' | 'involvement' | 'assigned' | 'concluded' | 'report_back';

export interface MeetingDecisionTable {
  id: Generated<string>;
  meeting_id: string;
  situation_id: string;
  kind: MeetingDecisionKind;
  agency_id: string | null;
  involved: boolean | null;
  rejection_reason: string | null;
  conclusion_reason: string | null;
  no_contact_reason: string | null;
  lead_agency_id: string | null;
  assisting_agency_ids: ColumnType<string[], string[] | undefined, string[]>;
  decided_at: GeneratedTimestamp;
  decided_by: string;
}

export interface MeetingEventTable {
  /** bigserial: pg returns it as a string. */
  seq: ColumnType<string, never, never>;
  meeting_id: string;
  kind: string;
  situation_id: string | null;
  agenda_item_id: string | null;
  created_at: GeneratedTimestamp;
}

export interface MeetingMinutesTable {
  meeting_id: string;
  content: ColumnType<unknown, string, string>;
  content_sha256: string;
  approved_at: GeneratedTimestamp;
  approved_by: string;
}

export type ActionItemStatus = 'open' | 'done' | 'cancelled';

export interface ActionItemTable {
  id: Generated<string>;
  situation_id: string;
  table_id: string;
  owner_agency_id: string;
  kind: Generated<'first_contact' | 'task'>;
  /** Null once destroyed with the situation's other free text. */
  description: string | null;
  due_at: Timestamp;
  status: Generated<ActionItemStatus>;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  created_by: string;
  created_in_meeting_id: string | null;
  status_changed_at: Timestamp | null;
  status_changed_by: string | null;
  overdue_notified_at: Timestamp | null;
}

export interface ReportBackTable {
  id: Generated<string>;
  situation_id: string;
  agency_id: string;
  meeting_id: string | null;
  /** Null once destroyed with the situation's other free text. */
  status_update: string | null;
  created_at: GeneratedTimestamp;
  created_by: string;
}

/** A keyed hash of one person's normalised names and date of birth (migration 0014_repeats). */
export interface SituationFingerprintTable {
  situation_id: string;
  table_id: string;
  /** HMAC-SHA256 with REPEAT_KEY, hex; never shown, never logged. */
  fingerprint: string;
  recorded_at: GeneratedTimestamp;
  expires_at: Timestamp;
}

/** A detected repeat: `situation_id` repeats `earlier_situation_id` (migration 0014_repeats). */
export interface SituationRepeatTable {
  situation_id: string;
  earlier_situation_id: string;
  detected_at: GeneratedTimestamp;
}

/** One de-identified row per discussed situation (migrations/0015_statistics.sql). */
export interface SituationFactTable {
  situation_id: string;
  table_id: string;
  /** First day of the month, as `YYYY-MM-DD` (a date column read as text). */
  period: ColumnType<string, string, string>;
  situation_type: string;
  age_band: string;
  gender: string;
  outcome: 'accepted' | 'rejected';
  rejection_reason: string | null;
  originating_sector: string;
  lead_sector: string | null;
  assisting_sectors: ColumnType<string[], string[] | undefined, string[]>;
  risk_factors: ColumnType<string[], string[] | undefined, string[]>;
  risk_categories: ColumnType<string[], string[] | undefined, string[]>;
  protective_factors: ColumnType<string[], string[] | undefined, string[]>;
  study_flags: ColumnType<string[], string[] | undefined, string[]>;
  conclusion_reason: string | null;
  risk_lowered: boolean | null;
  days_to_first_contact: number | null;
  first_contact_within_target: boolean | null;
  days_open: number | null;
  is_repeat: Generated<boolean>;
}

/** The rollup the summary reads: a true count, its seed and its rounded value. */
export interface StatsCellTable {
  table_id: string;
  period: ColumnType<string, string, string>;
  dimension: string;
  key: string;
  n: number;
  seed: Generated<number>;
  rounded: TriggerFilled<number>;
}

/** The sum of stats_cell over every table, kept by triggers (migrations/0016_statistics_rollup.sql). */
export interface StatsCellTotalTable {
  period: ColumnType<string, string, string>;
  dimension: string;
  key: string;
  n: number;
  rounded: number;
}

export type NotificationKindColumn =
  'lead_assigned' | 'assisting_assigned' | 'action_item_assigned' | 'action_item_overdue';

export type NotificationEmailStatus = 'pending' | 'sent' | 'failed' | 'skipped';

/** Migration 0013_notifications. */
export interface NotificationTable {
  id: Generated<string>;
  user_id: string;
  kind: NotificationKindColumn;
  table_id: string;
  situation_id: string;
  /** No foreign key: action_item arrives in migration 0012 on another branch. */
  action_item_id: string | null;
  due_at: Timestamp | null;
  created_at: GeneratedTimestamp;
  read_at: Timestamp | null;
  email_status: Generated<NotificationEmailStatus>;
  emailed_at: Timestamp | null;
  email_attempts: Generated<number>;
  email_locked_until: Timestamp | null;
}

export interface DB {
  migration_checksum: MigrationChecksumTable;
  agency: AgencyTable;
  situation_table: SituationTableTable;
  table_agency: TableAgencyTable;
  app_user: AppUserTable;
  table_membership: TableMembershipTable;
  confidentiality_agreement: ConfidentialityAgreementTable;
  agreement_acceptance: AgreementAcceptanceTable;
  refresh_token: RefreshTokenTable;
  login_attempt: LoginAttemptTable;
  user_link: UserLinkTable;
  recovery_code: RecoveryCodeTable;
  audit_event: AuditEventTable;
  situation_reference_counter: SituationReferenceCounterTable;
  situation: SituationTable;
  situation_code: SituationCodeTable;
  situation_agency_present: SituationAgencyPresentTable;
  situation_assisting_agency: SituationAssistingAgencyTable;
  situation_identity: SituationIdentityTable;
  intervention_note: InterventionNoteTable;
  situation_fingerprint: SituationFingerprintTable;
  situation_repeat: SituationRepeatTable;
  code: CodeTable;
  meeting: MeetingTable;
  meeting_agenda_item: MeetingAgendaItemTable;
  meeting_attendance: MeetingAttendanceTable;
  meeting_decision: MeetingDecisionTable;
  meeting_event: MeetingEventTable;
  meeting_minutes: MeetingMinutesTable;
  action_item: ActionItemTable;
  report_back: ReportBackTable;
  notification: NotificationTable;
  situation_fact: SituationFactTable;
  stats_cell: StatsCellTable;
  stats_cell_total: StatsCellTotalTable;
}
