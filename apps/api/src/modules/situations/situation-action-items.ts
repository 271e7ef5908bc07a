/**
 * What the situation's own steps do to its action items, in the step's transaction: assignment
 * opens the first-contact item (owned by the lead agency, due the table's first_contact_hours
 * after assignment), recording the first contact marks it done, closure cancels every open item,
 * and destroying the situation's free text destroys the descriptions and report-backs with it.
 * The step's own audit event covers these writes; the open meetings with the situation on their
 * agenda hear `action_item.changed`.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { recordSituationEventsIn } from '../meeting-events/meeting-events';

/**
 * The first-contact item, as a statement of the assignment's own (situation-writes.ts: it reads
 * the moved row, whose assignment time and lead agency are set): due the table's
 * first_contact_hours after assignment; the open meetings hear `action_item.changed`
 * (`record_situation_meeting_events`, migration 0024) as it is inserted.
 */
export function openFirstContact(assignedBy: string) {
  return sql`insert into action_item (situation_id, table_id, owner_agency_id, kind, due_at,
      created_by)
    select m.id, m.table_id, m.lead_agency_id, 'first_contact',
      m.assigned_at + make_interval(hours => t.first_contact_hours), ${assignedBy}::uuid
    from moved m join situation_table t on t.id = m.table_id
    where m.lead_agency_id is not null and m.assigned_at is not null
    returning record_situation_meeting_events(situation_id, 'action_item.changed')`;
}

/** The first contact is recorded: its item is done (whoever owns it). */
export async function completeFirstContactIn(
  trx: Transaction<DB>,
  situationId: string,
  recordedBy: string,
): Promise<void> {
  const done = await trx
    .updateTable('action_item')
    .set({
      status: 'done',
      status_changed_at: sql<Date>`now()`,
      status_changed_by: recordedBy,
      version: sql<number>`version + 1`,
    })
    .where('situation_id', '=', situationId)
    .where('kind', '=', 'first_contact')
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) > 0) {
    await recordSituationEventsIn(trx, situationId, 'action_item.changed');
  }
}

/** The situation is concluded: nothing is left to do on it. */
export async function cancelOpenActionItemsIn(
  trx: Transaction<DB>,
  situationId: string,
  closedBy: string,
): Promise<void> {
  const cancelled = await trx
    .updateTable('action_item')
    .set({
      status: 'cancelled',
      status_changed_at: sql<Date>`now()`,
      status_changed_by: closedBy,
      version: sql<number>`version + 1`,
    })
    .where('situation_id', '=', situationId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (Number(cancelled.numUpdatedRows) > 0) {
    await recordSituationEventsIn(trx, situationId, 'action_item.changed');
  }
}

/** Destroys the free text of the situations' action items and report-backs. */
export async function destroyActionFreeTextIn(
  trx: Transaction<DB>,
  situationIds: readonly string[],
): Promise<void> {
  if (situationIds.length === 0) return;
  await trx
    .updateTable('action_item')
    .set({ description: null })
    .where('situation_id', 'in', [...situationIds])
    .where('description', 'is not', null)
    .execute();
  await trx
    .updateTable('report_back')
    .set({ status_update: null })
    .where('situation_id', 'in', [...situationIds])
    .where('status_update', 'is not', null)
    .execute();
}
