/**
 * Storage of situations' de-identified facts: the situation row, its codes, the agencies present
 * and assisting, the per-table reference counter, and the keyset-paginated list. Identity and
 * intervention notes live apart (identity.repository.ts); nothing here reads them.
 */
import {
  sql,
  type ExpressionBuilder,
  type RawBuilder,
  type Insertable,
  type Kysely,
  type Transaction,
  type UpdateObject,
} from 'kysely';
import type { Stage } from '@fourfold/shared/situation-workflow';
import type { SituationSortKey } from '@fourfold/shared/situations';
import { firstContactDueAt, firstContactOverdue } from '../../db/first-contact-due';
import type { DB, SituationCodeTable, SituationTable } from '../../db/schema';
import { situationListItemColumns } from '../../db/situation-list-item';

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

/** What a list of a table's situations is narrowed to; every filter is optional. */
export type SituationListFilters = {
  stage?: Stage | undefined;
  /** Part of a reference, matched case-insensitively; LIKE wildcards in it match themselves. */
  q?: string | undefined;
  originatingAgencyId?: string | undefined;
  leadAgencyId?: string | undefined;
  /** Only situations whose first contact is overdue. */
  overdue?: boolean | undefined;
  /** Created on or after / on or before these calendar days (YYYY-MM-DD), in the table's zone. */
  createdFrom?: string | undefined;
  createdTo?: string | undefined;
};

export type SituationListSort = { key: SituationSortKey; order: 'asc' | 'desc' };

/**
 * Where the previous page ended: the last row's sort value as PostgreSQL prints it as text (so no
 * timestamp precision is lost; null for a situation without a first-contact due time) and its id.
 */
export type ListPosition = { value: string | null; id: string };

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

/** A LIKE pattern for `text` anywhere, its wildcards and the escape character taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The start of a calendar day (or of one `daysLater`) in the table's time zone; the query joins
 * the table as `t`.
 */
const startOfDay = (day: string, daysLater = 0) =>
  sql<Date>`((${day}::date + ${daysLater}::integer)::timestamp at time zone t.time_zone)`;

/** The visible situations of the table that pass the filters. */
function matching(tableId: string, draftsOfAgency: string | null, filters: SituationListFilters) {
  return (eb: ExpressionBuilder<DB & { s: DB['situation'] }, 's'>) => {
    const conditions = [visibleInList(tableId, draftsOfAgency)(eb)];
    if (filters.stage !== undefined) conditions.push(eb('s.stage', '=', filters.stage));
    // References only: the list never searches a summary or any other text about the person.
    if (filters.q) conditions.push(eb('s.reference', 'ilike', containing(filters.q)));
    if (filters.originatingAgencyId !== undefined) {
      conditions.push(eb('s.originating_agency_id', '=', filters.originatingAgencyId));
    }
    if (filters.leadAgencyId !== undefined) {
      conditions.push(eb('s.lead_agency_id', '=', filters.leadAgencyId));
    }
    if (filters.overdue === true) conditions.push(firstContactOverdue(eb));
    if (filters.createdFrom !== undefined) {
      conditions.push(eb('s.created_at', '>=', startOfDay(filters.createdFrom)));
    }
    if (filters.createdTo !== undefined) {
      // Inclusive: before the start of the next day.
      conditions.push(eb('s.created_at', '<', startOfDay(filters.createdTo, 1)));
    }
    return eb.and(conditions);
  };
}

/**
 * Each sort as a column of the filtered rows (`r`) and the type its printed value casts back to.
 * References compare byte-wise ("C"), so their order does not depend on the server's locale.
 */
const sortColumns = {
  updated: { value: sql`r.updated_at`, type: sql.raw('timestamptz') },
  created: { value: sql`r.created_at`, type: sql.raw('timestamptz') },
  reference: { value: sql`r.reference collate "C"`, type: sql.raw('text') },
  firstContactDue: { value: sql`r.first_contact_due_at`, type: sql.raw('timestamptz') },
} satisfies Record<SituationSortKey, { value: RawBuilder<unknown>; type: RawBuilder<unknown> }>;

/**
 * The rows after `after` in the list's order: (value, id) past the last row's, nulls last (only
 * the first-contact due time is ever null).
 */
function afterPosition(sort: SituationListSort, after: ListPosition) {
  const { value, type } = sortColumns[sort.key];
  const past = sql.raw(sort.order === 'asc' ? '>' : '<');
  if (after.value === null) {
    return sql<boolean>`(${value} is null and r.id ${past} ${after.id}::uuid)`;
  }
  const at = sql`${after.value}::${type}`;
  return sql<boolean>`(${value} ${past} ${at} or (${value} = ${at} and r.id ${past} ${after.id}::uuid) or ${value} is null)`;
}

/** How many situations of the table a list would show, by stage (stages without any omitted). */
export function countSituationsByStage(
  db: Db,
  options: { tableId: string; draftsOfAgency: string | null; filters: SituationListFilters },
) {
  // The stage is what is counted: a stage filter would leave one line.
  const { stage: _stage, ...filters } = options.filters;
  return db
    .selectFrom('situation as s')
    .innerJoin('situation_table as t', 't.id', 's.table_id')
    .select(['s.stage', (eb) => eb.fn.countAll<string>().as('n')])
    .where(matching(options.tableId, options.draftsOfAgency, filters))
    .groupBy('s.stage')
    .execute();
}

export async function listSituations(
  db: Db,
  options: {
    tableId: string;
    /** Drafts are listed only for this agency (the caller's); null lists none. */
    draftsOfAgency: string | null;
    filters: SituationListFilters;
    sort: SituationListSort;
    after: ListPosition | undefined;
    limit: number;
  },
) {
  const { tableId, draftsOfAgency, filters, sort, after, limit } = options;
  const { value } = sortColumns[sort.key];
  const direction = sql.raw(sort.order);
  return db
    .selectFrom((eb) =>
      eb
        .selectFrom('situation as s')
        .innerJoin('situation_table as t', 't.id', 's.table_id')
        .innerJoin('agency as o', 'o.id', 's.originating_agency_id')
        .leftJoin('agency as l', 'l.id', 's.lead_agency_id')
        .select(situationListItemColumns)
        .where(matching(tableId, draftsOfAgency, filters))
        .as('r'),
    )
    .selectAll('r')
    .select(sql<string | null>`(${value})::text`.as('position_value'))
    .$if(after !== undefined, (qb) => qb.where(afterPosition(sort, after!)))
    .orderBy(sql`${value} ${direction} nulls last`)
    .orderBy(sql`r.id ${direction}`)
    .limit(limit)
    .execute();
}
