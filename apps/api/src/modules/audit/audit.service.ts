/**
 * Recording and verifying the audit log. Every sign-in, denied request, write, and read of
 * identity or intervention notes records exactly one event; a write's event goes in the write's
 * own transaction (pass the transaction as `db`).
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { chainBatch, insertAuditEvent, type AuditEventInput } from './audit.repository';

export type { AuditEventInput } from './audit.repository';

export function recordAudit(db: Kysely<DB> | Transaction<DB>, event: AuditEventInput) {
  return insertAuditEvent(db, event);
}

export type ChainVerification =
  | { intact: true; checked: number }
  | {
      intact: false;
      checked: number;
      /** The first row whose hash or link to the previous row does not hold. */
      firstBrokenId: string;
      problem: 'hash_mismatch' | 'broken_link';
    };

const GENESIS = '0'.repeat(64);
const BATCH = 5000;

/** Walks the whole chain in id order, in batches, and names the first row that does not hold. */
export async function verifyAuditChain(db: Kysely<DB>): Promise<ChainVerification> {
  let expectedPrev = GENESIS;
  let lastId = '0';
  let checked = 0;
  for (;;) {
    const rows = await chainBatch(db, lastId, BATCH);
    for (const row of rows) {
      if (row.prev_hash !== expectedPrev) {
        return { intact: false, checked, firstBrokenId: row.id, problem: 'broken_link' };
      }
      if (row.hash !== row.recomputed) {
        return { intact: false, checked, firstBrokenId: row.id, problem: 'hash_mismatch' };
      }
      expectedPrev = row.hash;
      lastId = row.id;
      checked += 1;
    }
    if (rows.length < BATCH) return { intact: true, checked };
  }
}
