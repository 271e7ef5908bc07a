/**
 * The minutes' reads and the one write. De-identified by construction: every query names its
 * columns, and none of them reads `situation.summary`, `situation_identity` or
 * `intervention_note` — from a situation only its reference and stage are selected. The free text
 * read is an action item's description and a report-back's status update, both checked by the
 * personal-data guard when typed and destroyed with the situation's other free text.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';

/** The meeting and its table (for the access check and the heading), with who opened and closed. */
export function findMeeting(db: Kysely<DB>, meetingId: string) {
  return db
    .selectFrom('meeting as m')
    .innerJoin('situation_table as t', 't.id', 'm.table_id')
    .leftJoin('app_user as opener', 'opener.id', 'm.opened_by')
    .leftJoin('app_user as closer', 'closer.id', 'm.closed_by')
    .select([
      'm.id',
      'm.table_id',
      'm.status',
      'm.scheduled_for',
      'm.opened_at',
      'm.opened_by',
      'opener.display_name as opened_by_name',
      'm.closed_at',
      'm.closed_by',
      'closer.display_name as closed_by_name',
      't.name as table_name',
      't.municipality',
      't.reference_prefix',
      't.time_zone',
      't.requires_second_factor',
      't.active as table_active',
    ])
    .where('m.id', '=', meetingId)
    .executeTakeFirst();
}
export type MeetingRow = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;

/** Locks the meeting row, so approval and the meeting's own changes take turns. */
export async function lockMeeting(trx: Transaction<DB>, meetingId: string) {
  return trx
    .selectFrom('meeting')
    .select(['id', 'status'])
    .where('id', '=', meetingId)
    .forUpdate()
    .executeTakeFirst();
}

/** The recorded attendance: agency, sector, status and the representative's display name. */
export function attendance(db: Kysely<DB>, meetingId: string) {
  return db
    .selectFrom('meeting_attendance as ma')
    .innerJoin('agency as a', 'a.id', 'ma.agency_id')
    .leftJoin('app_user as rep', 'rep.id', 'ma.representative_user_id')
    .select([
      'a.id as agency_id',
      'a.name as agency_name',
      'a.sector',
      'ma.status',
      'ma.representative_user_id',
      'rep.display_name as representative_name',
    ])
    .where('ma.meeting_id', '=', meetingId)
    .orderBy('a.name')
    .orderBy('a.id')
    .execute();
}

/** The agenda in order: position, section, and of the situation its reference and stage only. */
export function agendaItems(db: Kysely<DB>, meetingId: string) {
  return db
    .selectFrom('meeting_agenda_item as i')
    .innerJoin('situation as s', 's.id', 'i.situation_id')
    .select([
      'i.situation_id',
      'i.position',
      'i.section',
      'i.stage_at_opening',
      's.reference',
      's.stage',
    ])
    .where('i.meeting_id', '=', meetingId)
    .orderBy('i.position')
    .execute();
}

/** The steps taken in the room: codes, agencies, time and the chair's display name. */
export function decisions(db: Kysely<DB>, meetingId: string) {
  return db
    .selectFrom('meeting_decision as d')
    .leftJoin('agency as a', 'a.id', 'd.agency_id')
    .leftJoin('agency as lead', 'lead.id', 'd.lead_agency_id')
    .leftJoin('app_user as chair', 'chair.id', 'd.decided_by')
    .select([
      'd.situation_id',
      'd.kind',
      'd.agency_id',
      'a.name as agency_name',
      'd.involved',
      'd.rejection_reason',
      'd.conclusion_reason',
      'd.no_contact_reason',
      'd.lead_agency_id',
      'lead.name as lead_agency_name',
      'd.assisting_agency_ids',
      'd.decided_at',
      'd.decided_by',
      'chair.display_name as decided_by_name',
    ])
    .where('d.meeting_id', '=', meetingId)
    .orderBy('d.decided_at')
    .orderBy('d.id')
    .execute();
}

/** Agency names by id (the assisting agencies of assignments). */
export async function agencyNames(
  db: Kysely<DB>,
  agencyIds: readonly string[],
): Promise<Map<string, string>> {
  if (agencyIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('agency')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(agencyIds)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** The report-backs given in this meeting. */
export function reportBacks(db: Kysely<DB>, meetingId: string) {
  return db
    .selectFrom('report_back as rb')
    .innerJoin('agency as a', 'a.id', 'rb.agency_id')
    .select([
      'rb.situation_id',
      'rb.agency_id',
      'a.name as agency_name',
      'rb.status_update',
      'rb.created_at',
    ])
    .where('rb.meeting_id', '=', meetingId)
    .orderBy('rb.created_at')
    .orderBy('rb.id')
    .execute();
}

/**
 * The action items of the agenda's situations that belong in the minutes: those agreed in this
 * meeting, and those still open (the outstanding actions the room reviewed).
 */
export async function actionItems(
  db: Kysely<DB>,
  meetingId: string,
  situationIds: readonly string[],
) {
  if (situationIds.length === 0) return [];
  return db
    .selectFrom('action_item as ai')
    .innerJoin('agency as owner', 'owner.id', 'ai.owner_agency_id')
    .select([
      'ai.situation_id',
      'ai.owner_agency_id',
      'owner.name as owner_agency_name',
      'ai.kind',
      'ai.description',
      'ai.due_at',
      'ai.status',
      'ai.created_in_meeting_id',
    ])
    .where('ai.situation_id', 'in', [...new Set(situationIds)])
    .where((eb) =>
      eb.or([eb('ai.created_in_meeting_id', '=', meetingId), eb('ai.status', '=', 'open')]),
    )
    .orderBy('ai.due_at')
    .orderBy('ai.id')
    .execute();
}

/** The approved minutes, with the approver's display name; undefined while a draft. */
export function findApproved(db: Kysely<DB>, meetingId: string) {
  return db
    .selectFrom('meeting_minutes as mm')
    .leftJoin('app_user as approver', 'approver.id', 'mm.approved_by')
    .select([
      'mm.content',
      'mm.content_sha256',
      'mm.approved_at',
      'mm.approved_by',
      'approver.display_name as approved_by_name',
    ])
    .where('mm.meeting_id', '=', meetingId)
    .executeTakeFirst();
}

/** Freezes the minutes; false when they were approved already (the primary key holds). */
export async function insertApproved(
  trx: Transaction<DB>,
  row: { meetingId: string; content: string; sha256: string; approvedBy: string },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('meeting_minutes')
    .values({
      meeting_id: row.meetingId,
      content: row.content,
      content_sha256: row.sha256,
      approved_by: row.approvedBy,
    })
    .onConflict((oc) => oc.column('meeting_id').doNothing())
    .returning('meeting_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The meeting's version moves on approval, so a screen holding its ETag sees the change. */
export async function bumpMeetingVersion(trx: Transaction<DB>, meetingId: string) {
  await trx
    .updateTable('meeting')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', meetingId)
    .execute();
}
