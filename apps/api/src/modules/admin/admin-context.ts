/**
 * What every administration service needs from a request: the administrator acting and the
 * request id, and one way to record their write in the audit log. Audit rows of administration
 * name who acted, on which table and under which request, never the values written (no names,
 * no e-mail addresses).
 */
import type { FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { Actor } from '@fourfold/shared/access-policy';
import type { AdminAuditAction } from '@fourfold/shared/audit';
import type { InvalidParam } from '@fourfold/shared/problem';
import type { DB } from '../../db/schema';
import { authorize, requireActor } from '../../lib/access';
import { AppError } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';

export type AdminContext = { actor: Actor; requestId: string };

/**
 * The acting administrator. The authentication plugin has already refused anyone else; checking
 * the policy again here keeps a route that forgot its declaration from becoming an open door.
 */
export function adminContext(request: FastifyRequest): AdminContext {
  const actor = requireActor(request);
  authorize(actor, 'admin.manage', { kind: 'system' });
  return { actor, requestId: request.id };
}

/**
 * What an administration write changed, for the audit row's target column: an identifier or a
 * code, never a value that was written.
 */
export const auditTarget = {
  agency: (agencyId: string) => `agency:${agencyId}`,
  user: (userId: string) => `user:${userId}`,
  code: (list: string, code: string) => `code:${list}/${code}`,
};

/** Records one administration write, in the write's own transaction. */
export function auditAdmin(
  trx: Transaction<DB>,
  ctx: AdminContext,
  action: AdminAuditAction,
  on: { tableId?: string; target?: string },
) {
  return recordAudit(trx, {
    action: `admin.${action}`,
    dataCategory: 'administration',
    outcome: 'allowed',
    userId: ctx.actor.userId,
    agencyId: ctx.actor.agencyId,
    role: 'administrator',
    tableId: on.tableId ?? null,
    target: on.target ?? null,
    requestId: ctx.requestId,
  });
}

/** A request that is well formed but breaks a rule about one field (422, naming the field). */
export function unprocessable(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, {
    status: 422,
    invalidParams: [{ in: 'body', path, message }],
  });
}

/** A value that must be unique is taken (409, naming the field, never quoting the value). */
export function taken(path: string, message: string): AppError {
  const param: InvalidParam = { in: 'body', path, message };
  return new AppError('CONFLICT', message, { invalidParams: [param] });
}

/** PostgreSQL's unique_violation, as both node-postgres and PGlite report it. */
export function isUniqueViolation(error: unknown): error is { code: string; constraint?: string } {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505'
  );
}
