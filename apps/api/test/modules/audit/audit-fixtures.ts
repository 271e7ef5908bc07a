/**
 * Fixtures of the audit tests: a minimal situation (only what its columns demand, to give audit
 * events a situation and a reference) and audit events written through the real recorder.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../../src/db/schema';
import { recordAudit, type AuditEventInput } from '../../../src/modules/audit/audit.service';

let counter = 0;

/** A unique human reference such as RIV-2026-0042 for the given table prefix. */
export function nextReference(prefix: string): string {
  counter += 1;
  return `${prefix}-2026-${String(counter).padStart(4, '0')}`;
}

export async function createSituation(
  db: Kysely<DB>,
  options: { tableId: string; agencyId: string; userId: string; reference: string },
) {
  return db
    .insertInto('situation')
    .values({
      table_id: options.tableId,
      reference: options.reference,
      situation_type: 'individual',
      age_band: '25_29',
      gender: 'unknown',
      summary: 'A de-identified summary for an audit test.',
      filter1_agency_exhausted_options: true,
      filter1_significant_interest: true,
      filter1_probability_of_harm: true,
      filter1_severity_of_harm: true,
      filter1_multiple_agencies_needed: true,
      originating_agency_id: options.agencyId,
      created_by: options.userId,
    })
    .returning(['id', 'reference', 'table_id'])
    .executeTakeFirstOrThrow();
}

/** Records an event as the product would, with a request id of its own. */
export function auditEvent(
  db: Kysely<DB>,
  event: Partial<AuditEventInput> & { action: AuditEventInput['action'] },
) {
  return recordAudit(db, {
    dataCategory: 'de_identified',
    outcome: 'allowed',
    requestId: `seed-${randomUUID()}`,
    ...event,
  });
}

/** The audit events a request left behind, found through its X-Request-Id. */
export function eventsOfRequest(db: Kysely<DB>, requestId: string | string[] | number | undefined) {
  return db
    .selectFrom('audit_event')
    .select([
      'action',
      'data_category',
      'outcome',
      'user_id',
      'agency_id',
      'role',
      'table_id',
      'situation_id',
    ])
    .where('request_id', '=', String(requestId))
    .execute();
}

/** GET with a bearer token; returns the response. */
export function getAs(app: FastifyInstance, headers: { authorization: string }, url: string) {
  return app.inject({ method: 'GET', url, headers });
}
