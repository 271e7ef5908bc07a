/**
 * Enforcing the access policy of @fourfold/shared/access-policy. Services call `authorize` with
 * the subject they loaded; a refusal becomes an AccessDeniedError, which the error handler answers
 * (404 where the subject must look missing) and records in the audit log as a denied request.
 */
import {
  decide,
  type Actor,
  type DenialReason,
  type Permission,
  type Subject,
  type TableSubject,
} from '@fourfold/shared/access-policy';
import type { FastifyRequest } from 'fastify';
import type { ErrorCode } from '@fourfold/shared/error-codes';
import { AppError } from './errors';
import type { PersonAlong } from './person-along';

const codeFor: Record<DenialReason, ErrorCode> = {
  hidden: 'NOT_FOUND',
  not_permitted: 'FORBIDDEN',
  second_factor_required: 'SECOND_FACTOR_REQUIRED',
  agreement_required: 'AGREEMENT_REQUIRED',
  identity_not_available: 'IDENTITY_NOT_AVAILABLE',
};

export class AccessDeniedError extends AppError {
  constructor(
    readonly permission: Permission,
    readonly reason: DenialReason,
    readonly subject: { tableId?: string; situationId?: string },
  ) {
    super(
      codeFor[reason],
      reason === 'hidden' ? 'The resource does not exist or is not visible to you.' : undefined,
    );
    this.name = 'AccessDeniedError';
  }
}

export function authorize(
  actor: Actor,
  permission: Permission,
  subject: Subject,
  ids: { situationId?: string } = {},
): void {
  const decision = decide(actor, permission, subject);
  if (decision.allowed) return;
  throw new AccessDeniedError(permission, decision.reason, {
    ...(subject.kind !== 'system' ? { tableId: subject.tableId } : {}),
    ...ids,
  });
}

/**
 * The table as the access policy's subject, from the caller's own membership when it carries the
 * table's gates (read with the person, on an active table): no query. Null for a table the caller
 * is not a member of, which the service then reads (and usually answers 404 for).
 */
export function memberTableSubject(actor: Actor, tableId: string): TableSubject | null {
  const membership = actor.memberships.find((m) => m.tableId === tableId);
  if (membership?.requiresSecondFactor === undefined) return null;
  return { kind: 'table', tableId, requiresSecondFactor: membership.requiresSecondFactor };
}

/** The membership role the person holds on a table, for audit events. */
export function roleOn(actor: Actor, tableId: string | null | undefined): string | null {
  if (!tableId) return actor.isAdministrator ? 'administrator' : null;
  return actor.memberships.find((m) => m.tableId === tableId)?.role ?? null;
}

/** The signed-in person of a non-public route (the authentication plugin has set it). */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
  return request.actor;
}

/** The person to read with the handler's statement, on a route declaring `personAlong`. */
export function requirePersonAlong(request: FastifyRequest): PersonAlong {
  if (!request.personAlong) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
  return request.personAlong;
}
