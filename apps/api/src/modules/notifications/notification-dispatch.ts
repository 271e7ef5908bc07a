/**
 * Sends the e-mail of each notification, after the transaction that recorded it committed, so a
 * mail outage never rolls back or holds up the step that caused it. Every API process runs a
 * dispatcher, woken by LISTEN on the 'notification' channel (sent on commit) and by a sweep every
 * minute that also retries refused attempts.
 *
 * Claiming is a short transaction of its own: SELECT … FOR UPDATE SKIP LOCKED, count the attempt
 * and take a lease (`email_locked_until`). The SMTP conversation then happens with no transaction
 * open (on the embedded database, whose one connection a transaction would hold, nothing waits
 * for the mail server), and no other process takes a leased row, so two processes never send the
 * same notification. A process that dies mid-send leaves its lease to run out: the row is tried
 * again (at least once, never twice at the same time). A refused attempt is retried after a pause,
 * at most MAX_EMAIL_ATTEMPTS times in all, then marked failed; the notification stays in the list.
 *
 * Just before sending, the person must still be active and still act for the agency at the table:
 * otherwise the e-mail is skipped.
 */
import type { Kysely } from 'kysely';
import type { DatabaseHandle } from '../../db/database';
import type { DB } from '../../db/schema';
import type { Mailer } from '../../lib/mailer';
import { schedulePeriodic, type PeriodicLog } from '../../lib/periodic';
import { notificationMessage } from './notification-mail';
import * as repo from './notifications.repository';
import { NOTIFICATION_CHANNEL } from './notifications.service';

export const MAX_EMAIL_ATTEMPTS = 5;

export type DispatchOptions = {
  db: Kysely<DB>;
  mailer: Mailer;
  publicUrl: string;
  /** Rows claimed per transaction. */
  batchSize?: number;
  /** How long a claimed row is left to its dispatcher (well above the SMTP timeouts). */
  leaseSeconds?: number;
  /** The pause before a refused attempt is tried again. */
  retryAfterSeconds?: number;
};

export type DispatchResult = { sent: number; failed: number; skipped: number };

const DEFAULTS = { batchSize: 20, leaseSeconds: 120, retryAfterSeconds: 60 };

/**
 * Sends every pending notification whose lease is free, batch by batch, until none is left. Safe
 * to call from several processes at once. Tests call it directly.
 */
export async function dispatchPendingNotifications(
  options: DispatchOptions,
): Promise<DispatchResult> {
  const { db, mailer, publicUrl } = options;
  const { batchSize, leaseSeconds, retryAfterSeconds } = { ...DEFAULTS, ...options };
  const result: DispatchResult = { sent: 0, failed: 0, skipped: 0 };
  for (;;) {
    const ids = await db
      .transaction()
      .execute((trx) => repo.claimPending(trx, { limit: batchSize, leaseSeconds }));
    if (ids.length === 0) return result;
    for (const facts of await repo.mailFacts(db, ids)) {
      if (!facts.active || !facts.member) {
        await repo.markEmailSkipped(db, facts.id);
        result.skipped += 1;
        continue;
      }
      try {
        await mailer.send(
          notificationMessage({
            to: facts.email,
            kind: facts.kind,
            reference: facts.reference,
            tableName: facts.table_name,
            situationId: facts.situation_id,
            dueAt: facts.due_at === null ? null : new Date(facts.due_at),
            publicUrl,
          }),
        );
      } catch {
        // The mailer logged the failure's class and codes; the row waits for the sweep.
        await repo.markEmailAttemptFailed(db, facts.id, {
          maxAttempts: MAX_EMAIL_ATTEMPTS,
          retryAfterSeconds,
        });
        result.failed += 1;
        continue;
      }
      await repo.markEmailSent(db, facts.id);
      result.sent += 1;
    }
    if (ids.length < batchSize) return result;
  }
}

export type NotificationMailDispatch = {
  /** The run in progress (or the last one): for tests and shutdown. */
  settled(): Promise<void>;
  stop(): Promise<void>;
};

/**
 * Runs the dispatcher now, every `intervalMs` (the sweep), whenever the 'notification' channel
 * says something committed, and after the listening connection came back (messages sent while it
 * was down are lost). Runs never overlap: a wake-up during a run asks for one more run after it.
 */
export async function startNotificationMail({
  database,
  log,
  intervalMs = 60_000,
  ...options
}: Omit<DispatchOptions, 'db'> & {
  database: DatabaseHandle;
  log: PeriodicLog;
  intervalMs?: number;
}): Promise<NotificationMailDispatch> {
  const run = async () => {
    const result = await dispatchPendingNotifications({ db: database.db, ...options });
    return result.sent + result.failed + result.skipped > 0 ? result : undefined;
  };
  // One chain for the sweep and the wake-ups, so that runs never overlap.
  let chain: Promise<unknown> = Promise.resolve();
  const serially = () => {
    const next = chain.then(run);
    chain = next.catch(() => {});
    return next;
  };
  const sweep = schedulePeriodic({ name: 'notification mail', intervalMs, log, run: serially });

  let stopped = false;
  let wakeQueued = false;
  const wake = () => {
    if (stopped || wakeQueued) return;
    wakeQueued = true;
    const next = chain.then(() => {
      // Cleared as the run starts: a wake-up during it asks for one more.
      wakeQueued = false;
      return stopped ? undefined : run();
    });
    chain = next.catch(() => {});
    next.then(
      (result) => {
        if (result) log.info(result, 'notification mail');
      },
      (error: unknown) =>
        log.error(
          { err: { type: error instanceof Error ? error.name : 'unknown' } },
          'notification mail failed',
        ),
    );
  };
  // Without the listening connection the sweep still sends everything, only later.
  const unlisten = await database.listen(NOTIFICATION_CHANNEL, wake).catch((error: unknown) => {
    log.error(
      { err: { type: error instanceof Error ? error.name : 'unknown' } },
      'notification mail cannot listen; sending on the sweep only',
    );
    return async () => {};
  });
  const offReconnect = database.onReconnect(wake);

  return {
    settled: async () => {
      await sweep.settled();
      await chain;
    },
    async stop() {
      stopped = true;
      offReconnect();
      await unlisten();
      await sweep.stop();
      await chain;
    },
  };
}
