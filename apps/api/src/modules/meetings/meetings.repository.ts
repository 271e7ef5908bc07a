/**
 * Reads and writes of meetings, their agenda, attendance and in-room decisions. Functions that
 * lock or write take a `Transaction<DB>`; the service owns the transactions. Codes, ids, agency
 * and staff names only: nothing here reads a situation's identity or free text.
 */
import type { AgendaSection, AttendanceStatus, MeetingStatus } from '@fourfold/shared/meetings';
import type { Stage } from '@fourfold/shared/situation-workflow';
import { sql, type Kysely, type Transaction, type UpdateObject } from 'kysely';
import type { DB, MeetingDecisionKind } from '../../db/schema';
import type { KeysetPosition } from '../../lib/keyset-cursor';

type Db = Kysely<DB> | Transaction<DB>;

function selectMeetings(db: Db) {
  return db
    .selectFrom('meeting as m')
    .innerJoin('situation_table as t', 't.id', 'm.table_id')
    .leftJoin('meeting_minutes as mm', 'mm.meeting_id', 'm.id')
    .select([
      'm.id',
      'm.table_id',
      't.name as table_name',
      't.time_zone',
      'm.scheduled_for',
      sql<string>`m.scheduled_for::text`.as('position_at'),
      'm.status',
      'm.version',
      'm.opened_at',
      'm.closed_at',
      'mm.approved_at as minutes_approved_at',
    ]);
}

export type MeetingSummaryRow = Awaited<
  ReturnType<ReturnType<typeof selectMeetings>['execute']>
>[number];

/**
 * One meeting with what its detail shows of its table and chairs. `update` locks it against any
 * other change; `share` only against changes of the meeting itself (steps taken in the room run
 * side by side, but not while the meeting closes).
 */
export function findMeeting(db: Db, id: string, options: { lock?: 'update' | 'share' } = {}) {
  return selectMeetings(db)
    .leftJoin('app_user as ob', 'ob.id', 'm.opened_by')
    .leftJoin('app_user as cb', 'cb.id', 'm.closed_by')
    .select([
      't.requires_second_factor',
      't.time_zone',
      'm.opened_by',
      'ob.display_name as opened_by_name',
      'm.closed_by',
      'cb.display_name as closed_by_name',
      'm.current_item_id',
    ])
    .where('m.id', '=', id)
    .$if(options.lock === 'update', (qb) => qb.forUpdate('m'))
    .$if(options.lock === 'share', (qb) => qb.forShare('m'))
    .executeTakeFirst();
}
export type MeetingRow = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;

/** Upcoming: scheduled or open, soonest first. Past: closed or cancelled, latest first. */
export function listTableMeetings(
  db: Db,
  options: {
    tableId: string;
    when: 'upcoming' | 'past';
    after: KeysetPosition | undefined;
    limit: number;
  },
) {
  const { tableId, when, after, limit } = options;
  const upcoming = when === 'upcoming';
  const statuses: MeetingStatus[] = upcoming ? ['scheduled', 'open'] : ['closed', 'cancelled'];
  return selectMeetings(db)
    .where('m.table_id', '=', tableId)
    .where('m.status', 'in', statuses)
    .$if(after !== undefined, (qb) =>
      qb.where(
        upcoming
          ? sql<boolean>`(m.scheduled_for, m.id) > (${after!.at}::timestamptz, ${after!.id}::uuid)`
          : sql<boolean>`(m.scheduled_for, m.id) < (${after!.at}::timestamptz, ${after!.id}::uuid)`,
      ),
    )
    .orderBy('m.scheduled_for', upcoming ? 'asc' : 'desc')
    .orderBy('m.id', upcoming ? 'asc' : 'desc')
    .limit(limit)
    .execute();
}

/** Scheduled and open meetings of the tables between two instants, soonest first. */
export function listMeetingsOfTables(
  db: Db,
  options: { tableIds: readonly string[]; from: Date; to: Date; limit: number },
) {
  if (options.tableIds.length === 0) return Promise.resolve([]);
  return selectMeetings(db)
    .where('m.table_id', 'in', [...options.tableIds])
    .where('m.status', 'in', ['scheduled', 'open'])
    .where('m.scheduled_for', '>=', options.from)
    .where('m.scheduled_for', '<=', options.to)
    .orderBy('m.scheduled_for')
    .orderBy('m.id')
    .limit(options.limit)
    .execute();
}

export function meetingSummaries(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return selectMeetings(db)
    .where('m.id', 'in', [...ids])
    .orderBy('m.scheduled_for')
    .orderBy('m.id')
    .execute();
}

/**
 * Serialises scheduling on one table (two weekly requests at once would both see a day free)
 * without locking the table row, whose locks belong to administration.
 */
export async function lockScheduling(trx: Transaction<DB>, tableId: string) {
  await sql`select pg_advisory_xact_lock(hashtext(${`meeting_schedule:${tableId}`}))`.execute(trx);
}

/** The local dates (in `timeZone`) that already have a meeting not cancelled, from `from` on. */
export async function takenMeetingDates(
  trx: Transaction<DB>,
  tableId: string,
  timeZone: string,
  from: Date,
): Promise<Set<string>> {
  const rows = await trx
    .selectFrom('meeting')
    .select(sql<string>`to_char(scheduled_for at time zone ${timeZone}, 'YYYY-MM-DD')`.as('day'))
    .where('table_id', '=', tableId)
    .where('status', '<>', 'cancelled')
    .where('scheduled_for', '>=', from)
    .execute();
  return new Set(rows.map((row) => row.day));
}

export async function insertMeetings(
  trx: Transaction<DB>,
  tableId: string,
  instants: readonly Date[],
  createdBy: string,
): Promise<string[]> {
  if (instants.length === 0) return [];
  const rows = await trx
    .insertInto('meeting')
    .values(
      instants.map((scheduledFor) => ({
        table_id: tableId,
        scheduled_for: scheduledFor,
        created_by: createdBy,
      })),
    )
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

export async function updateMeeting(
  trx: Transaction<DB>,
  id: string,
  changes: UpdateObject<DB, 'meeting'>,
) {
  await trx.updateTable('meeting').set(changes).where('id', '=', id).execute();
}

/** Every change of a meeting moves its version (its ETag) on by one. */
export async function bumpVersion(trx: Transaction<DB>, id: string) {
  await trx
    .updateTable('meeting')
    .set({ version: sql<number>`version + 1` })
    .where('id', '=', id)
    .execute();
}

export type AgendaItemRow = {
  id: string;
  situation_id: string;
  section: AgendaSection;
  position: number;
  stage_at_opening: Stage;
  discussed_at: Date | string | null;
};

export function agendaItems(db: Db, meetingId: string): Promise<AgendaItemRow[]> {
  return db
    .selectFrom('meeting_agenda_item')
    .select(['id', 'situation_id', 'section', 'position', 'stage_at_opening', 'discussed_at'])
    .where('meeting_id', '=', meetingId)
    .orderBy('position')
    .execute();
}

export function agendaItemOf(db: Db, meetingId: string, situationId: string) {
  return db
    .selectFrom('meeting_agenda_item')
    .select(['id'])
    .where('meeting_id', '=', meetingId)
    .where('situation_id', '=', situationId)
    .executeTakeFirst();
}

/**
 * The table's situations the agenda rule puts on a meeting, in agenda order: report-backs (filter
 * 3 or 4, not ready to close) by decision time, new situations (filter 2) by presentation time,
 * then those ready to close (filter 4, first contact made, no open action item) by first contact.
 *
 * Whether a situation has an open item is one probe of action_item_situation per situation (the
 * lateral join, stopped at the first open item): as a `not exists` in the select list and the
 * order, the planner may turn each into a hashed subplan that reads every open item of every
 * table sequentially once the table has enough situations in the process (meeting-plans.test.ts).
 */
export function eligibleSituations(db: Db, tableId: string) {
  const readyToClose = sql<boolean>`(s.stage = 'filter4' and s.first_contact_at is not null
    and open_item.situation_id is null)`;
  const section = sql<AgendaSection>`case when s.stage = 'filter2' then 'new'
    when ${readyToClose} then 'ready_to_close' else 'report_back' end`;
  return db
    .selectFrom('situation as s')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('action_item as ai')
          .select('ai.situation_id')
          .whereRef('ai.situation_id', '=', 's.id')
          .where('ai.status', '=', 'open')
          .limit(1)
          .as('open_item'),
      (join) => join.onTrue(),
    )
    .select(['s.id', 's.stage', section.as('section')])
    .where('s.table_id', '=', tableId)
    .where('s.stage', 'in', ['filter2', 'filter3', 'filter4'])
    .orderBy(sql`case when s.stage = 'filter2' then 1 when ${readyToClose} then 2 else 0 end`)
    .orderBy(
      sql`case when s.stage = 'filter2' then s.submitted_at
        when ${readyToClose} then s.first_contact_at else s.decided_at end`,
    )
    .orderBy('s.id')
    .execute();
}

export async function insertAgendaItems(
  trx: Transaction<DB>,
  meetingId: string,
  items: ReadonlyArray<{
    situationId: string;
    section: AgendaSection;
    position: number;
    stage: AgendaItemRow['stage_at_opening'];
  }>,
) {
  if (items.length === 0) return;
  await trx
    .insertInto('meeting_agenda_item')
    .values(
      items.map((item) => ({
        meeting_id: meetingId,
        situation_id: item.situationId,
        section: item.section,
        position: item.position,
        stage_at_opening: item.stage,
      })),
    )
    .execute();
}

/** Rewrites positions 0..n-1 in the order given (the unique position is checked at commit). */
export async function rewritePositions(trx: Transaction<DB>, orderedIds: readonly string[]) {
  for (const [position, id] of orderedIds.entries()) {
    await trx.updateTable('meeting_agenda_item').set({ position }).where('id', '=', id).execute();
  }
}

export async function markDiscussed(trx: Transaction<DB>, itemId: string) {
  await trx
    .updateTable('meeting_agenda_item')
    .set({ discussed_at: sql<Date>`coalesce(discussed_at, now())` })
    .where('id', '=', itemId)
    .execute();
}

export function attendanceOf(db: Db, meetingId: string) {
  return db
    .selectFrom('meeting_attendance as a')
    .leftJoin('app_user as u', 'u.id', 'a.representative_user_id')
    .select([
      'a.agency_id',
      'a.status',
      'a.representative_user_id',
      'u.display_name as representative_name',
    ])
    .where('a.meeting_id', '=', meetingId)
    .execute();
}

/** The agencies recorded present, the meeting's `agenciesPresent` for a filter-2 decision. */
export async function presentAgencies(db: Db, meetingId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('meeting_attendance')
    .select('agency_id')
    .where('meeting_id', '=', meetingId)
    .where('status', '=', 'present')
    .orderBy('agency_id')
    .execute();
  return rows.map((row) => row.agency_id);
}

/**
 * Who may represent each agency: its active users holding a membership of the table in effect
 * (not pending) as coordinator or agency representative.
 */
export function attendanceCandidates(db: Db, tableId: string) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('table_membership as tm', 'tm.user_id', 'u.id')
    .select(['u.id', 'u.display_name', 'u.agency_id'])
    .distinct()
    .where('tm.table_id', '=', tableId)
    .where('tm.role', 'in', ['coordinator', 'agency_rep'])
    .where('tm.status', '<>', 'pending')
    .where('u.active', '=', true)
    .where('u.agency_id', 'is not', null)
    .orderBy('u.display_name')
    .orderBy('u.id')
    .execute();
}

export async function replaceAttendance(
  trx: Transaction<DB>,
  meetingId: string,
  entries: ReadonlyArray<{
    agencyId: string;
    status: AttendanceStatus;
    representativeUserId: string | null;
  }>,
  recordedBy: string,
) {
  await trx.deleteFrom('meeting_attendance').where('meeting_id', '=', meetingId).execute();
  await trx
    .insertInto('meeting_attendance')
    .values(
      entries.map((entry) => ({
        meeting_id: meetingId,
        agency_id: entry.agencyId,
        status: entry.status,
        representative_user_id: entry.representativeUserId,
        recorded_by: recordedBy,
      })),
    )
    .execute();
}

export function decisionsOf(db: Db, meetingId: string) {
  return db
    .selectFrom('meeting_decision as d')
    .innerJoin('situation as s', 's.id', 'd.situation_id')
    .leftJoin('agency as a', 'a.id', 'd.agency_id')
    .leftJoin('agency as l', 'l.id', 'd.lead_agency_id')
    .leftJoin('app_user as u', 'u.id', 'd.decided_by')
    .select([
      'd.id',
      'd.situation_id',
      's.reference',
      'd.kind',
      'd.agency_id',
      'a.name as agency_name',
      'd.involved',
      'd.rejection_reason',
      'd.conclusion_reason',
      'd.no_contact_reason',
      'd.lead_agency_id',
      'l.name as lead_agency_name',
      'd.assisting_agency_ids',
      'd.decided_at',
      'd.decided_by',
      'u.display_name as decided_by_name',
    ])
    .where('d.meeting_id', '=', meetingId)
    .orderBy('d.decided_at')
    .orderBy('d.id')
    .execute();
}

export async function insertDecision(
  trx: Transaction<DB>,
  decision: {
    meetingId: string;
    situationId: string;
    kind: MeetingDecisionKind;
    agencyId?: string | null;
    involved?: boolean | null;
    rejectionReason?: string | null;
    conclusionReason?: string | null;
    noContactReason?: string | null;
    leadAgencyId?: string | null;
    assistingAgencyIds?: string[];
    decidedBy: string;
  },
) {
  await trx
    .insertInto('meeting_decision')
    .values({
      meeting_id: decision.meetingId,
      situation_id: decision.situationId,
      kind: decision.kind,
      agency_id: decision.agencyId ?? null,
      involved: decision.involved ?? null,
      rejection_reason: decision.rejectionReason ?? null,
      conclusion_reason: decision.conclusionReason ?? null,
      no_contact_reason: decision.noContactReason ?? null,
      lead_agency_id: decision.leadAgencyId ?? null,
      assisting_agency_ids: decision.assistingAgencyIds ?? [],
      decided_by: decision.decidedBy,
    })
    .execute();
}

export async function agencyNamesOf(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('agency')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}
