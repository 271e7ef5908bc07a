/**
 * Recording, verifying and reading the audit log. Every sign-in, denied request, write, and read of
 * identity or intervention notes records exactly one event; a write's event goes in the write's
 * own transaction (pass the transaction as `db`). Privacy officers read the log of the tables
 * where they hold that role, and each of their reads is itself recorded.
 */
import type { AuditAction } from '@fourfold/shared/audit';
import type { Kysely, Transaction } from 'kysely';
import { can, tablesWhere, type Actor } from '@fourfold/shared/access-policy';
import {
  SITUATION_REPORT_MAX_EVENTS,
  auditReadActions,
  type AuditEvent,
  type AuditEventPage,
  type AuditVerification,
  type PersonReport,
  type SituationAccessReport,
  type auditEventQuerySchema,
} from '@fourfold/shared/audit';
import type { z } from 'zod';
import type { DB } from '../../db/schema';
import { AccessDeniedError, authorize } from '../../lib/access';
import { notFound } from '../../lib/errors';
import {
  findSituationIdByReference,
  findSituationIdByReferenceIn,
  insertAuditEvent,
  insertAuditEventsWhen,
  searchEvents,
  situationAccessSummary,
  situationEvents,
  situationTableIds,
  summarizeChain,
  type AuditEventInput,
  type AuditEventRow,
} from './audit.repository';
import { findTables } from '../tables/tables.service';
import { iso } from '../../lib/iso';

export type { AuditEventInput } from './audit.repository';

export function recordAudit(db: Kysely<DB> | Transaction<DB>, event: AuditEventInput) {
  return insertAuditEvent(db, event);
}

/**
 * The events as a statement to run inside the write's own (a CTE): recorded only when `gate`
 * returns a row, so a write that did not happen records nothing (audit.repository.ts).
 */
export const auditEventsWhen = insertAuditEventsWhen;

export type ChainVerification =
  | { intact: true; checked: number }
  | {
      intact: false;
      checked: number;
      /** The first row whose hash or link to the previous row does not hold. */
      firstBrokenId: string;
      problem: 'hash_mismatch' | 'broken_link';
    };

/**
 * Checks the whole chain in one SQL pass (summarizeChain) and names the first row that does not
 * hold: a broken link before a bad hash on the same row, since a row spliced out or moved shows
 * first as a link that no longer meets its predecessor.
 */
export async function verifyAuditChain(db: Kysely<DB>): Promise<ChainVerification> {
  const summary = await summarizeChain(db);
  const link = summary.first_link_break_position;
  const hash = summary.first_hash_break_position;
  if (link !== null && (hash === null || link <= hash)) {
    return {
      intact: false,
      checked: link - 1,
      firstBrokenId: summary.first_link_break_id!,
      problem: 'broken_link',
    };
  }
  if (hash !== null) {
    return {
      intact: false,
      checked: hash - 1,
      firstBrokenId: summary.first_hash_break_id!,
      problem: 'hash_mismatch',
    };
  }
  return { intact: true, checked: summary.total };
}

// ---------------------------------------------------------------------------------------------
// Reading the log (privacy officers)

export type AuditReadContext = { actor: Actor; requestId: string };
export type AuditEventSearch = z.output<typeof auditEventQuerySchema>;

type TableRow = Awaited<ReturnType<typeof findTables>>[number];

const tableSubject = (table: Pick<TableRow, 'id' | 'requires_second_factor'>) => ({
  kind: 'table' as const,
  tableId: table.id,
  requiresSecondFactor: table.requires_second_factor,
});

/**
 * The tables whose log this person may read now: where they are privacy officer, less those that
 * require a second factor this session lacks. None at all is refused with the policy's reason.
 */
async function readableTables(db: Kysely<DB>, actor: Actor): Promise<TableRow[]> {
  const tables = await findTables(db, tablesWhere(actor, 'audit.read'));
  const readable = tables.filter((table) => can(actor, 'audit.read', tableSubject(table)));
  if (readable.length > 0) return readable;
  const first = tables[0];
  if (first) authorize(actor, 'audit.read', tableSubject(first));
  throw new AccessDeniedError('audit.read', 'not_permitted', {});
}

/**
 * One table, named by the caller: refused as missing unless they sit at it (and as forbidden
 * when they sit at it in another role, since they know it exists).
 */
async function readableTable(db: Kysely<DB>, actor: Actor, tableId: string): Promise<TableRow> {
  const [table] = await findTables(db, [tableId]);
  authorize(actor, 'audit.read', {
    kind: 'table',
    tableId,
    requiresSecondFactor: table?.requires_second_factor ?? false,
  });
  // authorize refuses a table that does not exist (no one is a member of it).
  return table!;
}

/**
 * The tables of one situation, all of which must be readable. One outside the person's tables
 * makes the whole situation look missing: its existence is not theirs to learn.
 */
async function readableSituationTables(
  db: Kysely<DB>,
  actor: Actor,
  situationId: string,
  knownTableIds: readonly string[] = [],
): Promise<TableRow[]> {
  const ids = [...new Set([...knownTableIds, ...(await situationTableIds(db, situationId))])];
  const mine = new Set(tablesWhere(actor, 'audit.read'));
  const foreign = ids.find((id) => !mine.has(id));
  if (ids.length === 0 || foreign) {
    throw new AccessDeniedError('audit.read', 'hidden', {
      ...(foreign ? { tableId: foreign } : {}),
      situationId,
    });
  }
  const tables = await findTables(db, ids);
  for (const table of tables) authorize(actor, 'audit.read', tableSubject(table), { situationId });
  return tables;
}

function recordRead(
  db: Kysely<DB> | Transaction<DB>,
  ctx: AuditReadContext,
  action: AuditAction,
  where: { tableId?: string | null; situationId?: string | null } = {},
) {
  return recordAudit(db, {
    action,
    dataCategory: 'administration',
    outcome: 'allowed',
    userId: ctx.actor.userId,
    agencyId: ctx.actor.agencyId,
    // audit.read is held through this role only (checked before any read).
    role: 'privacy_officer',
    tableId: where.tableId ?? null,
    situationId: where.situationId ?? null,
    requestId: ctx.requestId,
  });
}

function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    occurredAt: iso(row.occurred_at),
    user: row.user_id ? { id: row.user_id, displayName: row.user_name ?? null } : null,
    agency: row.agency_id ? { id: row.agency_id, name: row.agency_name ?? null } : null,
    role: row.role,
    table: row.table_id ? { id: row.table_id, name: row.table_name ?? null } : null,
    situationId: row.situation_id,
    action: row.action,
    dataCategory: row.data_category,
    purpose: row.purpose,
    outcome: row.outcome,
    requestId: row.request_id,
    target: row.target,
    targetName: row.target_name,
  };
}

/**
 * Events in the person's scope, newest first: those of their tables, and the sign-ins and other
 * table-less events of the members of those tables. Naming a table narrows to its events only.
 */
export async function searchAuditEvents(
  db: Kysely<DB>,
  ctx: AuditReadContext,
  query: AuditEventSearch,
): Promise<AuditEventPage> {
  const tableIds = query.tableId
    ? [(await readableTable(db, ctx.actor, query.tableId)).id]
    : (await readableTables(db, ctx.actor)).map((table) => table.id);
  // A reference resolves within the person's tables only; one that names nothing there finds no
  // events, worded exactly as a search with no match, so it cannot confirm that it exists.
  const situationId = query.situationReference
    ? await findSituationIdByReferenceIn(db, query.situationReference, tableIds)
    : query.situationId;
  return db.transaction().execute(async (trx) => {
    if (situationId === null) {
      await recordRead(trx, ctx, auditReadActions.search, { tableId: query.tableId ?? null });
      return { items: [], nextCursor: null };
    }
    const rows = await searchEvents(trx, {
      tableIds,
      includeMembersEventsWithoutTable: !query.tableId,
      situationId,
      userId: query.userId,
      agencyId: query.agencyId,
      action: query.action,
      outcome: query.outcome,
      dataCategory: query.dataCategory,
      from: query.from,
      to: query.to,
      beforeId: query.cursor,
      limit: query.limit + 1,
    });
    await recordRead(trx, ctx, auditReadActions.search, { tableId: query.tableId ?? null });
    const page = rows.slice(0, query.limit);
    return {
      items: page.map(toAuditEvent),
      nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
    };
  });
}

/** Every recorded access to one situation, with a line per person and agency. */
export async function situationAccessReport(
  db: Kysely<DB>,
  ctx: AuditReadContext,
  situationId: string,
): Promise<SituationAccessReport> {
  const tables = await readableSituationTables(db, ctx.actor, situationId);
  return db.transaction().execute(async (trx) => {
    const rows = await situationEvents(trx, situationId, {
      limit: SITUATION_REPORT_MAX_EVENTS + 1,
    });
    const summary = await situationAccessSummary(trx, situationId);
    await recordRead(trx, ctx, auditReadActions.accessReport, {
      tableId: tables.length === 1 ? tables[0]!.id : null,
      situationId,
    });
    return {
      situationId,
      tables: tables.map((table) => ({ id: table.id, name: table.name })),
      events: rows.slice(0, SITUATION_REPORT_MAX_EVENTS).map(toAuditEvent),
      truncated: rows.length > SITUATION_REPORT_MAX_EVENTS,
      summary: summary.map((line) => ({
        user: line.user_id ? { id: line.user_id, displayName: line.user_name ?? null } : null,
        agency: line.agency_id ? { id: line.agency_id, name: line.agency_name ?? null } : null,
        firstAccessAt: iso(line.first_at),
        lastAccessAt: iso(line.last_at),
        allowedCount: Number(line.allowed_count),
        deniedCount: Number(line.denied_count),
        identityViewCount: Number(line.identity_count),
        interventionReadCount: Number(line.intervention_count),
      })),
    };
  });
}

/**
 * "Who has seen my information": each time the person's identifying information or the
 * intervention notes about them were seen, by agency and time — the form a privacy officer sends
 * to the person. Staff names stay out: the person learns which agencies, not which employees.
 */
export async function personAccessReport(
  db: Kysely<DB>,
  ctx: AuditReadContext,
  reference: string,
): Promise<PersonReport> {
  const situation = await findSituationIdByReference(db, reference);
  // Worded as a refusal is, so that a reference of another table cannot be told from none.
  if (!situation) throw notFound();
  const tables = await readableSituationTables(db, ctx.actor, situation.id, [situation.tableId]);
  const table = tables.find((t) => t.id === situation.tableId) ?? tables[0]!;
  return db.transaction().execute(async (trx) => {
    const rows = await situationEvents(trx, situation.id, {
      // A person's own report lists everything: no cap.
      categories: ['identity', 'intervention'],
      allowedOnly: true,
    });
    await recordRead(trx, ctx, auditReadActions.personReport, {
      tableId: situation.tableId,
      situationId: situation.id,
    });
    const byAgency = new Map<string, PersonReport['byAgency'][number]>();
    const accesses = rows.map((row) => {
      const agency = row.agency_id ? { id: row.agency_id, name: row.agency_name ?? null } : null;
      const at = iso(row.occurred_at);
      const dataCategory = row.data_category === 'identity' ? 'identity' : 'intervention';
      const key = row.agency_id ?? '';
      const line = byAgency.get(key) ?? {
        agency,
        identityCount: 0,
        interventionCount: 0,
        firstAt: at,
        lastAt: at,
      };
      if (dataCategory === 'identity') line.identityCount += 1;
      else line.interventionCount += 1;
      line.lastAt = at;
      byAgency.set(key, line);
      return { occurredAt: at, agency, role: row.role, action: row.action, dataCategory } as const;
    });
    return {
      reference,
      table: { id: table.id, name: table.name },
      generatedAt: new Date().toISOString(),
      accesses,
      byAgency: [...byAgency.values()],
    };
  });
}

/** Verifies the whole chain for a privacy officer, and records that they did. */
export async function verifyAuditLog(
  db: Kysely<DB>,
  ctx: AuditReadContext,
): Promise<AuditVerification> {
  await readableTables(db, ctx.actor);
  const result = await verifyAuditChain(db);
  await recordRead(db, ctx, auditReadActions.verify);
  return result;
}
