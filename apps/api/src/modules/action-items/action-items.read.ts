/**
 * Reading action items as the API answers them, for the action-item routes and for the meeting
 * agenda alike: one query for any number of situations, one mapping, one overdue rule
 * (`isOverdue` in packages/shared, so the web flags exactly what the API flags).
 */
import { isOverdue, type ActionItem } from '@fourfold/shared/action-items';
import { staffRefOf } from '@fourfold/shared/admin';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { iso } from '../../lib/iso';

function selectActionItems(db: Kysely<DB>) {
  return db
    .selectFrom('action_item as ai')
    .innerJoin('situation as s', 's.id', 'ai.situation_id')
    .innerJoin('agency as owner', 'owner.id', 'ai.owner_agency_id')
    .leftJoin('app_user as creator', 'creator.id', 'ai.created_by')
    .select([
      'ai.id',
      'ai.situation_id',
      's.reference',
      'ai.table_id',
      'ai.owner_agency_id',
      'owner.name as owner_agency_name',
      'ai.kind',
      'ai.description',
      'ai.due_at',
      'ai.status',
      'ai.version',
      'ai.created_at',
      'ai.created_by',
      'creator.display_name as created_by_name',
      'ai.created_in_meeting_id',
      'ai.status_changed_at',
    ]);
}

export type ActionItemRow = Awaited<
  ReturnType<ReturnType<typeof selectActionItems>['execute']>
>[number];

export function toActionItem(row: ActionItemRow, now: Date): ActionItem {
  const dueAt = iso(row.due_at);
  return {
    id: row.id,
    situationId: row.situation_id,
    reference: row.reference,
    tableId: row.table_id,
    ownerAgency: { id: row.owner_agency_id, name: row.owner_agency_name },
    kind: row.kind,
    description: row.description,
    dueAt,
    status: row.status,
    overdue: isOverdue({ status: row.status, dueAt }, now),
    version: row.version,
    createdAt: iso(row.created_at),
    createdBy: staffRefOf(row.created_by, row.created_by_name),
    createdInMeetingId: row.created_in_meeting_id,
    statusChangedAt: row.status_changed_at ? iso(row.status_changed_at) : null,
  };
}

/** The action items of the situations, each situation's by due time; open ones first. */
export async function actionItemsOfSituations(
  db: Kysely<DB>,
  situationIds: readonly string[],
  now: Date = new Date(),
): Promise<Map<string, ActionItem[]>> {
  const bySituation = new Map<string, ActionItem[]>(situationIds.map((id) => [id, []]));
  if (situationIds.length === 0) return bySituation;
  const rows = await selectActionItems(db)
    .where('ai.situation_id', 'in', [...new Set(situationIds)])
    .orderBy('ai.situation_id')
    .orderBy(({ case: when }) => when().when('ai.status', '=', 'open').then(0).else(1).end())
    .orderBy('ai.due_at')
    .orderBy('ai.id')
    .execute();
  for (const row of rows) bySituation.get(row.situation_id)?.push(toActionItem(row, now));
  return bySituation;
}

export { selectActionItems };
