/**
 * Key rotation for sealed identity and intervention notes (`pnpm identity:rekey`): every value
 * sealed with a key other than the current IDENTITY_KEY is opened with its own key (which must be
 * listed in IDENTITY_PREVIOUS_KEYS) and sealed again with the current one. Batches, each in one
 * transaction with its rows locked, so a run can stop half-way and be run again. One audit event
 * per run. A value no configured key opens is counted and left as it is.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { createIdentityVault, sealContext, type IdentityKeyRing } from '../../lib/identity-vault';
import { recordAudit } from '../audit/audit.service';
import * as identityRepo from './identity.repository';

export type RekeyResult = {
  currentKeyId: string;
  identities: number;
  notes: number;
  /** Values sealed with a key that is not configured (or damaged): left untouched. */
  unreadable: number;
};

const BATCH = 200;
const FIRST_UUID = '00000000-0000-0000-0000-000000000000';

export async function rekeyIdentityData(
  db: Kysely<DB>,
  ring: IdentityKeyRing,
  { batchSize = BATCH }: { batchSize?: number } = {},
): Promise<RekeyResult> {
  const vault = createIdentityVault(ring);
  const current = ring.currentKeyId;
  const result: RekeyResult = { currentKeyId: current, identities: 0, notes: 0, unreadable: 0 };

  /** Opens and re-seals one value; null when no configured key opens it. */
  const reseal = (keyId: string, sealed: string, context: string) => {
    try {
      return vault.seal(vault.open({ keyId, sealed }, context), context);
    } catch {
      result.unreadable += 1;
      return null;
    }
  };

  for (let after = FIRST_UUID; ;) {
    const count = await db.transaction().execute(async (trx) => {
      const rows = await identityRepo.lockIdentitiesToRekey(trx, current, after, batchSize);
      for (const row of rows) {
        const next = reseal(row.key_id, row.sealed, sealContext.identity(row.id));
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
      const rows = await identityRepo.lockNotesToRekey(trx, current, after, batchSize);
      for (const row of rows) {
        const next = reseal(row.key_id, row.sealed, sealContext.note(row.situation_id, row.id));
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
      (result.unreadable > 0 ? `, ${result.unreadable} unreadable` : ''),
  });
  return result;
}
