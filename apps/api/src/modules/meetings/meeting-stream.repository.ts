/**
 * Reads of the live view: the meeting a stream follows (for its table) and the meeting's events by
 * sequence number. Events carry ids only; nothing here reads situation content.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';

export async function findMeetingTable(
  db: Kysely<DB>,
  meetingId: string,
): Promise<{ id: string; tableId: string } | undefined> {
  const row = await db
    .selectFrom('meeting')
    .select(['id', 'table_id'])
    .where('id', '=', meetingId)
    .executeTakeFirst();
  return row && { id: row.id, tableId: row.table_id };
}

/** The highest sequence number of the meeting's events, or '0' when it has none. */
export async function latestSeq(db: Kysely<DB>, meetingId: string): Promise<string> {
  const row = await db
    .selectFrom('meeting_event')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  return row?.seq == null ? '0' : String(row.seq);
}

const eventColumns = [
  'seq',
  'meeting_id',
  'kind',
  'situation_id',
  'agenda_item_id',
  'created_at',
] as const;

/** The meeting's events after a sequence number, in order, at most `limit`. */
export function eventsAfter(db: Kysely<DB>, meetingId: string, afterSeq: string, limit: number) {
  return db
    .selectFrom('meeting_event')
    .select(eventColumns)
    .where('meeting_id', '=', meetingId)
    .where('seq', '>', sql<string>`${afterSeq}::bigint`)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/**
 * The meeting's events at or below a sequence number that were recorded in the last `seconds`.
 * Sequence numbers are taken at insert and transactions commit in any order, so an event can
 * become visible after one with a higher number was already sent; the stream looks back this far
 * for such late arrivals.
 */
export function recentEventsUpTo(
  db: Kysely<DB>,
  meetingId: string,
  upToSeq: string,
  seconds: number,
) {
  return db
    .selectFrom('meeting_event')
    .select(eventColumns)
    .where('meeting_id', '=', meetingId)
    .where('seq', '<=', sql<string>`${upToSeq}::bigint`)
    .where('created_at', '>', sql<Date>`now() - make_interval(secs => ${seconds})`)
    .orderBy('seq')
    .limit(500)
    .execute();
}

export type MeetingEventRow = Awaited<ReturnType<typeof eventsAfter>>[number];
