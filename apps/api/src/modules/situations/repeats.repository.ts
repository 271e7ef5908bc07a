/**
 * Storage of repeat detection: the fingerprints of a situation's people (keyed hashes, kept for
 * the window only) and the links between a situation and the earlier one it repeats (two ids,
 * kept for statistics). Nothing here is ever returned to a caller but situation ids and
 * references.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * What saving an identity records for repeats: the fingerprints of its people (keyed hashes,
 * computed by the API: the key never reaches the database; none when the window is 0) and the
 * window they are kept and compared for.
 */
export type RepeatsToRecord = { fingerprints: readonly string[]; windowMonths: number };

/**
 * The steps after saving an identity, as the expression the write's last statement runs (the SQL
 * function `situation_after_identity_write`, migration 0025): under the table's advisory lock,
 * the situation's fingerprints replaced, its repeat links made and withdrawn, one audit event
 * per link changed made by the same hand as the write's own (`who`: auditEventOf in
 * situation-writes.ts) — then the steps after every write, `situation_after_write`, with the
 * situations linked before the write.
 */
export function afterIdentityWrite(
  situationId: string,
  linkedBefore: readonly string[],
  { fingerprints, windowMonths }: RepeatsToRecord,
  who: {
    userId: string | null;
    agencyId: string | null;
    role: string | null;
    requestId: string | null;
  },
) {
  return sql<void>`situation_after_identity_write(${situationId}::uuid,
    ${[...linkedBefore]}::uuid[], ${[...fingerprints]}::text[], ${windowMonths}::integer,
    ${who.userId}::uuid, ${who.agencyId}::uuid, ${who.role}::text, ${who.requestId}::text)`;
}

/**
 * The later situation of every link the situation takes part in (itself when it repeats an
 * earlier one), as an expression: the situations whose fact says "repeat" by these links.
 */
export function linkedSituationIds(situationId: string) {
  return sql<string[]>`array(select r.situation_id::text from situation_repeat r
    where r.situation_id = ${situationId} or r.earlier_situation_id = ${situationId})`;
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
