/** Storage for confidentiality agreements as members read and accept them. */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

/** The table's current agreement: its highest version. */
export function findCurrentAgreement(db: Db, tableId: string) {
  return db
    .selectFrom('confidentiality_agreement')
    .select(['id', 'version', 'body_en', 'body_fr', 'created_at'])
    .where('table_id', '=', tableId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function findAcceptance(db: Db, userId: string, agreementId: string) {
  return db
    .selectFrom('agreement_acceptance')
    .select('accepted_at')
    .where('user_id', '=', userId)
    .where('agreement_id', '=', agreementId)
    .executeTakeFirst();
}

/** Records the acceptance; returns false when it was already recorded (nothing changed). */
export async function insertAcceptance(
  trx: Transaction<DB>,
  userId: string,
  agreementId: string,
): Promise<boolean> {
  const inserted = await trx
    .insertInto('agreement_acceptance')
    .values({ user_id: userId, agreement_id: agreementId })
    .onConflict((oc) => oc.columns(['user_id', 'agreement_id']).doNothing())
    .returning('accepted_at')
    .executeTakeFirst();
  return inserted !== undefined;
}
