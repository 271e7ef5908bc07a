/**
 * The action_item and report_back tables: plain queries over Kysely. Reads of action items as the
 * API answers them live in action-items.read.ts (one mapping for the routes and the agenda).
 */
import type { ActionItemStatus } from '@fourfold/shared/action-items';
import { sql, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { ActionItemTable, DB } from '../../db/schema';
import { selectActionItems, type ActionItemRow } from './action-items.read';

export type ActionItemRecord = {
  id: string;
  situation_id: string;
  table_id: string;
  owner_agency_id: string;
  kind: 'first_contact' | 'task';
  status: ActionItemStatus;
  version: number;
  due_at: Date | string;
};

const recordColumns = [
  'id',
  'situation_id',
  'table_id',
  'owner_agency_id',
  'kind',
  'status',
  'version',
  'due_at',
] as const;

/** The item, its row locked until the caller's transaction ends. */
export function findActionItemForUpdate(
  trx: Transaction<DB>,
  id: string,
): Promise<ActionItemRecord | undefined> {
  return trx
    .selectFrom('action_item')
    .select(recordColumns)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export function findActionItemSituation(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('action_item')
    .select(['situation_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertActionItem(
  trx: Transaction<DB>,
  values: {
    situationId: string;
    tableId: string;
    ownerAgencyId: string;
    description: string;
    dueAt: Date;
    createdBy: string;
    meetingId: string | null;
  },
): Promise<ActionItemRecord> {
  return trx
    .insertInto('action_item')
    .values({
      situation_id: values.situationId,
      table_id: values.tableId,
      owner_agency_id: values.ownerAgencyId,
      kind: 'task',
      description: values.description,
      due_at: values.dueAt,
      created_by: values.createdBy,
      created_in_meeting_id: values.meetingId,
    })
    .returning(recordColumns)
    .executeTakeFirstOrThrow();
}

export type ActionItemChanges = Pick<
  Updateable<ActionItemTable>,
  | 'status'
  | 'status_changed_at'
  | 'status_changed_by'
  | 'due_at'
  | 'description'
  | 'owner_agency_id'
  | 'overdue_notified_at'
>;

/** Moves the item from `version` to the next; null when someone else moved it first. */
export async function updateActionItemAtVersion(
  trx: Transaction<DB>,
  id: string,
  version: number,
  changes: ActionItemChanges,
): Promise<ActionItemRecord | null> {
  const row = await trx
    .updateTable('action_item')
    .set({ ...changes, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(recordColumns)
    .executeTakeFirst();
  return row ?? null;
}

export function readActionItem(db: Kysely<DB>, id: string): Promise<ActionItemRow> {
  return selectActionItems(db).where('ai.id', '=', id).executeTakeFirstOrThrow();
}

/**
 * The due time to the millisecond, as the cursor carries it: PostgreSQL keeps microseconds (an
 * assignment's clock), which a cursor made from a JavaScript Date would otherwise fall short of.
 * Read in UTC, so that it is the key of action_item_owner_status (migration 0023) verbatim: the
 * order of instants truncated below the second is the same in every zone.
 */
const dueMs = sql<Date>`date_trunc('milliseconds', ai.due_at at time zone 'UTC')`;
/** An instant of the application (whole milliseconds) on the scale of `dueMs`. */
const onDueScale = (at: Date) => sql<Date>`(${at}::timestamptz at time zone 'UTC')`;

/**
 * Items owned by an agency on some tables, by due time then id, after the cursor's position.
 * `overdue` filters with the SQL form of `isOverdue` (open and due before `now`). Every bound is
 * on `dueMs`, one range of the index: `now` and the cursor's time are whole milliseconds, so
 * `due_at < now` is exactly `dueMs < now` (and `>=` likewise).
 */
export function listOwnedActionItems(
  db: Kysely<DB>,
  query: {
    agencyId: string;
    tableIds: readonly string[];
    status: ActionItemStatus;
    overdue: boolean | undefined;
    now: Date;
    after: { dueAt: Date; id: string } | null;
    limit: number;
  },
): Promise<ActionItemRow[]> {
  return (
    selectActionItems(db)
      .where('ai.owner_agency_id', '=', query.agencyId)
      .where('ai.table_id', 'in', [...query.tableIds])
      .where('ai.status', '=', query.status)
      .$if(query.overdue === true, (qb) =>
        qb.where('ai.status', '=', 'open').where(dueMs, '<', onDueScale(query.now)),
      )
      // Not overdue: not open, or due from now on; the status is the query's.
      .$if(query.overdue === false && query.status === 'open', (qb) =>
        qb.where(dueMs, '>=', onDueScale(query.now)),
      )
      .$if(query.after !== null, (qb) =>
        qb.where(
          sql<boolean>`(${dueMs}, ai.id) > (${onDueScale(query.after!.dueAt)}, ${query.after!.id}::uuid)`,
        ),
      )
      .orderBy(dueMs)
      .orderBy('ai.id')
      .limit(query.limit)
      .execute()
  );
}

/**
 * Open items past due whose owner has not been told yet, locked for the sweep. SKIP LOCKED lets
 * several API processes sweep at once without marking (or announcing) the same item twice.
 */
export function lockOverdueForSweep(trx: Transaction<DB>, now: Date, limit: number) {
  return trx
    .selectFrom('action_item')
    .select(recordColumns)
    .where('status', '=', 'open')
    .where('overdue_notified_at', 'is', null)
    .where('due_at', '<', now)
    .orderBy('due_at')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function markOverdueNotified(
  trx: Transaction<DB>,
  ids: readonly string[],
  now: Date,
): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable('action_item')
    .set({ overdue_notified_at: now })
    .where('id', 'in', [...ids])
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Report-backs
// ---------------------------------------------------------------------------------------------

function selectReportBacks(db: Kysely<DB>) {
  return db
    .selectFrom('report_back as rb')
    .innerJoin('agency as a', 'a.id', 'rb.agency_id')
    .leftJoin('app_user as u', 'u.id', 'rb.created_by')
    .select([
      'rb.id',
      'rb.situation_id',
      'rb.agency_id',
      'a.name as agency_name',
      'rb.meeting_id',
      'rb.status_update',
      'rb.created_at',
      'rb.created_by',
      'u.display_name as created_by_name',
    ]);
}

export type ReportBackRow = Awaited<
  ReturnType<ReturnType<typeof selectReportBacks>['execute']>
>[number];

export function listReportBacks(db: Kysely<DB>, situationId: string): Promise<ReportBackRow[]> {
  return selectReportBacks(db)
    .where('rb.situation_id', '=', situationId)
    .orderBy('rb.created_at')
    .orderBy('rb.id')
    .execute();
}

export function readReportBack(db: Kysely<DB>, id: string): Promise<ReportBackRow> {
  return selectReportBacks(db).where('rb.id', '=', id).executeTakeFirstOrThrow();
}

export async function insertReportBack(
  trx: Transaction<DB>,
  values: {
    situationId: string;
    agencyId: string;
    meetingId: string | null;
    statusUpdate: string;
    createdBy: string;
  },
): Promise<string> {
  const { id } = await trx
    .insertInto('report_back')
    .values({
      situation_id: values.situationId,
      agency_id: values.agencyId,
      meeting_id: values.meetingId,
      status_update: values.statusUpdate,
      created_by: values.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** The agenda item of the situation in the meeting, if the meeting is open and has it. */
export function openMeetingAgendaItem(
  db: Kysely<DB>,
  meetingId: string,
  situationId: string,
  tableId: string,
) {
  return db
    .selectFrom('meeting as m')
    .innerJoin('meeting_agenda_item as i', 'i.meeting_id', 'm.id')
    .select(['i.id as agenda_item_id'])
    .where('m.id', '=', meetingId)
    .where('m.table_id', '=', tableId)
    .where('m.status', '=', 'open')
    .where('i.situation_id', '=', situationId)
    .executeTakeFirst();
}

export async function insertReportBackDecision(
  trx: Transaction<DB>,
  values: { meetingId: string; situationId: string; agencyId: string; decidedBy: string },
): Promise<void> {
  await trx
    .insertInto('meeting_decision')
    .values({
      meeting_id: values.meetingId,
      situation_id: values.situationId,
      kind: 'report_back',
      agency_id: values.agencyId,
      decided_by: values.decidedBy,
    })
    .execute();
}
