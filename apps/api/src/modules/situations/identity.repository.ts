/**
 * Storage of what identifies a person: the sealed identity of a situation and its sealed
 * intervention notes. Rows hold only ciphertext and the id of the key that sealed it; sealing and
 * opening happen in the services with the identity vault.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { destroyActionFreeTextIn } from './situation-action-items';
import { freeTextDestroyed } from './situations.repository';

type Db = Kysely<DB> | Transaction<DB>;

export function findSealedIdentity(db: Db, situationId: string) {
  return db
    .selectFrom('situation_identity')
    .select(['key_id', 'sealed', 'updated_at'])
    .where('situation_id', '=', situationId)
    .executeTakeFirst();
}

/**
 * Enters or replaces the sealed identity, as a statement of the write's own (situation-writes.ts:
 * it reads the moved row, so nothing is saved when the version did not move).
 */
export function saveSealedIdentity(values: { keyId: string; sealed: string; userId: string }) {
  return sql`insert into situation_identity (situation_id, key_id, sealed, updated_by)
    select m.id, ${values.keyId}::text, ${values.sealed}::text, ${values.userId}::uuid
    from moved m
    on conflict (situation_id) do update set key_id = excluded.key_id, sealed = excluded.sealed,
      updated_by = excluded.updated_by, updated_at = now()`;
}

export async function insertSealedNote(
  trx: Transaction<DB>,
  values: {
    id: string;
    situationId: string;
    agencyId: string;
    authorId: string;
    keyId: string;
    sealed: string;
  },
): Promise<void> {
  await trx
    .insertInto('intervention_note')
    .values({
      id: values.id,
      situation_id: values.situationId,
      agency_id: values.agencyId,
      author_id: values.authorId,
      key_id: values.keyId,
      sealed: values.sealed,
    })
    .execute();
}

export function sealedNotesOf(db: Db, situationId: string) {
  return db
    .selectFrom('intervention_note as n')
    .innerJoin('agency as a', 'a.id', 'n.agency_id')
    .innerJoin('app_user as u', 'u.id', 'n.author_id')
    .select([
      'n.id',
      'n.key_id',
      'n.sealed',
      'n.created_at',
      'a.id as agency_id',
      'a.name as agency_name',
      'u.display_name as author_name',
    ])
    .where('n.situation_id', '=', situationId)
    .orderBy('n.created_at')
    .orderBy('n.id')
    .execute();
}

/**
 * Deletes (not blanks) everything identifying of the situations: their identity and intervention
 * notes. The caller marks the situations destroyed in the same transaction. Returns how many
 * rows went.
 */
export async function destroyIdentifyingData(
  trx: Transaction<DB>,
  situationIds: readonly string[],
): Promise<{ identities: number; notes: number }> {
  if (situationIds.length === 0) return { identities: 0, notes: 0 };
  const identities = await trx
    .deleteFrom('situation_identity')
    .where('situation_id', 'in', situationIds)
    .executeTakeFirst();
  const notes = await trx
    .deleteFrom('intervention_note')
    .where('situation_id', 'in', situationIds)
    .executeTakeFirst();
  // Action item descriptions and report-backs are free text about the situation too.
  await destroyActionFreeTextIn(trx, situationIds);
  return {
    identities: Number(identities.numDeletedRows),
    notes: Number(notes.numDeletedRows),
  };
}

// ---------------------------------------------------------------------------------------------
// Retention
// ---------------------------------------------------------------------------------------------

/**
 * Closed situations whose identifying data is still held `retentionDays` after closure, locked
 * for the purge. SKIP LOCKED lets several API processes purge at once without waiting on, or
 * purging twice, the same situation.
 */
export function lockExpiredForPurge(trx: Transaction<DB>, retentionDays: number, limit: number) {
  return trx
    .selectFrom('situation')
    .select(['id', 'table_id'])
    .where('stage', '=', 'closed')
    .where('identity_destroyed_at', 'is', null)
    .where(sql<boolean>`closed_at <= now() - make_interval(days => ${retentionDays})`)
    .orderBy('closed_at')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function markIdentityDestroyed(
  trx: Transaction<DB>,
  situationIds: readonly string[],
): Promise<void> {
  if (situationIds.length === 0) return;
  await trx
    .updateTable('situation')
    .set({
      identity_destroyed_at: sql<Date>`now()`,
      // The summary goes with the identity (situations.repository.ts).
      ...freeTextDestroyed(),
      version: sql<number>`version + 1`,
      updated_at: sql<Date>`now()`,
    })
    .where('id', 'in', situationIds)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Re-keying
// ---------------------------------------------------------------------------------------------

/**
 * The next identities after `afterId`, locked: every one, since a value sealed with the current key
 * may still be bound to a non-canonical id (see rekey.service.ts).
 */
export function lockIdentitiesToRekey(trx: Transaction<DB>, afterId: string, limit: number) {
  return trx
    .selectFrom('situation_identity')
    .select(['situation_id as id', 'key_id', 'sealed'])
    .where('situation_id', '>', afterId)
    .orderBy('situation_id')
    .limit(limit)
    .forUpdate()
    .execute();
}

export async function resealIdentity(
  trx: Transaction<DB>,
  situationId: string,
  keyId: string,
  sealed: string,
): Promise<void> {
  // updated_at stays: it is when the identity's content last changed, shown to its readers.
  await trx
    .updateTable('situation_identity')
    .set({ key_id: keyId, sealed })
    .where('situation_id', '=', situationId)
    .execute();
}

/** The next notes after `afterId`, locked (every one, as for identities). */
export function lockNotesToRekey(trx: Transaction<DB>, afterId: string, limit: number) {
  return trx
    .selectFrom('intervention_note')
    .select(['id', 'situation_id', 'key_id', 'sealed'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .execute();
}

export async function resealNote(
  trx: Transaction<DB>,
  noteId: string,
  keyId: string,
  sealed: string,
): Promise<void> {
  await trx
    .updateTable('intervention_note')
    .set({ key_id: keyId, sealed })
    .where('id', '=', noteId)
    .execute();
}
