/**
 * Loading a situation as the access policy sees it, and the one order in which every situation
 * route checks a request, so that the answers never depend on which route was called:
 *
 * 1. the situation must exist and be visible to the caller (else 404, as if it did not exist);
 * 2. the caller's session must pass the table's gates — second factor, confidentiality agreement
 *    (else 403 with that code), before anything about the situation's state is told;
 * 3. a write must carry the current version in If-Match (428 without, 412 when stale);
 * 4. the state machine must allow the action at this stage (else 409 INVALID_TRANSITION);
 * 5. the access policy must allow this caller the permission (else 403 with its code);
 * then the service validates the request body.
 */
import {
  decide,
  type Actor,
  type Permission,
  type SituationSubject,
} from '@fourfold/shared/access-policy';
import { allows, type WorkflowAction } from '@fourfold/shared/situation-workflow';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { AccessDeniedError, authorize } from '../../lib/access';
import { AppError, notFound } from '../../lib/errors';
import { requireIfMatch } from '../../lib/if-match';
import * as repo from './situations.repository';

export type LoadedSituation = {
  row: repo.SituationRow;
  subject: SituationSubject;
};

/** The situation with all its view needs, in one statement (situations.repository.ts). */
export async function loadSituation(db: Kysely<DB>, id: string): Promise<LoadedSituation> {
  return loadedFrom(await repo.findSituation(db, id));
}

/**
 * The situation, its row locked until the caller's transaction ends: a step that runs in a
 * transaction it does not own checks and writes against a version nobody else can move meanwhile.
 */
export async function loadSituationForUpdate(
  trx: Transaction<DB>,
  id: string,
): Promise<LoadedSituation> {
  return loadedFrom(await repo.findSituation(trx, id, { lock: true }));
}

function loadedFrom(row: repo.SituationRow | undefined): LoadedSituation {
  if (!row) throw notFound();
  return {
    row,
    subject: {
      kind: 'situation',
      tableId: row.table_id,
      requiresSecondFactor: row.table_requires_second_factor,
      stage: row.stage,
      originatingAgencyId: row.originating_agency_id,
      agenciesPresent: row.agencies_present.map((a) => a.id),
      leadAgencyId: row.lead_agency_id,
      assistingAgencyIds: row.assisting_agencies.map((a) => a.id),
    },
  };
}

/**
 * Steps 1 and 2: whether the caller may see the situation at all. The denial carries the
 * permission the caller asked for, so that the audit log records what was attempted.
 */
export function requireVisible(actor: Actor, permission: Permission, loaded: LoadedSituation) {
  const decision = decide(actor, 'situation.viewDeidentified', loaded.subject);
  if (decision.allowed) return;
  throw new AccessDeniedError(permission, decision.reason, {
    tableId: loaded.subject.tableId,
    situationId: loaded.row.id,
  });
}

export { etagOf, versionsIn } from '../../lib/if-match';

/** Step 3. */
export function requireCurrentVersion(loaded: LoadedSituation, ifMatch: string | undefined) {
  requireIfMatch(loaded.row.version, ifMatch, 'situation');
}

const actionNames: Record<WorkflowAction, string> = {
  submit: 'presenting it',
  accept: 'deciding on it',
  reject: 'deciding on it',
  assign: 'assigning lead and assisting agencies',
  close: 'closing it',
  editDraft: 'editing the draft',
  editIdentity: 'editing the identity',
  declareInvolvement: 'declaring involvement',
  writeNote: 'writing intervention notes',
  recordContact: 'recording the first contact',
  manageActions: 'planning action items',
  reportBack: 'reporting back',
};

/** Step 4. */
export function requireStageAllows(loaded: LoadedSituation, action: WorkflowAction) {
  if (allows(loaded.row.stage, action)) return;
  throw new AppError(
    'INVALID_TRANSITION',
    `The situation is at stage ${loaded.row.stage}: ${actionNames[action]} is not possible now.`,
  );
}

/**
 * Steps 1 to 5 for a write. `action` is the state machine's name for it; `permission` the access
 * policy's.
 */
export function checkWrite(
  actor: Actor,
  loaded: LoadedSituation,
  permission: Permission,
  action: WorkflowAction,
  ifMatch: string | undefined,
) {
  requireVisible(actor, permission, loaded);
  requireCurrentVersion(loaded, ifMatch);
  requireStageAllows(loaded, action);
  authorize(actor, permission, loaded.subject, { situationId: loaded.row.id });
}

/** Steps 1, 2 and 5 for a read. */
export function checkRead(actor: Actor, loaded: LoadedSituation, permission: Permission) {
  requireVisible(actor, permission, loaded);
  authorize(actor, permission, loaded.subject, { situationId: loaded.row.id });
}
