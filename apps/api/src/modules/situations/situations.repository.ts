/**
 * Storage of situations' de-identified facts: the situation row, its codes, the agencies present
 * and assisting, the per-table reference counter, and the keyset-paginated list. Identity and
 * intervention notes live apart (identity.repository.ts); nothing here reads them.
 */
import {
  CompiledQuery,
  sql,
  type ExpressionBuilder,
  type InferResult,
  type RawBuilder,
  type Insertable,
  type Kysely,
  type Transaction,
  type UpdateObject,
} from 'kysely';
import type { Stage } from '@fourfold/shared/situation-workflow';
import type { SituationSortKey } from '@fourfold/shared/situations';
import { firstContactOverdue } from '../../db/first-contact-due';
import { prepared, preparedText } from '../../db/prepared-statements';
import type { DB, SituationCodeTable, SituationTable } from '../../db/schema';
import { situationListItemColumns, type SituationListItemRow } from '../../db/situation-list-item';

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

export type CodeListOfSituation = SituationCodeTable['list'];

/** The agencies, codes and staff a situation's view shows, read with its row (JSON arrays). */
export type SituationAgencyPresent = { id: string; name: string; involved: boolean | null };
export type SituationAgency = { id: string; name: string };
export type SituationCode = { list: CodeListOfSituation; code: string };
export type SituationStaff = { id: string; display_name: string; agency_name: string | null };

/**
 * A situation's de-identified row, its table's settings, whether identity is held, and what its
 * view and the access policy need besides — agencies present and assisting, the originating and
 * lead agencies' names, its codes in their lists' display order, the staff who took its steps —
 * in one statement, so that a request reads a situation once (#12, point 2). With `lock`, the
 * situation row (only) is locked until the transaction ends.
 */
export async function findSituation(
  db: Db,
  id: string,
  options: SituationReadOptions = {},
): Promise<SituationRow | undefined> {
  if (options.lock === true || options.afterWrite !== undefined) {
    return situationRead(db, id, options).executeTakeFirst();
  }
  // The plain read, the most frequent statement after the person's: its text is built and
  // compiled once (about 250 µs a request otherwise) and sent prepared, so that PostgreSQL plans
  // its subqueries once per connection.
  plainReadText ??= compilePlainRead(db);
  const result = await db.executeQuery<SituationRow>(CompiledQuery.raw(plainReadText, [id]));
  return result.rows[0];
}

type SituationReadOptions = { lock?: boolean; afterWrite?: RawBuilder<unknown> };

/** The text of `findSituation`'s plain read, its one parameter the situation's id. */
let plainReadText: string | undefined;

function compilePlainRead(db: Db): string {
  const placeholder = '00000000-0000-4000-8000-000000000000';
  const compiled = situationRead(db, placeholder, {}).compile();
  // The id must be the statement's only parameter: a value added to the read later would
  // otherwise be compiled in once and sent for every situation.
  if (compiled.parameters.length !== 1 || compiled.parameters[0] !== placeholder) {
    throw new Error('the situation read has parameters besides its id');
  }
  return preparedText(compiled.sql);
}

function situationRead(db: Db, id: string, options: SituationReadOptions) {
  return (
    db
      .selectFrom('situation as s')
      .innerJoin('situation_table as t', 't.id', 's.table_id')
      .innerJoin('agency as o', 'o.id', 's.originating_agency_id')
      .leftJoin('agency as l', 'l.id', 's.lead_agency_id')
      .select(deidentifiedColumns)
      .select([
        't.requires_second_factor as table_requires_second_factor',
        't.min_risk_factors as table_min_risk_factors',
        's.first_contact_due_at',
        'o.name as originating_agency_name',
        'l.name as lead_agency_name',
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
        sql<SituationAgencyPresent[]>`coalesce((
        select json_agg(json_build_object('id', a.id, 'name', a.name, 'involved', p.involved)
          order by a.name, a.id)
        from situation_agency_present p join agency a on a.id = p.agency_id
        where p.situation_id = s.id), '[]'::json)`.as('agencies_present'),
        sql<SituationAgency[]>`coalesce((
        select json_agg(json_build_object('id', a.id, 'name', a.name) order by a.name, a.id)
        from situation_assisting_agency x join agency a on a.id = x.agency_id
        where x.situation_id = s.id), '[]'::json)`.as('assisting_agencies'),
        sql<SituationCode[]>`coalesce((
        select json_agg(json_build_object('list', sc.list, 'code', sc.code)
          order by c.sort_order, sc.code)
        from situation_code sc left join code c on c.list = sc.list and c.code = sc.code
        where sc.situation_id = s.id), '[]'::json)`.as('codes'),
        sql<SituationStaff[]>`coalesce((
        select json_agg(json_build_object(
          'id', u.id, 'display_name', u.display_name, 'agency_name', ua.name))
        from app_user u left join agency ua on ua.id = u.agency_id
        where u.id in (s.created_by, s.submitted_by, s.decided_by, s.assigned_by,
          s.first_contact_recorded_by, s.closed_by)), '[]'::json)`.as('staff'),
      ])
      // A write's remaining steps (`afterWrite`: situation_after_write, or for an identity
      // situation_after_identity_write) run in the statement that reads what it now is: nothing
      // they change (repeat fingerprints and links with their audit events, facts, cells,
      // meeting events) is on the row, and the row's own changes were made by the write's
      // earlier statements, which this one sees (migrations 0024, 0025).
      .$if(options.afterWrite !== undefined, (qb) =>
        qb.select(sql<string>`(${options.afterWrite!})::text`.as('after_write')),
      )
      .where('s.id', '=', id)
      .$if(options.lock === true, (qb) => qb.forUpdate('s'))
  );
}
export type SituationRow = InferResult<ReturnType<typeof situationRead>>[number];

/**
 * The steps after every write (the SQL function `situation_after_write`, migration 0024), as the
 * expression the write's last statement runs: the statistics facts of the situation and of the
 * situations linked to it as repeats before (`linkedBefore`) and after the write, then the open
 * meetings' events.
 */
export function afterWrite(situationId: string, linkedBefore: readonly string[]) {
  return sql<void>`situation_after_write(${situationId}::uuid, ${[...linkedBefore]}::uuid[])`;
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
 * The update that applies `changes` and increments the version, only if the situation is still
 * at `expectedVersion`, as a query for the write's statement (situation-writes.ts runs it as the
 * CTE `moved`): it returns the row's id, new version, table, lead agency and assignment time, and
 * no row when someone changed the situation meanwhile.
 */
export function updateAtVersion(
  trx: Transaction<DB>,
  id: string,
  expectedVersion: number,
  changes: SituationChanges = {},
) {
  return trx
    .updateTable('situation')
    .set({
      ...changes,
      version: sql<number>`version + 1`,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returning(['id', 'version', 'table_id', 'lead_agency_id', 'assigned_at']);
}

/**
 * Statements that run beside the versioned update, in its statement (a CTE each), reading the
 * moved row from `moved` (situation-writes.ts): they write nothing when the version did not move.
 */
const movedId = sql<string>`(select m.id from moved m)`;

/** A new situation's codes (its creation). */
export async function insertCodes(
  trx: Transaction<DB>,
  situationId: string,
  codes: ReadonlyArray<{ list: CodeListOfSituation; code: string }>,
): Promise<void> {
  if (codes.length === 0) return;
  await trx
    .insertInto('situation_code')
    .values(codes.map((c) => ({ situation_id: situationId, list: c.list, code: c.code })))
    .execute();
}

/** The situation's codes become `codes`: those no longer named go, the new ones come. */
export function replaceCodes(
  trx: Transaction<DB>,
  codes: ReadonlyArray<{ list: CodeListOfSituation; code: string }>,
) {
  const named = sql.join(codes.map((c) => sql`(${c.list}::text, ${c.code}::text)`));
  const gone = trx
    .deleteFrom('situation_code')
    .where('situation_id', '=', movedId)
    .$if(codes.length > 0, (qb) => qb.where(sql<boolean>`(list, code) not in (values ${named})`));
  if (codes.length === 0) return [gone];
  return [
    gone,
    sql`insert into situation_code (situation_id, list, code)
      select m.id, c.list, c.code from moved m cross join (values ${named}) as c (list, code)
      on conflict (situation_id, list, code) do nothing`,
  ];
}

export function insertAgenciesPresent(agencyIds: readonly string[]) {
  if (agencyIds.length === 0) return [];
  return [
    sql`insert into situation_agency_present (situation_id, agency_id)
      select m.id, a.id from moved m
      cross join unnest(${[...agencyIds]}::uuid[]) with ordinality as a (id, ord)
      order by a.ord`,
  ];
}

export function recordInvolvement(
  trx: Transaction<DB>,
  agencyId: string,
  involved: boolean,
  userId: string,
) {
  return [
    trx
      .updateTable('situation_agency_present')
      .set({ involved, declared_at: sql<Date>`now()`, declared_by: userId })
      .where('situation_id', '=', movedId)
      .where('agency_id', '=', agencyId),
  ];
}

export function insertAssistingAgencies(agencyIds: readonly string[]) {
  if (agencyIds.length === 0) return [];
  return [
    sql`insert into situation_assisting_agency (situation_id, agency_id)
      select m.id, a.id from moved m
      cross join unnest(${[...agencyIds]}::uuid[]) with ordinality as a (id, ord)
      order by a.ord`,
  ];
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
function visibleInList(
  tableId: string | RawBuilder<string>,
  draftsOfAgency: string | null | RawBuilder<string | null>,
) {
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
function matching(
  tableId: string | RawBuilder<string>,
  draftsOfAgency: string | null | RawBuilder<string | null>,
  filters: SituationListFilters,
) {
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
 * Each sort over the filtered rows (`r`): the value a cursor carries (printed as text, cast back
 * with `type`) and the key the rows are ordered by, in each direction. The keys are exactly the
 * expressions the list's indexes hold (migration 0018), so that a page is read in index order from
 * the cursor's position. References compare byte-wise ("C"), so their order does not depend on
 * the server's locale. The first-contact due time sorts nulls last both ways, as infinity ascending
 * and as minus infinity descending.
 */
const sortColumns = {
  updated: {
    column: 'sort_updated_at',
    value: sql`r.sort_updated_at`,
    type: sql.raw('timestamptz'),
    key: (_order: 'asc' | 'desc', value: RawBuilder<unknown> = sql`r.sort_updated_at`) => value,
  },
  created: {
    column: 'sort_created_at',
    value: sql`r.sort_created_at`,
    type: sql.raw('timestamptz'),
    key: (_order: 'asc' | 'desc', value: RawBuilder<unknown> = sql`r.sort_created_at`) => value,
  },
  reference: {
    column: 'reference',
    value: sql`r.reference`,
    type: sql.raw('text'),
    key: (_order: 'asc' | 'desc', value: RawBuilder<unknown> = sql`r.reference`) =>
      sql`(${value} collate "C")`,
  },
  firstContactDue: {
    column: 'sort_first_contact_due_at',
    value: sql`r.sort_first_contact_due_at`,
    type: sql.raw('timestamptz'),
    key: (order: 'asc' | 'desc', value: RawBuilder<unknown> = sql`r.sort_first_contact_due_at`) =>
      order === 'asc'
        ? sql`coalesce(${value}, 'infinity'::timestamptz)`
        : sql`coalesce(${value}, '-infinity'::timestamptz)`,
  },
} satisfies Record<
  SituationSortKey,
  {
    /** The filtered rows' column the value is read from. */
    column: string;
    value: RawBuilder<unknown>;
    type: RawBuilder<unknown>;
    key: (order: 'asc' | 'desc', value?: RawBuilder<unknown>) => RawBuilder<unknown>;
  }
>;

/**
 * The rows after `after` in the list's order: (key, id) past the last row's, as one range. The
 * position's values are scalar subqueries, for the reason the table's is (listPage): with them
 * visible, custom plans knew how far down the table the page lies and always looked cheaper than
 * the generic plan, so every cursor's page was planned anew.
 */
function afterPosition(sort: SituationListSort, after: ListPosition) {
  const { type, key } = sortColumns[sort.key];
  const past = sql.raw(sort.order === 'asc' ? '>' : '<');
  const at = key(sort.order, sql`(select ${after.value}::${type})`);
  return sql<boolean>`(${key(sort.order)}, r.id) ${past} (${at}, (select ${after.id}::uuid))`;
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

/** What a page of the list is read with; the agency may be SQL (the person read alongside). */
export type SituationListOptions = {
  tableId: string;
  /** Drafts are listed only for this agency (the caller's); null lists none. */
  draftsOfAgency: string | null | RawBuilder<string | null>;
  filters: SituationListFilters;
  sort: SituationListSort;
  after: ListPosition | undefined;
  limit: number;
};

/** One page of the list as a query: the rows in the list's order, each with its cursor value. */
function listPage(db: Db, options: SituationListOptions) {
  const { tableId, draftsOfAgency, filters, sort, after, limit } = options;
  const { value, key } = sortColumns[sort.key];
  const direction = sql.raw(sort.order);
  // A literal, not a parameter: under a parameter the generic plan of the prepared list assumes a
  // tenth of the table is wanted, costs itself out against the custom plans and is never chosen,
  // so every request was planned anew (half the list's database time: docs/benchmarks.md). A
  // checked integer, so one text per page size.
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new Error('a page limit is a positive integer');
  const pageSize = sql.lit(limit);
  return db
    .selectFrom((eb) =>
      eb
        .selectFrom('situation as s')
        .innerJoin('situation_table as t', 't.id', 's.table_id')
        .innerJoin('agency as o', 'o.id', 's.originating_agency_id')
        .leftJoin('agency as l', 'l.id', 's.lead_agency_id')
        .select(situationListItemColumns)
        // The list item's timestamps are text; the sort and the cursor use the timestamps.
        .select([
          's.updated_at as sort_updated_at',
          's.created_at as sort_created_at',
          's.first_contact_due_at as sort_first_contact_due_at',
        ])
        // The table as a scalar subquery, which the planner cannot see into: the custom plans of
        // the prepared list then estimate a table's rows as its generic plan does, and PostgreSQL
        // takes the generic plan after five runs, as it does with one table. Compared with the
        // id itself, a table larger than the average made every custom plan look cheaper than
        // the generic one, so a province's largest tables were planned on every request (0.56×
        // the bare route's throughput on 1,000,000 situations in 10 tables, the largest of
        // 251,405). The plan is the same index range either way (list-plans.test.ts). The
        // cursor's position is hidden the same way (afterPosition).
        .where(matching(sql<string>`(select ${tableId}::uuid)`, draftsOfAgency, filters))
        .as('r'),
    )
    .selectAll('r')
    .select(sql<string | null>`(${value})::text`.as('position_value'))
    .$if(after !== undefined, (qb) => qb.where(afterPosition(sort, after!)))
    .orderBy(sql`${key(sort.order)} ${direction}`)
    .orderBy(sql`r.id ${direction}`)
    .limit(pageSize);
}

/** A page of the list (the bench's bare baseline runs exactly this statement). */
export async function listSituations(
  db: Db,
  options: SituationListOptions & { draftsOfAgency: string | null },
) {
  return listPage(db, options).execute();
}

/** A row of the list as it comes back inside JSON: its sort timestamps are not read. */
export type ListedSituationRow = SituationListItemRow & {
  position_value: string | null;
};

/**
 * The acting person and a page of the list in one statement, one round trip (#12): the person's
 * SELECT (read fresh, as on every request) as a CTE, whose agency decides which drafts are listed,
 * and the page aggregated into JSON in the list's order. The caller admits the person (and checks
 * the policy) before it uses the page; a page read for a person who is then refused is dropped.
 */
export async function listSituationsWithPerson<Person>(
  db: Db,
  person: RawBuilder<Person>,
  options: Omit<SituationListOptions, 'draftsOfAgency'>,
): Promise<{ person: Person | null; page: ListedSituationRow[] }> {
  const page = listPage(db, {
    ...options,
    draftsOfAgency: sql<string | null>`(select agency_id from person)`,
  });
  const { key, column } = sortColumns[options.sort.key];
  const direction = sql.raw(options.sort.order);
  // The page's own order again, over its (at most `limit`) rows: json_agg keeps no order of itself.
  const inOrder = sql`${key(options.sort.order, sql.ref(`x.${column}`))} ${direction}, x.id ${direction}`;
  // Prepared (db/prepared-statements): a text per sort and set of filters, explicit columns.
  const result = await sql<{ person: Person | null; page: ListedSituationRow[] }>`${prepared}
    with person as (${person})
    select (select row_to_json(person) from person) as person,
      coalesce((select json_agg(x order by ${inOrder}) from (${page}) x), '[]'::json) as page`.execute(
    db,
  );
  return result.rows[0]!;
}
