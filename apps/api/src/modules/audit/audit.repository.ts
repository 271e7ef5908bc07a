/**
 * The audit log's storage. The hash chain, the id and the time are filled by a trigger
 * (migrations/0003_audit_log.sql), so an insert here names only who, what, where and why.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AuditDataCategory, DB } from '../../db/schema';

export type AuditEventInput = {
  action: string;
  dataCategory: AuditDataCategory;
  outcome: 'allowed' | 'denied';
  userId?: string | null;
  agencyId?: string | null;
  role?: string | null;
  tableId?: string | null;
  situationId?: string | null;
  purpose?: string | null;
  requestId?: string | null;
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
    })
    .execute();
}

export type ChainRow = { id: string; prev_hash: string; hash: string; recomputed: string };

/** One batch of the chain in order, each row with its hash recomputed by the database. */
export async function chainBatch(
  db: Kysely<DB>,
  afterId: string,
  limit: number,
): Promise<ChainRow[]> {
  const result = await sql<ChainRow>`
    select e.id::text as id, e.prev_hash, e.hash, audit_event_digest(e) as recomputed
    from audit_event e
    where e.id > ${afterId}::bigint
    order by e.id
    limit ${limit}`.execute(db);
  return result.rows;
}
