/**
 * Loading a meeting as the access policy sees it, in one order for every meeting route:
 * 1. the meeting must exist and its table be one where the caller may view meetings — a meeting
 *    of another table, or of a table where the caller's role sees no meetings (an analyst), is
 *    answered 404 exactly like a missing one;
 * 2. the table's gates (second factor, confidentiality agreement) answer 403 with their code;
 * 3. a change needs `meeting.run` (the coordinator): 403 for the other roles;
 * 4. a change of the meeting itself needs its current version in If-Match (428 / 412).
 */
import {
  decide,
  type Actor,
  type Permission,
  type TableSubject,
} from '@fourfold/shared/access-policy';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { AccessDeniedError, authorize, roleOn } from '../../lib/access';
import type { AuditAction } from '@fourfold/shared/audit';
import { notFound } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import * as repo from './meetings.repository';

export type LoadedMeeting = { row: repo.MeetingRow; subject: TableSubject };

export async function loadMeeting(
  db: Kysely<DB> | Transaction<DB>,
  id: string,
  options: { lock?: 'update' | 'share' } = {},
): Promise<LoadedMeeting> {
  const row = await repo.findMeeting(db, id, options);
  if (!row) throw notFound();
  return {
    row,
    subject: {
      kind: 'table',
      tableId: row.table_id,
      requiresSecondFactor: row.requires_second_factor,
    },
  };
}

/**
 * Steps 1 and 2 on a table subject. A member whose role never sees meetings is told nothing
 * more than a stranger: `not_permitted` becomes `hidden`.
 */
export function requireMeetingsVisible(
  actor: Actor,
  subject: TableSubject,
  permission: Permission = 'meeting.view',
) {
  const decision = decide(actor, 'meeting.view', subject);
  if (decision.allowed) return;
  throw new AccessDeniedError(
    permission,
    decision.reason === 'not_permitted' ? 'hidden' : decision.reason,
    { tableId: subject.tableId },
  );
}

/** Steps 1 to 3 for a change: visible first (404), then the chair's permission (403). */
export function requireMeetingRun(actor: Actor, subject: TableSubject) {
  requireMeetingsVisible(actor, subject, 'meeting.run');
  authorize(actor, 'meeting.run', subject);
}

/** The audit event of a meeting-level write: de-identified, with the table (and situation). */
export function recordMeetingAudit(
  db: Kysely<DB> | Transaction<DB>,
  actor: Actor,
  action: AuditAction,
  where: { tableId: string; requestId: string; situationId?: string | null },
) {
  return recordAudit(db, {
    action,
    dataCategory: 'de_identified',
    outcome: 'allowed',
    userId: actor.userId,
    agencyId: actor.agencyId,
    role: roleOn(actor, where.tableId),
    tableId: where.tableId,
    situationId: where.situationId ?? null,
    requestId: where.requestId,
  });
}
