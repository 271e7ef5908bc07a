/**
 * The overdue sweep: every minute, in every API process, open items past their due time whose
 * owner has not been told are claimed (FOR UPDATE SKIP LOCKED, so two processes never claim the
 * same item), stamped overdue_notified_at, announced to the owning agency, and the open meetings
 * with the situation on their agenda hear `action_item.changed`. Each item is announced once;
 * a new due time or owner clears the stamp (action-items.service.ts).
 */
import { isOverdue } from '@fourfold/shared/action-items';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { iso } from '../../lib/iso';
import { schedulePeriodic, type Periodic, type PeriodicLog } from '../../lib/periodic';
import { recordSituationEventsIn } from '../meeting-events/meeting-events';
import { announceActionItemIn } from './action-items.service';
import * as repo from './action-items.repository';

const BATCH = 100;

/** Marks the items overdue at `now`; returns how many it marked. */
export async function sweepOverdueActionItems(
  db: Kysely<DB>,
  now: Date = new Date(),
  { batchSize = BATCH }: { batchSize?: number } = {},
): Promise<number> {
  let marked = 0;
  for (;;) {
    const found = await db.transaction().execute(async (trx) => {
      const locked = await repo.lockOverdueForSweep(trx, now, batchSize);
      // The SQL above selects what isOverdue says; the one rule has the last word.
      const overdue = locked.filter((row) =>
        isOverdue({ status: row.status, dueAt: iso(row.due_at) }, now),
      );
      await repo.markOverdueNotified(
        trx,
        overdue.map((row) => row.id),
        now,
      );
      for (const item of overdue) await announceActionItemIn(trx, item, 'overdue');
      for (const situationId of new Set(overdue.map((row) => row.situation_id))) {
        await recordSituationEventsIn(trx, situationId, 'action_item.changed');
      }
      marked += overdue.length;
      return locked.length;
    });
    if (found < batchSize) return marked;
  }
}

/** Runs the sweep now and then every `intervalMs` until stopped (see lib/periodic.ts). */
export function scheduleOverdueSweep({
  db,
  log,
  intervalMs = 60_000,
}: {
  db: Kysely<DB>;
  log: PeriodicLog;
  intervalMs?: number;
}): Periodic {
  return schedulePeriodic({
    name: 'overdue action items sweep',
    intervalMs,
    log,
    run: async () => {
      const overdue = await sweepOverdueActionItems(db);
      return overdue > 0 ? { overdue } : undefined;
    },
  });
}
