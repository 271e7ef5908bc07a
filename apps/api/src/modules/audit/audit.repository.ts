/**
 * The audit log's storage. The hash chain, the id and the time are filled by a trigger
 * (migrations 0003 and 0026: an event waits in `audit_event_pending` until its transaction
 * commits, and is chained then), so an insert here names only who, what, where and why.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { AuditAction } from '@fourfold/shared/audit';
import type { AuditDataCategory, DB } from '../../db/schema';

export type AuditEventInput = {
  /** One of the closed list in @fourfold/shared/audit, which the audit screens name in words. */
  action: AuditAction;
  dataCategory: AuditDataCategory;
  outcome: 'allowed' | 'denied';
  userId?: string | null;
  agencyId?: string | null;
  role?: string | null;
  tableId?: string | null;
  situationId?: string | null;
  purpose?: string | null;
  requestId?: string | null;
  /** What was acted on when no table or situation says it: "agency:<uuid>", "code:<list>/<code>". */
  target?: string | null;
};

export async function insertAuditEvent(
  db: Kysely<DB> | Transaction<DB>,
  event: AuditEventInput,
): Promise<void> {
  await db
    .insertInto('audit_event')
    .values({
      action: event.action,
      data_category: event.dataCategory,
      outcome: event.outcome,
      user_id: event.userId ?? null,
      agency_id: event.agencyId ?? null,
      role: event.role ?? null,
      table_id: event.tableId ?? null,
      situation_id: event.situationId ?? null,
      purpose: event.purpose ?? null,
      request_id: event.requestId ?? null,
      target: event.target ?? null,
    })
    .execute();
}

/**
 * The events as one INSERT … SELECT, for a write that records them in its own statement (a CTE
 * beside its update): inserted, in the order given, only when `gate` (a query) returns a row —
 * the write happened. The chain trigger takes them as any insert: at COMMIT each row, in this
 * order, takes the chain's lock and reads the last hash afresh, so concurrent writers still
 * extend the chain one at a time.
 */
export function insertAuditEventsWhen(
  gate: RawBuilder<unknown>,
  events: readonly AuditEventInput[],
): RawBuilder<unknown> {
  const rows = events.map(
    (e, ord) => sql`(${ord}::integer, ${e.action}::text, ${e.dataCategory}::text,
      ${e.outcome}::text, ${e.userId ?? null}::uuid, ${e.agencyId ?? null}::uuid,
      ${e.role ?? null}::text, ${e.tableId ?? null}::uuid, ${e.situationId ?? null}::uuid,
      ${e.purpose ?? null}::text, ${e.requestId ?? null}::text, ${e.target ?? null}::text)`,
  );
  return sql`insert into audit_event (action, data_category, outcome, user_id, agency_id, role,
      table_id, situation_id, purpose, request_id, target)
    select e.action, e.data_category, e.outcome, e.user_id, e.agency_id, e.role, e.table_id,
      e.situation_id, e.purpose, e.request_id, e.target
    from (values ${sql.join(rows)}) as e (ord, action, data_category, outcome, user_id, agency_id,
      role, table_id, situation_id, purpose, request_id, target)
    where exists (${gate})
    order by e.ord`;
}

export type ChainSummary = {
  /** How many rows the chain holds. */
  total: number;
  /** The first row (by id) whose prev_hash is not the hash of the row before it, if any. */
  first_link_break_id: string | null;
  first_link_break_position: number | null;
  /** The first row whose stored hash is not the digest the database recomputes now, if any. */
  first_hash_break_id: string | null;
  first_hash_break_position: number | null;
};

/**
 * The whole chain checked in one statement and one pass over the table, in id order: lag() hands
 * each row its predecessor's hash, audit_event_digest recomputes its own, and the aggregate keeps
 * only the count and the first break of each kind. The window and the aggregate stream, so the
 * server's memory stays bounded however long the log is, and one row comes back to Node.
 * Positions count from 1, so the rows verified before a break are its position less one.
 */
export async function summarizeChain(db: Kysely<DB>): Promise<ChainSummary> {
  const result = await sql<ChainSummary>`
    with chain as (
      select
        e.id,
        row_number() over w as position,
        e.prev_hash is distinct from coalesce(lag(e.hash) over w, repeat('0', 64)) as link_broken,
        e.hash is distinct from audit_event_digest(e) as hash_broken
      from audit_event e
      window w as (order by e.id)
    )
    select
      count(*)::int as total,
      min(id) filter (where link_broken)::text as first_link_break_id,
      min(position) filter (where link_broken)::int as first_link_break_position,
      min(id) filter (where hash_broken)::text as first_hash_break_id,
      min(position) filter (where hash_broken)::int as first_hash_break_position
    from chain`.execute(db);
  return result.rows[0]!;
}

// ---------------------------------------------------------------------------------------------
// Reading the log, for privacy officers. Every query joins the staff names (who acted, for which
// agency, on which table) and never selects the hashes.

type Db = Kysely<DB> | Transaction<DB>;

function selectEvents(db: Db) {
  return (
    db
      .selectFrom('audit_event as e')
      .leftJoin('app_user as u', 'u.id', 'e.user_id')
      .leftJoin('agency as a', 'a.id', 'e.agency_id')
      .leftJoin('situation_table as t', 't.id', 'e.table_id')
      // What an administration event changed, by its name as it is now (staff and agencies only).
      .leftJoin('app_user as tu', (join) =>
        join.on(sql<boolean>`e.target = 'user:' || tu.id::text`),
      )
      .leftJoin('agency as ta', (join) =>
        join.on(sql<boolean>`e.target = 'agency:' || ta.id::text`),
      )
      .select([
        sql<string>`e.id::text`.as('id'),
        'e.occurred_at',
        'e.user_id',
        'u.display_name as user_name',
        'e.agency_id',
        'a.name as agency_name',
        'e.role',
        'e.table_id',
        't.name as table_name',
        'e.situation_id',
        'e.action',
        'e.data_category',
        'e.purpose',
        'e.outcome',
        'e.request_id',
        'e.target',
        sql<string | null>`coalesce(tu.display_name, ta.name)`.as('target_name'),
      ])
  );
}

export type AuditEventRow = Awaited<ReturnType<ReturnType<typeof selectEvents>['execute']>>[number];

export type AuditEventFilter = {
  /** Events of these tables (never empty: the caller's scope). */
  tableIds: readonly string[];
  /** Also events of no table (sign-ins, sign-outs…) of people who are members of those tables. */
  includeMembersEventsWithoutTable: boolean;
  situationId?: string | undefined;
  userId?: string | undefined;
  agencyId?: string | undefined;
  action?: string | undefined;
  outcome?: 'allowed' | 'denied' | undefined;
  dataCategory?: AuditDataCategory | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** Keyset pagination: only events older than this id. */
  beforeId?: string | undefined;
  limit: number;
};

/**
 * One page of events in scope, newest first (by id, which is chain order and time order).
 *
 * Served by indexes at any length of the log (#12, point 1; audit-plans.test.ts): each table in
 * scope, and each member's events without a table, is one branch read newest first by its own
 * index ((table_id, id), (user_id, id)) and stopped after a page, and the page is the newest of
 * those. A single `table_id in (…) or user_id in (…)` would make the planner read every event in
 * scope, or the whole log by id, before it can sort. The time bounds are turned into id bounds too
 * (the first event at or after each instant, by audit_event_time), which the chain trigger makes
 * exact: it stamps clock_timestamp() and takes the next id under one lock (at COMMIT), so time
 * follows id.
 * The time conditions themselves stay, so a page never holds an event outside the bounds. Each
 * branch orders by its index's columns (the first is fixed there, so the order is the same): the
 * planner cannot tell which table or person a branch reads, and would otherwise walk the whole
 * log by id, filtering on the table, for any filter it deems common. The page's ids are handed
 * to the outer query as an array, so it fetches those rows by primary key (an `in (subquery)`
 * lets it scan the log by id again, probing each row).
 */
export async function searchEvents(db: Db, f: AuditEventFilter): Promise<AuditEventRow[]> {
  if (f.tableIds.length === 0) return [];
  const conditions: RawBuilder<unknown>[] = [];
  if (f.situationId !== undefined) conditions.push(sql`e.situation_id = ${f.situationId}`);
  if (f.userId !== undefined) conditions.push(sql`e.user_id = ${f.userId}`);
  if (f.agencyId !== undefined) conditions.push(sql`e.agency_id = ${f.agencyId}`);
  if (f.action !== undefined) conditions.push(sql`e.action = ${f.action}`);
  if (f.outcome !== undefined) conditions.push(sql`e.outcome = ${f.outcome}`);
  if (f.dataCategory !== undefined) conditions.push(sql`e.data_category = ${f.dataCategory}`);
  if (f.from !== undefined) {
    const from = new Date(f.from);
    conditions.push(
      sql`e.occurred_at >= ${from}`,
      sql`e.id >= (select id from audit_event where occurred_at >= ${from}
        order by occurred_at, id limit 1)`,
    );
  }
  if (f.to !== undefined) {
    const to = new Date(f.to);
    conditions.push(
      sql`e.occurred_at < ${to}`,
      sql`e.id < coalesce((select id from audit_event where occurred_at >= ${to}
        order by occurred_at, id limit 1), ${BIGINT_MAX}::bigint)`,
    );
  }
  if (f.beforeId !== undefined) conditions.push(sql`e.id < ${f.beforeId}::bigint`);
  const filters = conditions.length > 0 ? sql` and ${sql.join(conditions, sql` and `)}` : sql``;
  const tableIds = sql`array[${sql.join(f.tableIds)}]::uuid[]`;
  const membersEvents = f.includeMembersEventsWithoutTable
    ? sql`
        union all
        select b.id
        from (select distinct user_id from table_membership
          where table_id = any(${tableIds})) m
        cross join lateral (
          select e.id from audit_event e
          where e.table_id is null and e.user_id = m.user_id${filters}
          order by e.user_id desc, e.id desc limit ${f.limit}
        ) b`
    : sql``;
  const page = sql<string>`array(
    select p.id from (
      select b.id
      from unnest(${tableIds}) s(table_id)
      cross join lateral (
        select e.id from audit_event e
        where e.table_id = s.table_id${filters}
        order by e.table_id desc, e.id desc limit ${f.limit}
      ) b${membersEvents}
    ) p
    order by p.id desc limit ${f.limit})`;
  return selectEvents(db)
    .where(sql<boolean>`e.id = any(${page})`)
    .orderBy('e.id', 'desc')
    .execute();
}

/** The largest bigint: no event has an id at or after it (the bound of a `to` nothing follows). */
const BIGINT_MAX = '9223372036854775807';

/** Whether the situation table exists yet (it arrives with the situations work). */
async function situationTableExists(db: Db): Promise<boolean> {
  const result = await sql<{
    present: boolean;
  }>`select to_regclass('public.situation') is not null as present`.execute(db);
  return result.rows[0]?.present === true;
}

/**
 * The situation a human reference (RIV-2026-0042) names, and its table; null when there is no
 * such situation, or no situation table in this database.
 */
export async function findSituationIdByReference(
  db: Db,
  reference: string,
): Promise<{ id: string; tableId: string } | null> {
  if (!(await situationTableExists(db))) return null;
  const result = await sql<{ id: string; table_id: string }>`
    select id, table_id from situation where reference = ${reference}`.execute(db);
  const row = result.rows[0];
  return row ? { id: row.id, tableId: row.table_id } : null;
}

/**
 * The situation a reference names within the given tables, or null: a reference of another table
 * (prefixes are per table, but nothing forbids two alike) is as unknown here as one never issued.
 */
export async function findSituationIdByReferenceIn(
  db: Db,
  reference: string,
  tableIds: readonly string[],
): Promise<string | null> {
  if (tableIds.length === 0 || !(await situationTableExists(db))) return null;
  const result = await sql<{ id: string }>`
    select id from situation
    where reference = ${reference} and table_id in (${sql.join(tableIds)})
    limit 1`.execute(db);
  return result.rows[0]?.id ?? null;
}

/**
 * The tables a situation belongs to as far as the log and the situation itself tell: its own
 * table_id when the situation table has it, and every table recorded on its audit events.
 */
export async function situationTableIds(db: Db, situationId: string): Promise<string[]> {
  const ids = new Set<string>();
  if (await situationTableExists(db)) {
    const result = await sql<{ table_id: string }>`
      select table_id from situation where id = ${situationId}`.execute(db);
    for (const row of result.rows) if (row.table_id) ids.add(row.table_id);
  }
  const recorded = await db
    .selectFrom('audit_event')
    .select('table_id')
    .distinct()
    .where('situation_id', '=', situationId)
    .where('table_id', 'is not', null)
    .execute();
  for (const row of recorded) if (row.table_id) ids.add(row.table_id);
  return [...ids];
}

/** The events of one situation, oldest first (up to `limit` when given). */
export function situationEvents(
  db: Db,
  situationId: string,
  options: { limit?: number; categories?: readonly AuditDataCategory[]; allowedOnly?: boolean },
): Promise<AuditEventRow[]> {
  return selectEvents(db)
    .where('e.situation_id', '=', situationId)
    .$if(options.categories !== undefined, (q) =>
      q.where('e.data_category', 'in', options.categories!),
    )
    .$if(options.allowedOnly === true, (q) => q.where('e.outcome', '=', 'allowed'))
    .orderBy('e.id', 'asc')
    .$if(options.limit !== undefined, (q) => q.limit(options.limit!))
    .execute();
}

/** Per person and agency: when they first and last touched the situation, and how often. */
export function situationAccessSummary(db: Db, situationId: string) {
  return db
    .selectFrom('audit_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.user_id')
    .leftJoin('agency as a', 'a.id', 'e.agency_id')
    .where('e.situation_id', '=', situationId)
    .groupBy(['e.user_id', 'u.display_name', 'e.agency_id', 'a.name'])
    .select((eb) => [
      'e.user_id',
      'u.display_name as user_name',
      'e.agency_id',
      'a.name as agency_name',
      eb.fn.min('e.occurred_at').as('first_at'),
      eb.fn.max('e.occurred_at').as('last_at'),
      eb.fn.countAll<string>().filterWhere('e.outcome', '=', 'allowed').as('allowed_count'),
      eb.fn.countAll<string>().filterWhere('e.outcome', '=', 'denied').as('denied_count'),
      eb.fn
        .countAll<string>()
        .filterWhere((w) =>
          w.and([w('e.outcome', '=', 'allowed'), w('e.data_category', '=', 'identity')]),
        )
        .as('identity_count'),
      eb.fn
        .countAll<string>()
        .filterWhere((w) =>
          w.and([w('e.outcome', '=', 'allowed'), w('e.data_category', '=', 'intervention')]),
        )
        .as('intervention_count'),
    ])
    .orderBy('first_at')
    .execute();
}
