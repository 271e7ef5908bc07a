/**
 * Storage of repeat detection: the fingerprints of a situation's people (keyed hashes, kept for
 * the window only) and the links between a situation and the earlier one it repeats (two ids,
 * kept for statistics). Nothing here is ever returned to a caller but situation ids and
 * references.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

/** Advisory-lock namespace of a table's fingerprints (code lists use 7270). */
const REPEAT_LOCK_NAMESPACE = 7271;

/**
 * Holds the table's fingerprints until the transaction ends: two identities of the same person
 * saved at once in two situations would otherwise each miss the other's uncommitted fingerprint.
 */
export async function lockTableFingerprints(trx: Transaction<DB>, tableId: string) {
  await sql`select pg_advisory_xact_lock(${REPEAT_LOCK_NAMESPACE}::integer, hashtext(${tableId}::text))`.execute(
    trx,
  );
}

/** A fingerprint still comparable: not expired and recorded within the current window. */
const live = (windowMonths: number) =>
  sql<boolean>`f.expires_at > now() and f.recorded_at > now() - make_interval(months => ${windowMonths})`;

export async function replaceFingerprints(
  trx: Transaction<DB>,
  situationId: string,
  tableId: string,
  fingerprints: readonly string[],
  windowMonths: number,
): Promise<void> {
  await trx.deleteFrom('situation_fingerprint').where('situation_id', '=', situationId).execute();
  if (fingerprints.length === 0) return;
  await trx
    .insertInto('situation_fingerprint')
    .values(
      fingerprints.map((fingerprint) => ({
        situation_id: situationId,
        table_id: tableId,
        fingerprint,
        recorded_at: sql<Date>`now()`,
        expires_at: sql<Date>`now() + make_interval(months => ${windowMonths})`,
      })),
    )
    .execute();
}

/**
 * The other situations of the table with a live fingerprint among `fingerprints`, with when each
 * was created (the earlier of two linked situations is the one repeated).
 */
export async function situationsWithFingerprints(
  trx: Transaction<DB>,
  situationId: string,
  tableId: string,
  fingerprints: readonly string[],
  windowMonths: number,
) {
  if (fingerprints.length === 0) return [];
  return trx
    .selectFrom('situation_fingerprint as f')
    .innerJoin('situation as s', 's.id', 'f.situation_id')
    .select(['s.id', 's.created_at'])
    .distinct()
    .where('f.table_id', '=', tableId)
    .where('f.fingerprint', 'in', fingerprints)
    .where('f.situation_id', '<>', situationId)
    .where(live(windowMonths))
    .execute();
}

/** Of `situationIds`, those that still have a live fingerprint (whose links can be re-checked). */
export async function withLiveFingerprints(
  trx: Transaction<DB>,
  situationIds: readonly string[],
  windowMonths: number,
): Promise<Set<string>> {
  if (situationIds.length === 0) return new Set();
  const rows = await trx
    .selectFrom('situation_fingerprint as f')
    .select('f.situation_id')
    .distinct()
    .where('f.situation_id', 'in', situationIds)
    .where(live(windowMonths))
    .execute();
  return new Set(rows.map((row) => row.situation_id));
}

export type RepeatLink = { situationId: string; earlierSituationId: string };

/** Every link the situation takes part in, either side. */
export async function linksOf(db: Db, situationId: string): Promise<RepeatLink[]> {
  const rows = await db
    .selectFrom('situation_repeat')
    .select(['situation_id', 'earlier_situation_id'])
    .where((eb) =>
      eb.or([eb('situation_id', '=', situationId), eb('earlier_situation_id', '=', situationId)]),
    )
    .execute();
  return rows.map((row) => ({
    situationId: row.situation_id,
    earlierSituationId: row.earlier_situation_id,
  }));
}

/**
 * The later situation of every link the situation takes part in (itself when it repeats an
 * earlier one), as an expression: the situations whose fact says "repeat" by these links.
 */
export function linkedSituationIds(situationId: string) {
  return sql<string[]>`array(select r.situation_id::text from situation_repeat r
    where r.situation_id = ${situationId} or r.earlier_situation_id = ${situationId})`;
}

export async function insertLink(trx: Transaction<DB>, link: RepeatLink): Promise<void> {
  await trx
    .insertInto('situation_repeat')
    .values({ situation_id: link.situationId, earlier_situation_id: link.earlierSituationId })
    .onConflict((oc) => oc.columns(['situation_id', 'earlier_situation_id']).doNothing())
    .execute();
}

export async function deleteLink(trx: Transaction<DB>, link: RepeatLink): Promise<void> {
  await trx
    .deleteFrom('situation_repeat')
    .where('situation_id', '=', link.situationId)
    .where('earlier_situation_id', '=', link.earlierSituationId)
    .execute();
}

/**
 * Deletes the situation's fingerprints and every link it takes part in (a rejected situation
 * keeps nothing that ties it to a person).
 */
export async function forgetSituation(
  trx: Transaction<DB>,
  situationId: string,
): Promise<{ fingerprints: number; links: number }> {
  const fingerprints = await trx
    .deleteFrom('situation_fingerprint')
    .where('situation_id', '=', situationId)
    .executeTakeFirst();
  const links = await trx
    .deleteFrom('situation_repeat')
    .where((eb) =>
      eb.or([eb('situation_id', '=', situationId), eb('earlier_situation_id', '=', situationId)]),
    )
    .executeTakeFirst();
  return {
    fingerprints: Number(fingerprints.numDeletedRows),
    links: Number(links.numDeletedRows),
  };
}

/** The situations linked to `situationId`, either way, with their references. */
export function linkedSituations(db: Db, situationId: string) {
  const later = db
    .selectFrom('situation_repeat as r')
    .innerJoin('situation as s', 's.id', 'r.situation_id')
    .select(['s.id', 's.reference', sql<'later'>`'later'`.as('direction')])
    .where('r.earlier_situation_id', '=', situationId);
  return db
    .selectFrom('situation_repeat as r')
    .innerJoin('situation as s', 's.id', 'r.earlier_situation_id')
    .select(['s.id', 's.reference', sql<'earlier' | 'later'>`'earlier'`.as('direction')])
    .where('r.situation_id', '=', situationId)
    .unionAll(later)
    .orderBy('reference')
    .execute();
}

/**
 * Fingerprints past their expiry, or recorded longer ago than the window now configured (0: all
 * of them), locked for deletion. SKIP LOCKED lets several API processes run the job at once.
 */
export function lockExpiredFingerprints(trx: Transaction<DB>, windowMonths: number, limit: number) {
  return trx
    .selectFrom('situation_fingerprint as f')
    .select(['f.situation_id', 'f.table_id', 'f.fingerprint'])
    .where(
      sql<boolean>`f.expires_at <= now() or f.recorded_at <= now() - make_interval(months => ${windowMonths})`,
    )
    .orderBy('f.expires_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function deleteFingerprints(
  trx: Transaction<DB>,
  rows: ReadonlyArray<{ situation_id: string; fingerprint: string }>,
): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .deleteFrom('situation_fingerprint')
    .where((eb) =>
      eb.or(
        rows.map((row) =>
          eb.and([
            eb('situation_id', '=', row.situation_id),
            eb('fingerprint', '=', row.fingerprint),
          ]),
        ),
      ),
    )
    .execute();
}
