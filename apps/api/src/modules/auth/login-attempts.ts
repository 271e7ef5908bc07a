/**
 * Old sign-in and link attempts are deleted. They hold client addresses and keyed digests of
 * e-mail addresses, and are read only within the throttling windows (at most 60 minutes, see
 * sign-in-throttle.ts; 15 for links), so keeping them longer would keep personal data for no use.
 * Sign-ins themselves stay in the audit log. Safe in every process at once: a plain DELETE.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { schedulePeriodic, type Periodic, type PeriodicLog } from '../../lib/periodic';

/** How long an attempt is kept: a day, well past the longest window that reads it. */
export const LOGIN_ATTEMPT_RETENTION_HOURS = 24;

export async function pruneLoginAttempts(db: Kysely<DB>): Promise<number> {
  const result = await db
    .deleteFrom('login_attempt')
    .where(
      'attempted_at',
      '<',
      sql<Date>`now() - make_interval(hours => ${LOGIN_ATTEMPT_RETENTION_HOURS})`,
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Prunes now and hourly until stopped (see lib/periodic.ts). */
export function scheduleLoginAttemptPruning({
  db,
  log,
  intervalMs = 60 * 60_000,
}: {
  db: Kysely<DB>;
  log: PeriodicLog;
  intervalMs?: number;
}): Periodic {
  return schedulePeriodic({
    name: 'old sign-in attempts deleted',
    intervalMs,
    log,
    run: async () => {
      const deleted = await pruneLoginAttempts(db);
      return deleted > 0 ? { deleted } : undefined;
    },
  });
}
