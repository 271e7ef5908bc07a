/**
 * Key rotation and repair for sealed identity and intervention notes (`pnpm identity:rekey`):
 *
 * - every value sealed with a key other than the current IDENTITY_KEY is opened with its own key
 *   (which must be listed in IDENTITY_PREVIOUS_KEYS) and sealed again with the current one;
 * - every value sealed against a non-canonical situation id (before ids were canonicalised where
 *   they are parsed, a situation id written in capitals in the URL became the authenticated data,
 *   so the value did not open through the canonical id) is found — by trying the upper-case id,
 *   then every other letter-case form of it — and sealed again against the canonical id.
 *
 * Batches, each in one transaction with its rows locked, so a run can stop half-way and be run
 * again; a value already sealed with the current key against its canonical id is left untouched.
 * One audit event per run. A value no configured key opens is counted and left as it is.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import {
  createIdentityVault,
  sealContext,
  type IdentityKeyRing,
  type Sealed,
} from '../../lib/identity-vault';
import { recordAudit } from '../audit/audit.service';
import * as identityRepo from './identity.repository';

export type RekeyResult = {
  currentKeyId: string;
  identities: number;
  notes: number;
  /** Of those, values that were sealed against a non-canonical situation id. */
  repaired: number;
  /** Values sealed with a key that is not configured (or damaged): left untouched. */
  unreadable: number;
};

const BATCH = 200;
const FIRST_UUID = '00000000-0000-0000-0000-000000000000';
/** Beyond this many letters in an id, only its lower- and upper-case forms are tried. */
const MAX_CASE_LETTERS = 20;

/**
 * The letter-case forms of a canonical id, most likely first: itself, all capitals, then every
 * mixture (2^letters forms; a UUID has about 12 letters).
 */
export function* caseFormsOf(id: string): Generator<string> {
  yield id;
  const upper = id.toUpperCase();
  if (upper === id) return;
  yield upper;
  const letters = [...id].flatMap((char, index) => (/[a-f]/.test(char) ? [index] : []));
  if (letters.length > MAX_CASE_LETTERS) return;
  const all = 2 ** letters.length - 1;
  for (let mask = 1; mask < all; mask += 1) {
    const chars = [...id];
    letters.forEach((index, bit) => {
      if (mask & (1 << bit)) chars[index] = chars[index]!.toUpperCase();
    });
    yield chars.join('');
  }
}

export async function rekeyIdentityData(
  db: Kysely<DB>,
  ring: IdentityKeyRing,
  { batchSize = BATCH }: { batchSize?: number } = {},
): Promise<RekeyResult> {
  const vault = createIdentityVault(ring);
  const current = ring.currentKeyId;
  const result: RekeyResult = {
    currentKeyId: current,
    identities: 0,
    notes: 0,
    repaired: 0,
    unreadable: 0,
  };

  /**
   * The value sealed again with the current key against the canonical id; null when it already
   * is, or (counted) when no configured key opens it under any form of the id.
   */
  const reseal = (
    stored: Sealed,
    situationId: string,
    contextOf: (situationId: string) => string,
  ): Sealed | null => {
    if (ring.keys.has(stored.keyId)) {
      for (const form of caseFormsOf(situationId)) {
        let plaintext: string;
        try {
          plaintext = vault.open(stored, contextOf(form));
        } catch {
          continue;
        }
        const canonical = form === situationId;
        if (canonical && stored.keyId === current) return null;
        if (!canonical) result.repaired += 1;
        return vault.seal(plaintext, contextOf(situationId));
      }
    }
    result.unreadable += 1;
    return null;
  };

  for (let after = FIRST_UUID; ;) {
    const count = await db.transaction().execute(async (trx) => {
      const rows = await identityRepo.lockIdentitiesToRekey(trx, after, batchSize);
      for (const row of rows) {
        const next = reseal({ keyId: row.key_id, sealed: row.sealed }, row.id, (id) =>
          sealContext.identity(id),
        );
        if (next) {
          await identityRepo.resealIdentity(trx, row.id, next.keyId, next.sealed);
          result.identities += 1;
        }
      }
      if (rows.length > 0) after = rows.at(-1)!.id;
      return rows.length;
    });
    if (count < batchSize) break;
  }

  for (let after = FIRST_UUID; ;) {
    const count = await db.transaction().execute(async (trx) => {
      const rows = await identityRepo.lockNotesToRekey(trx, after, batchSize);
      for (const row of rows) {
        const next = reseal({ keyId: row.key_id, sealed: row.sealed }, row.situation_id, (id) =>
          sealContext.note(id, row.id),
        );
        if (next) {
          await identityRepo.resealNote(trx, row.id, next.keyId, next.sealed);
          result.notes += 1;
        }
      }
      if (rows.length > 0) after = rows.at(-1)!.id;
      return rows.length;
    });
    if (count < batchSize) break;
  }

  await recordAudit(db, {
    action: 'situation.identity.rekey',
    dataCategory: 'identity',
    outcome: 'allowed',
    userId: null,
    purpose:
      `re-sealed with key ${current}: ${result.identities} identities, ${result.notes} notes` +
      (result.repaired > 0 ? ` (${result.repaired} bound to a non-canonical id)` : '') +
      (result.unreadable > 0 ? `, ${result.unreadable} unreadable` : ''),
  });
  return result;
}
