/**
 * Repeats: the same person brought to the same table again within REPEAT_WINDOW_MONTHS. Saving an
 * identity replaces the situation's fingerprints (repeat-fingerprint.ts) and links it to every
 * situation of the table with a matching live fingerprint, the later-created one repeating the
 * earlier; a corrected identity that no longer matches withdraws the links it can re-check. All
 * in the write's transaction, in the SQL call of its last statement (migration 0025), each new or
 * withdrawn link audited (ids only). Fingerprints outlive
 * the identity purge until they expire (then the expiry job deletes them); a rejection deletes
 * them and the situation's links at once. Only the audited identity view shows the links, and only
 * to situations the caller may see. See ARCHITECTURE.md "Repeats" for the trade-off.
 */
import { decide, type Actor } from '@fourfold/shared/access-policy';
import type { Identity, PossibleRepeat } from '@fourfold/shared/situations';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { schedulePeriodic, type Periodic, type PeriodicLog } from '../../lib/periodic';
import { recordAudit } from '../audit/audit.service';
import { fingerprintsOf } from './repeat-fingerprint';
import * as repeatsRepo from './repeats.repository';
import { loadSituation } from './situation-access';

export type RepeatsDeps = { db: Kysely<DB>; repeatKey: Buffer; windowMonths: number };

export function createRepeats({ db, repeatKey, windowMonths }: RepeatsDeps) {
  return {
    /**
     * What saving `identity` records for repeats, passed to the write (commitWriteIn), whose last
     * statement records them under the table's lock (`record_situation_repeats`, migration 0025):
     * the situation's fingerprints replaced, repeats linked and stale links withdrawn, each
     * audited. Only the keyed hashes leave the API, never the key. With a window of 0 the
     * situation keeps no fingerprint and nothing is linked.
     */
    toRecord(identity: Identity): repeatsRepo.RepeatsToRecord {
      return {
        fingerprints: windowMonths > 0 ? fingerprintsOf(repeatKey, identity.people) : [],
        windowMonths,
      };
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
