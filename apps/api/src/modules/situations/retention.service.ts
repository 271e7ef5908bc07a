/**
 * Retention of identifying data after closure. A concluded situation keeps its identity, and its
 * intervention notes (identifying detail about the person and the intervention), for
 * IDENTITY_RETENTION_DAYS; then this purge deletes both, destroys the summary with them (it may
 * name the person; the coded facts stay) and marks the situation's identity destroyed. It runs
 * at start-up and hourly in every API process (SKIP LOCKED keeps processes from purging the same
 * situation twice), and on demand with `pnpm identity:purge`. Each situation purged leaves one
 * audit event with no user. A retention of 0 days destroys at closure, in the closing transaction
 * (situations.service.ts).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { schedulePeriodic, type Periodic, type PeriodicLog } from '../../lib/periodic';
import { recordAudit } from '../audit/audit.service';
import * as identityRepo from './identity.repository';

export type PurgeResult = { situations: number; identities: number; notes: number };

const BATCH = 100;

export async function purgeExpiredIdentities(
  db: Kysely<DB>,
  retentionDays: number,
  { batchSize = BATCH }: { batchSize?: number } = {},
): Promise<PurgeResult> {
  const total: PurgeResult = { situations: 0, identities: 0, notes: 0 };
  for (;;) {
    const found = await db.transaction().execute(async (trx) => {
      const expired = await identityRepo.lockExpiredForPurge(trx, retentionDays, batchSize);
      const ids = expired.map((row) => row.id);
      const destroyed = await identityRepo.destroyIdentifyingData(trx, ids);
      await identityRepo.markIdentityDestroyed(trx, ids);
      for (const row of expired) {
        await recordAudit(trx, {
          action: 'situation.identity.purge',
          dataCategory: 'identity',
          outcome: 'allowed',
          userId: null,
          tableId: row.table_id,
          situationId: row.id,
          purpose: `retention of ${retentionDays} days after closure ended`,
        });
      }
      total.situations += ids.length;
      total.identities += destroyed.identities;
      total.notes += destroyed.notes;
      return ids.length;
    });
    if (found < batchSize) return total;
  }
}

/** Runs the purge now and then every `intervalMs` until stopped (see lib/periodic.ts). */
export function scheduleIdentityPurge({
  db,
  retentionDays,
  log,
  intervalMs = 60 * 60_000,
}: {
  db: Kysely<DB>;
  retentionDays: number;
  log: PeriodicLog;
  intervalMs?: number;
}): Periodic {
  return schedulePeriodic({
    name: 'identity retention purge',
    intervalMs,
    log,
    run: async () => {
      const result = await purgeExpiredIdentities(db, retentionDays);
      return result.situations > 0 ? result : undefined;
    },
  });
}
