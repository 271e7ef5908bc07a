/**
 * Storage of situation tables as administration sees them: settings, member agencies, member
 * count, and the versions of the confidentiality agreement.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { DB } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

function selectTables(db: Db) {
  return db.selectFrom('situation_table as t').select((eb) => [
    't.id',
    't.name',
    't.reference_prefix',
    't.municipality',
    't.meeting_weekday',
    sql<string | null>`to_char(t.meeting_time, 'HH24:MI')`.as('meeting_time'),
    't.requires_second_factor',
    't.min_risk_factors',
    't.time_zone',
    't.first_contact_hours',
    't.active',
    jsonArrayFrom(
      eb
        .selectFrom('table_agency as ta')
        .innerJoin('agency as a', 'a.id', 'ta.agency_id')
        .select(['a.id', 'a.name', 'a.sector', 'a.active'])
        .whereRef('ta.table_id', '=', 't.id')
        .orderBy('a.name'),
    ).as('agencies'),
    eb
      .selectFrom('table_membership as m')
      .select((inner) => inner.fn.countAll<string>().as('n'))
      .whereRef('m.table_id', '=', 't.id')
      .as('member_count'),
    eb
      .selectFrom('confidentiality_agreement as c')
      .select((inner) => inner.fn.max('c.version').as('v'))
      .whereRef('c.table_id', '=', 't.id')
      .as('agreement_version'),
  ]);
}

export type TableRow = NonNullable<Awaited<ReturnType<typeof findTable>>>;

export function listTables(db: Db) {
  return selectTables(db)
    .orderBy(sql`lower(t.name)`)
    .orderBy('t.id')
    .execute();
}

export function findTable(db: Db, tableId: string) {
  return selectTables(db).where('t.id', '=', tableId).executeTakeFirst();
}

/** Locks the table's row: agreement versions and membership checks of one table queue here. */
export function lockTable(trx: Transaction<DB>, tableId: string) {
  return trx
    .selectFrom('situation_table')
    .select(['id', 'active'])
    .where('id', '=', tableId)
    .forUpdate()
    .executeTakeFirst();
}

/** Which of the table's unique fields another table already uses (names ignore case). */
export async function takenFields(
  db: Db,
  values: { name?: string | undefined; referencePrefix?: string | undefined },
  exceptId?: string,
): Promise<{ name: boolean; referencePrefix: boolean }> {
  const others = () =>
    db
      .selectFrom('situation_table')
      .select('id')
      .$if(exceptId !== undefined, (qb) => qb.where('id', '<>', exceptId!));
  const byName =
    values.name === undefined
      ? undefined
      : await others()
          .where(sql<string>`lower(name)`, '=', values.name.toLowerCase())
          .executeTakeFirst();
  const byPrefix =
    values.referencePrefix === undefined
      ? undefined
      : await others().where('reference_prefix', '=', values.referencePrefix).executeTakeFirst();
  return { name: byName !== undefined, referencePrefix: byPrefix !== undefined };
}

export type TableValues = {
  name?: string;
  reference_prefix?: string;
  municipality?: string;
  meeting_weekday?: number | null;
  meeting_time?: string | null;
  requires_second_factor?: boolean;
  min_risk_factors?: number;
  time_zone?: string;
  first_contact_hours?: number;
  active?: boolean;
};

export async function insertTable(
  trx: Transaction<DB>,
  values: Required<Omit<TableValues, 'active'>>,
) {
  const row = await trx
    .insertInto('situation_table')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateTable(trx: Transaction<DB>, tableId: string, values: TableValues) {
  await trx
    .updateTable('situation_table')
    .set({ ...values, updated_at: sql`now()` })
    .where('id', '=', tableId)
    .execute();
}

export async function isMemberAgency(db: Db, tableId: string, agencyId: string) {
  const row = await db
    .selectFrom('table_agency')
    .select('agency_id')
    .where('table_id', '=', tableId)
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertTableAgency(trx: Transaction<DB>, tableId: string, agencyId: string) {
  await trx.insertInto('table_agency').values({ table_id: tableId, agency_id: agencyId }).execute();
}

export async function deleteTableAgency(trx: Transaction<DB>, tableId: string, agencyId: string) {
  const result = await trx
    .deleteFrom('table_agency')
    .where('table_id', '=', tableId)
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Members of the table who sit there for the agency: coordinators and agency representatives of
 * that agency. Analysts and privacy officers do not depend on their agency being a member.
 */
export async function countAgencySeats(db: Db, tableId: string, agencyId: string) {
  const row = await db
    .selectFrom('table_membership as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('m.table_id', '=', tableId)
    .where('u.agency_id', '=', agencyId)
    .where('m.role', 'in', ['coordinator', 'agency_rep'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function memberUserIds(db: Db, tableId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('table_membership')
    .select('user_id')
    .where('table_id', '=', tableId)
    .execute();
  return rows.map((row) => row.user_id);
}

export function listAgreements(db: Db, tableId: string) {
  return db
    .selectFrom('confidentiality_agreement as c')
    .select((eb) => [
      'c.version',
      'c.body_en',
      'c.body_fr',
      'c.created_at',
      eb
        .selectFrom('agreement_acceptance as a')
        .innerJoin('table_membership as m', (join) =>
          join.onRef('m.user_id', '=', 'a.user_id').onRef('m.table_id', '=', 'c.table_id'),
        )
        .select((inner) => inner.fn.countAll<string>().as('n'))
        .whereRef('a.agreement_id', '=', 'c.id')
        .as('accepted_count'),
    ])
    .where('c.table_id', '=', tableId)
    .orderBy('c.version', 'desc')
    .execute();
}

export async function latestAgreementVersion(trx: Transaction<DB>, tableId: string) {
  const row = await trx
    .selectFrom('confidentiality_agreement')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('table_id', '=', tableId)
    .executeTakeFirst();
  return row?.v ?? 0;
}

export async function insertAgreement(
  trx: Transaction<DB>,
  values: { tableId: string; version: number; bodyEn: string; bodyFr: string; createdBy: string },
) {
  await trx
    .insertInto('confidentiality_agreement')
    .values({
      table_id: values.tableId,
      version: values.version,
      body_en: values.bodyEn,
      body_fr: values.bodyFr,
      created_by: values.createdBy,
    })
    .execute();
}
