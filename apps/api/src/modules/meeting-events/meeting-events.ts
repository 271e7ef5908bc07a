/**
 * Publishing the live view's events. Every change to a meeting is written to `meeting_event` in
 * the transaction that makes the change, and announced with a NOTIFY on `meeting_event` carrying
 * only the meeting id and the event's sequence number: PostgreSQL delivers it to every API
 * process (LISTEN) only if the transaction commits, and in commit order. A stream that missed
 * events (a reconnect, a restart) reads them back from the table by sequence number.
 */
import type { MeetingEventKind } from '@fourfold/shared/meetings';
import { sql, type Kysely, type Transaction } from 'kysely';
import { notifyIn } from '../../db/notifications';
import type { DB } from '../../db/schema';

/** The one channel of the live view; the payload is `{ meetingId, seq }`. */
export const MEETING_EVENT_CHANNEL = 'meeting_event';

export type MeetingEventInput = {
  meetingId: string;
  kind: MeetingEventKind;
  situationId?: string | null;
  agendaItemId?: string | null;
};

/** Records one event of one meeting in the caller's transaction. */
export async function recordMeetingEventIn(
  trx: Transaction<DB> | Kysely<DB>,
  event: MeetingEventInput,
): Promise<string> {
  const { seq } = await trx
    .insertInto('meeting_event')
    .values({
      meeting_id: event.meetingId,
      kind: event.kind,
      situation_id: event.situationId ?? null,
      agenda_item_id: event.agendaItemId ?? null,
    })
    .returning('seq')
    .executeTakeFirstOrThrow();
  await notifyIn(
    trx as Kysely<DB>,
    MEETING_EVENT_CHANNEL,
    JSON.stringify({ meetingId: event.meetingId, seq: String(seq) }),
  );
  return String(seq);
}

/**
 * A situation changed (a step, an action item, a report-back), wherever it was changed from: every
 * OPEN meeting with it on the agenda hears about it, so the room follows a change made on the
 * situation's own page as well as one made from the meeting screen. One statement: the SQL
 * function `record_situation_meeting_events` (migration 0024) inserts the events and NOTIFYs each,
 * with the same payload as {@link recordMeetingEventIn}; a situation write calls it from
 * `situation_after_write` without a round trip of its own.
 */
export async function recordSituationEventsIn(
  trx: Transaction<DB> | Kysely<DB>,
  situationId: string,
  kind: MeetingEventKind,
): Promise<void> {
  await sql`select record_situation_meeting_events(${situationId}::uuid, ${kind}::text)`.execute(
    trx,
  );
}
