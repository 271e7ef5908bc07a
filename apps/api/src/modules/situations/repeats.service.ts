/**
 * Repeats: the same person brought to the same table again within REPEAT_WINDOW_MONTHS. Saving an
 * identity replaces the situation's fingerprints (repeat-fingerprint.ts) and links it to every
 * situation of the table with a matching live fingerprint, the later-created one repeating the
 * earlier; a corrected identity that no longer matches withdraws the links it can re-check. All
 * in the caller's transaction, each new or withdrawn link audited (ids only). Fingerprints outlive
 * the identity purge until they expire (then the expiry job deletes them); a rejection deletes
 * them and the situation's links at once. Only the audited identity view shows the links, and only
 * to situations the caller may see. See ARCHITECTURE.md "Repeats" for the trade-off.
 */
import { decide, type Actor } from '@fourfold/shared/access-policy';
import type { Identity, PossibleRepeat } from '@fourfold/shared/situations';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { schedulePeriodic, type Periodic, type PeriodicLog } from '../../lib/periodic';
import { recordAudit } from '../audit/audit.service';
import { fingerprintsOf } from './repeat-fingerprint';
import * as repeatsRepo from './repeats.repository';
import { loadSituation } from './situation-access';
import { auditEventOf } from './situation-writes';

export type RepeatsDeps = { db: Kysely<DB>; repeatKey: Buffer; windowMonths: number };

export function createRepeats({ db, repeatKey, windowMonths }: RepeatsDeps) {
  return {
    /**
     * After the identity of `situation` was saved in `trx`: its fingerprints replaced, repeats
     * linked and stale links withdrawn. With a window of 0 the situation keeps no fingerprint.
     */
    async recordIn(
      trx: Transaction<DB>,
      actor: Actor,
      situation: { id: string; tableId: string; createdAt: Date },
      identity: Identity,
      requestId: string,
    ): Promise<void> {
      const { id, tableId } = situation;
      await repeatsRepo.lockTableFingerprints(trx, tableId);
      const fingerprints = windowMonths > 0 ? fingerprintsOf(repeatKey, identity.people) : [];
      await repeatsRepo.replaceFingerprints(trx, id, tableId, fingerprints, windowMonths);
      if (windowMonths === 0) return;

      // When it was created (read with the situation): a link runs from the later to the earlier.
      const self = { id, created_at: situation.createdAt };
      const matches = await repeatsRepo.situationsWithFingerprints(
        trx,
        id,
        tableId,
        fingerprints,
        windowMonths,
      );
      const matched = new Set(matches.map((m) => m.id));
      const existing = await repeatsRepo.linksOf(trx, id);
      const otherOf = (link: repeatsRepo.RepeatLink) =>
        link.situationId === id ? link.earlierSituationId : link.situationId;
      const linked = new Set(existing.map(otherOf));

      const audit = (
        action: 'situation.repeat.detect' | 'situation.repeat.withdraw',
        other: string,
      ) =>
        recordAudit(trx, {
          ...auditEventOf(actor, tableId, id, requestId, { action, dataCategory: 'de_identified' }),
          target: `situation:${other}`,
        });

      // A link is withdrawn only where both sides can still be compared: one whose other side's
      // fingerprints have expired stays (it matched when both identities were held).
      const comparable = await repeatsRepo.withLiveFingerprints(
        trx,
        existing.map(otherOf),
        windowMonths,
      );
      for (const link of existing) {
        const other = otherOf(link);
        if (matched.has(other) || !comparable.has(other)) continue;
        await repeatsRepo.deleteLink(trx, link);
        await audit('situation.repeat.withdraw', other);
      }
      for (const match of matches) {
        if (linked.has(match.id)) continue;
        await repeatsRepo.insertLink(trx, laterFirst(self, match));
        await audit('situation.repeat.detect', match.id);
      }
    },

    /**
     * The situations linked to this one either way, each only where the caller may see it: a
     * draft of another agency, or a situation of a stage the caller's agency may not see, stays
     * untold. References only, never the other situation's identity.
     */
    async possibleRepeatsFor(actor: Actor, situationId: string): Promise<PossibleRepeat[]> {
      const linked = await repeatsRepo.linkedSituations(db, situationId);
      const shown: PossibleRepeat[] = [];
      for (const other of linked) {
        const loaded = await loadSituation(db, other.id);
        if (!decide(actor, 'situation.viewDeidentified', loaded.subject).allowed) continue;
        shown.push({
          situationId: other.id,
          reference: other.reference,
          relation: other.direction,
        });
      }
      return shown;
    },
  };
}

export type Repeats = ReturnType<typeof createRepeats>;

/** The later-created situation repeats the earlier one (ties broken by id, for a stable order). */
function laterFirst(
  a: { id: string; created_at: Date },
  b: { id: string; created_at: Date },
): repeatsRepo.RepeatLink {
  const aIsLater =
    a.created_at.getTime() !== b.created_at.getTime()
      ? a.created_at.getTime() > b.created_at.getTime()
      : a.id > b.id;
  return aIsLater
    ? { situationId: a.id, earlierSituationId: b.id }
    : { situationId: b.id, earlierSituationId: a.id };
}

export type FingerprintExpiryResult = { fingerprints: number; situations: number };

const BATCH = 500;

/**
 * Deletes the fingerprints that have expired, or that are older than the window now configured
 * (all of them when it is 0), one audit event without a user per situation whose fingerprints
 * went. The links stay.
 */
export async function expireFingerprints(
  db: Kysely<DB>,
  windowMonths: number,
  { batchSize = BATCH }: { batchSize?: number } = {},
): Promise<FingerprintExpiryResult> {
  const total: FingerprintExpiryResult = { fingerprints: 0, situations: 0 };
  for (;;) {
    const found = await db.transaction().execute(async (trx) => {
      const expired = await repeatsRepo.lockExpiredFingerprints(trx, windowMonths, batchSize);
      await repeatsRepo.deleteFingerprints(trx, expired);
      const situations = new Map(expired.map((row) => [row.situation_id, row.table_id]));
      for (const [situationId, tableId] of situations) {
        await recordAudit(trx, {
          action: 'situation.repeat.fingerprint_expire',
          dataCategory: 'de_identified',
          outcome: 'allowed',
          userId: null,
          tableId,
          situationId,
        });
      }
      total.fingerprints += expired.length;
      total.situations += situations.size;
      return expired.length;
    });
    if (found < batchSize) return total;
  }
}

/** Runs the expiry now and then every `intervalMs` until stopped (see lib/periodic.ts). */
export function scheduleFingerprintExpiry({
  db,
  windowMonths,
  log,
  intervalMs = 60 * 60_000,
}: {
  db: Kysely<DB>;
  windowMonths: number;
  log: PeriodicLog;
  intervalMs?: number;
}): Periodic {
  return schedulePeriodic({
    name: 'repeat fingerprint expiry',
    intervalMs,
    log,
    run: async () => {
      const result = await expireFingerprints(db, windowMonths);
      return result.fingerprints > 0 ? result : undefined;
    },
  });
}
