/** Storage of agencies as administration sees them: each with its tables and active users. */
import { sql, type Kysely, type Transaction } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { DB } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

function selectAgencies(db: Db) {
  return db.selectFrom('agency as a').select((eb) => [
    'a.id',
    'a.name',
    'a.sector',
    'a.active',
    jsonArrayFrom(
      eb
        .selectFrom('table_agency as ta')
        .innerJoin('situation_table as t', 't.id', 'ta.table_id')
        .select(['t.id', 't.name'])
        .whereRef('ta.agency_id', '=', 'a.id')
        .orderBy('t.name'),
    ).as('tables'),
    eb
      .selectFrom('app_user as u')
      .select((inner) => inner.fn.countAll<string>().as('n'))
      .whereRef('u.agency_id', '=', 'a.id')
      .where('u.active', '=', true)
      .as('active_user_count'),
  ]);
}

export type AgencyRow = NonNullable<Awaited<ReturnType<typeof findAgency>>>;

export function listAgencies(db: Db) {
  return selectAgencies(db)
    .orderBy(sql`lower(a.name)`)
    .orderBy('a.id')
    .execute();
}

export function findAgency(db: Db, agencyId: string) {
  return selectAgencies(db).where('a.id', '=', agencyId).executeTakeFirst();
}

/** Locks the agency's row for the rest of the transaction. */
export function lockAgency(trx: Transaction<DB>, agencyId: string) {
  return trx
    .selectFrom('agency')
    .select(['id', 'active'])
    .where('id', '=', agencyId)
    .forUpdate()
    .executeTakeFirst();
}

/** Whether another agency already has this name, ignoring case. */
export async function nameTaken(db: Db, name: string, exceptId?: string): Promise<boolean> {
  const row = await db
    .selectFrom('agency')
    .select('id')
    .where(sql<string>`lower(name)`, '=', name.toLowerCase())
    .$if(exceptId !== undefined, (qb) => qb.where('id', '<>', exceptId!))
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertAgency(trx: Transaction<DB>, values: { name: string; sector: string }) {
  const row = await trx
    .insertInto('agency')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateAgency(
  trx: Transaction<DB>,
  agencyId: string,
  values: { name?: string; sector?: string; active?: boolean },
) {
  await trx
    .updateTable('agency')
    .set({ ...values, updated_at: sql`now()` })
    .where('id', '=', agencyId)
    .execute();
}
