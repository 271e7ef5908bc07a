/**
 * Storage of situations' de-identified facts: the situation row, its codes, the agencies present
 * and assisting, the per-table reference counter, and the keyset-paginated list. Identity and
 * intervention notes live apart (identity.repository.ts); nothing here reads them.
 */
import {
  sql,
  type ExpressionBuilder,
  type Insertable,
  type Kysely,
  type Transaction,
  type UpdateObject,
} from 'kysely';
import type { Stage } from '@fourfold/shared/situation-workflow';
import type { DB, SituationCodeTable, SituationTable } from '../../db/schema';

/** The changes a write makes to a situation row; values may be SQL such as now(). */
export type SituationChanges = UpdateObject<DB, 'situation'>;

type Db = Kysely<DB> | Transaction<DB>;

/**
 * The de-identified view of a situation, as a named column list: every read of a situation selects
 * exactly these, so that a column added later (or a join to identity) cannot ride along unnoticed.
 */
export const deidentifiedColumns = [
  's.id',
  's.table_id',
  's.reference',
  's.stage',
  's.version',
  's.situation_type',
  's.age_band',
  's.gender',
  's.summary',
  's.filter1_agency_exhausted_options',
  's.filter1_significant_interest',
  's.filter1_probability_of_harm',
  's.filter1_severity_of_harm',
  's.filter1_multiple_agencies_needed',
  's.originating_agency_id',
  's.created_at',
  's.created_by',
  's.updated_at',
  's.submitted_at',
  's.submitted_by',
  's.decided_at',
  's.decided_by',
  's.rejection_reason',
  's.assigned_at',
  's.assigned_by',
  's.lead_agency_id',
  's.first_contact_at',
  's.first_contact_outcome',
  's.first_contact_recorded_by',
  's.closed_at',
  's.closed_by',
  's.conclusion_reason',
  's.no_contact_reason',
  's.identity_destroyed_at',
  's.free_text_destroyed_at',
  's.names_confirmed_digest',
] as const;

/**
 * The changes that destroy a situation's free text with its identity: the summary (the only text
 * typed about the person on the row; reasons and outcomes are codes) and the confirmation tied to
 * it. The coded facts stay, for statistics.
 */
export const freeTextDestroyed = () =>
  ({
    summary: null,
    names_confirmed_digest: null,
    free_text_destroyed_at: sql<Date>`now()`,
  }) satisfies SituationChanges;

/**
 * The next number of the table's reference series for the year, allocated in the caller's
 * transaction: the upsert takes the counter row's lock, so concurrent creations queue and never
 * share a number.
 */
export async function allocateReferenceNumber(
  trx: Transaction<DB>,
  tableId: string,
  year: number,
): Promise<number> {
  const row = await trx
    .insertInto('situation_reference_counter')
    .values({ table_id: tableId, year, last_number: 1 })
    .onConflict((oc) =>
      oc.columns(['table_id', 'year']).doUpdateSet({
        last_number: sql<number>`situation_reference_counter.last_number + 1`,
      }),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}

// ---------------------------------------------------------------------------------------------
// One situation
// ---------------------------------------------------------------------------------------------

/**
 * When first contact is due: the due time of the situation's latest `first_contact` action item
 * (the one the assignment opened), so that rescheduling that item moves the clock everywhere.
 */
export const firstContactDueAt = (eb: ExpressionBuilder<DB & { s: DB['situation'] }, 's'>) =>
  eb
    .selectFrom('action_item as fc')
    .select('fc.due_at')
    .whereRef('fc.situation_id', '=', 's.id')
    .where('fc.kind', '=', 'first_contact')
    .orderBy('fc.created_at', 'desc')
    .limit(1)
    .as('first_contact_due_at');

/**
 * A situation's de-identified row, its table's settings, and whether identity is held. With
 * `lock`, the situation row (only) is locked until the transaction ends.
 */
export function findSituation(db: Db, id: string, options: { lock?: boolean } = {}) {
  return db
    .selectFrom('situation as s')
    .innerJoin('situation_table as t', 't.id', 's.table_id')
    .select(deidentifiedColumns)
    .select([
      't.requires_second_factor as table_requires_second_factor',
      't.min_risk_factors as table_min_risk_factors',
      firstContactDueAt,
      // Whether a sealed identity exists; never the identity itself.
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('situation_identity as i')
              .select('i.situation_id')
              .whereRef('i.situation_id', '=', 's.id'),
          )
          .as('identity_held'),
    ])
    .where('s.id', '=', id)
    .$if(options.lock === true, (qb) => qb.forUpdate('s'))
    .executeTakeFirst();
}
export type SituationRow = NonNullable<Awaited<ReturnType<typeof findSituation>>>;

export type CodeListOfSituation = SituationCodeTable['list'];

/** The situation's codes, in the display order of their code lists. */
export function codesOf(db: Db, situationId: string) {
  return db
    .selectFrom('situation_code as sc')
    .leftJoin('code as c', (join) =>
      join.onRef('c.list', '=', 'sc.list').onRef('c.code', '=', 'sc.code'),
    )
    .select(['sc.list', 'sc.code'])
    .where('sc.situation_id', '=', situationId)
    .orderBy('c.sort_order')
    .orderBy('sc.code')
    .execute();
}

export function agenciesPresentOf(db: Db, situationId: string) {
  return db
    .selectFrom('situation_agency_present as p')
    .innerJoin('agency as a', 'a.id', 'p.agency_id')
    .select(['a.id', 'a.name', 'p.involved'])
    .where('p.situation_id', '=', situationId)
    .orderBy('a.name')
    .orderBy('a.id')
    .execute();
}

export function assistingAgenciesOf(db: Db, situationId: string) {
  return db
    .selectFrom('situation_assisting_agency as x')
    .innerJoin('agency as a', 'a.id', 'x.agency_id')
    .select(['a.id', 'a.name'])
    .where('x.situation_id', '=', situationId)
    .orderBy('a.name')
    .orderBy('a.id')
    .execute();
}

export async function agencyNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('agency')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** The staff who took the steps of a situation: display name and agency name. */
export async function staffOf(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, { displayName: string; agencyName: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('app_user as u')
    .leftJoin('agency as a', 'a.id', 'u.agency_id')
    .select(['u.id', 'u.display_name', 'a.name as agency_name'])
    .where('u.id', 'in', [...new Set(ids)])
    .execute();
  return new Map(
    rows.map((row) => [row.id, { displayName: row.display_name, agencyName: row.agency_name }]),
  );
}

// ---------------------------------------------------------------------------------------------
// Writes (each inside the service's transaction)
// ---------------------------------------------------------------------------------------------

export async function insertSituation(
  trx: Transaction<DB>,
  values: Insertable<SituationTable> & { id: string },
): Promise<void> {
  await trx.insertInto('situation').values(values).execute();
}

/**
 * Applies `changes` and increments the version, only if the situation is still at
 * `expectedVersion`. Returns the new version, or null when someone changed it meanwhile.
 */
export async function updateAtVersion(
  trx: Transaction<DB>,
  id: string,
  expectedVersion: number,
  changes: SituationChanges = {},
): Promise<number | null> {
  const row = await trx
    .updateTable('situation')
    .set({
      ...changes,
      version: sql<number>`version + 1`,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returning('version')
    .executeTakeFirst();
  return row?.version ?? null;
}

export async function replaceCodes(
  trx: Transaction<DB>,
  situationId: string,
  codes: ReadonlyArray<{ list: CodeListOfSituation; code: string }>,
): Promise<void> {
  await trx.deleteFrom('situation_code').where('situation_id', '=', situationId).execute();
  if (codes.length === 0) return;
  await trx
    .insertInto('situation_code')
    .values(codes.map((c) => ({ situation_id: situationId, list: c.list, code: c.code })))
    .execute();
}

export async function insertAgenciesPresent(
  trx: Transaction<DB>,
  situationId: string,
  agencyIds: readonly string[],
): Promise<void> {
  await trx
    .insertInto('situation_agency_present')
    .values(agencyIds.map((agencyId) => ({ situation_id: situationId, agency_id: agencyId })))
    .execute();
}

export async function recordInvolvement(
  trx: Transaction<DB>,
  situationId: string,
  agencyId: string,
  involved: boolean,
  userId: string,
): Promise<void> {
  await trx
    .updateTable('situation_agency_present')
    .set({ involved, declared_at: sql<Date>`now()`, declared_by: userId })
    .where('situation_id', '=', situationId)
    .where('agency_id', '=', agencyId)
    .execute();
}

export async function insertAssistingAgencies(
  trx: Transaction<DB>,
  situationId: string,
  agencyIds: readonly string[],
): Promise<void> {
  if (agencyIds.length === 0) return;
  await trx
    .insertInto('situation_assisting_agency')
    .values(agencyIds.map((agencyId) => ({ situation_id: situationId, agency_id: agencyId })))
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------------------------

/** Where the previous page ended: the exact creation time (as PostgreSQL prints it) and id. */
export type ListPosition = { createdAt: string; id: string };

/** Which situations of a table a list shows: drafts only for the caller's agency. */
function visibleInList(tableId: string, draftsOfAgency: string | null) {
  return (eb: ExpressionBuilder<DB & { s: DB['situation'] }, 's'>) =>
    eb.and([
      eb('s.table_id', '=', tableId),
      draftsOfAgency === null
        ? eb('s.stage', '<>', 'draft')
        : eb.or([eb('s.stage', '<>', 'draft'), eb('s.originating_agency_id', '=', draftsOfAgency)]),
    ]);
}

/** How many situations of the table a list would show, by stage (stages without any omitted). */
export function countSituationsByStage(
  db: Db,
  options: { tableId: string; draftsOfAgency: string | null },
) {
  return db
    .selectFrom('situation as s')
    .select(['s.stage', (eb) => eb.fn.countAll<string>().as('n')])
    .where(visibleInList(options.tableId, options.draftsOfAgency))
    .groupBy('s.stage')
    .execute();
}

export async function listSituations(
  db: Db,
  options: {
    tableId: string;
    /** Drafts are listed only for this agency (the caller's); null lists none. */
    draftsOfAgency: string | null;
    stage: Stage | undefined;
    after: ListPosition | undefined;
    limit: number;
  },
) {
  const { tableId, draftsOfAgency, stage, after, limit } = options;
  return db
    .selectFrom('situation as s')
    .innerJoin('agency as o', 'o.id', 's.originating_agency_id')
    .leftJoin('agency as l', 'l.id', 's.lead_agency_id')
    .select([
      's.id',
      's.reference',
      's.stage',
      's.situation_type',
      's.age_band',
      's.gender',
      's.originating_agency_id',
      'o.name as originating_agency_name',
      's.lead_agency_id',
      'l.name as lead_agency_name',
      's.created_at',
      's.updated_at',
      's.first_contact_at',
      firstContactDueAt,
      sql<string>`s.created_at::text`.as('position_at'),
      (eb) =>
        eb
          .selectFrom('situation_code as c')
          .select((inner) => inner.fn.countAll<string>().as('n'))
          .whereRef('c.situation_id', '=', 's.id')
          .where('c.list', '=', 'risk_factor')
          .as('risk_factor_count'),
    ])
    .where(visibleInList(tableId, draftsOfAgency))
    .$if(stage !== undefined, (qb) => qb.where('s.stage', '=', stage!))
    .$if(after !== undefined, (qb) =>
      qb.where(
        sql<boolean>`(s.created_at, s.id) < (${after!.createdAt}::timestamptz, ${after!.id}::uuid)`,
      ),
    )
    .orderBy('s.created_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(limit)
    .execute();
}
