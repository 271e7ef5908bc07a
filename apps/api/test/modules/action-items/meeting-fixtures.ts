/**
 * An open meeting of the cast's table with situations on its agenda, inserted directly: the
 * meeting routes are another module's, and these tests need only the rows they read.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../src/db/schema';
import type { Cast } from '../../helpers/situations';

export async function openMeetingWith(
  db: Kysely<DB>,
  cast: Cast,
  situationId: string,
  status: 'open' | 'closed' | 'scheduled' = 'open',
): Promise<{ meetingId: string; agendaItemId: string }> {
  // One open meeting per table: close any a previous test left open.
  await db
    .updateTable('meeting')
    .set({ status: 'closed', closed_at: new Date(), closed_by: cast.users.coordinator.id })
    .where('table_id', '=', cast.tableId)
    .where('status', '=', 'open')
    .execute();
  const meeting = await db
    .insertInto('meeting')
    .values({
      table_id: cast.tableId,
      scheduled_for: new Date(),
      status,
      created_by: cast.users.coordinator.id,
      opened_at: status === 'scheduled' ? null : new Date(),
      opened_by: status === 'scheduled' ? null : cast.users.coordinator.id,
      closed_at: status === 'closed' ? new Date() : null,
      closed_by: status === 'closed' ? cast.users.coordinator.id : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const item = await db
    .insertInto('meeting_agenda_item')
    .values({
      meeting_id: meeting.id,
      situation_id: situationId,
      section: 'report_back',
      position: 0,
      stage_at_opening: 'filter4',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { meetingId: meeting.id, agendaItemId: item.id };
}
