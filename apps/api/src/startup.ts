/**
 * What a process does to its database before it serves: migrate, load the demo data (in demo
 * mode) and seal authenticator secrets stored before they were sealed. All of it runs under the
 * migration lock, so that several processes starting together on a fresh database take turns and
 * all come up; and while the database is not reachable yet (a container starting beside it, a
 * restart) it waits and tries again with exponential backoff instead of exiting.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { DatabaseHandle } from './db/database';
import { redactError, type Logger } from './db/log';
import { seedDemoData } from './db/demo-data';
import { rebuildStatistics } from './modules/statistics/facts.service';
import { seedDemoHistory } from './modules/synthetic-data/demo-history';
import { migrateToLatest, withMigrationLock } from './db/migrator';
import { isDatabaseUnavailable } from './lib/database-errors';
import type { IdentityKeyRing } from './lib/identity-vault';
import { resealTotpSecrets } from './modules/auth/totp-secrets';

export class DatabaseUnreachableError extends Error {
  constructor(waitedMs: number) {
    super(
      `Fourfold could not reach its database for ${Math.round(waitedMs / 1000)} seconds and ` +
        'gave up. Check DATABASE_URL and that the database server is running.',
    );
    this.name = 'DatabaseUnreachableError';
  }
}

export type Backoff = {
  /** First wait after a failed attempt. */
  initialMs: number;
  /** Longest single wait. */
  maxMs: number;
  /** Give up (DatabaseUnreachableError) once this long has passed since the first attempt. */
  giveUpAfterMs: number;
};

export const startupBackoff: Backoff = { initialMs: 250, maxMs: 5_000, giveUpAfterMs: 5 * 60_000 };

/**
 * Runs `attempt` until it succeeds, waiting between tries (doubling, capped) while it fails
 * because the database is unreachable. Any other error ends it at once: a bad migration or
 * configuration does not get better by waiting.
 */
export async function retryWhileUnavailable<T>(
  what: string,
  attempt: () => Promise<T>,
  log: Logger,
  backoff: Backoff = startupBackoff,
): Promise<T> {
  const started = Date.now();
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      const waited = Date.now() - started;
      if (waited >= backoff.giveUpAfterMs) throw new DatabaseUnreachableError(waited);
      const delayMs = Math.min(backoff.maxMs, backoff.initialMs * 2 ** (tries - 1));
      // The class and code only: a driver's message can quote values.
      log.warn(
        { err: redactError(error), attempt: tries, retryInMs: delayMs },
        `database not reachable (${what}); trying again`,
      );
      await sleep(delayMs);
    }
  }
}

export type PreparedDatabase = {
  /** Migrations this process applied (empty when another process had applied them). */
  migrations: string[];
  /** Whether this process loaded the demo data. */
  seeded: boolean;
  /** Authenticator secrets this process sealed. */
  totpSealed: number;
};

/** Migrates, seeds and seals under the migration lock, retrying while the database is away. */
export async function prepareDatabase(
  database: DatabaseHandle,
  options: { seedDemo: boolean; identityKeys: IdentityKeyRing; backoff?: Backoff },
  log: Logger,
): Promise<PreparedDatabase> {
  return retryWhileUnavailable(
    'migrating',
    () =>
      withMigrationLock(database.db, async (db) => {
        const migrations = await migrateToLatest(db);
        const seeded = options.seedDemo
          ? await seedDemoData(db, { history: seedDemoHistory })
          : false;
        // Demo situations are inserted as they stand, not walked through the workflow: their
        // statistics are computed once here.
        if (seeded) await rebuildStatistics(db);
        // Authenticator secrets stored before they were sealed (migration 0008) are sealed now.
        const totp = await resealTotpSecrets(db, options.identityKeys, { plaintextOnly: true });
        return { migrations, seeded, totpSealed: totp.resealed };
      }),
    log,
    options.backoff,
  );
}
