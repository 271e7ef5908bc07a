/**
 * The steps of a situation after it is presented — the table's decision, an agency's involvement,
 * the assignment of lead and assisting agencies, the first contact and the closure — each in two
 * forms: `<step>In(trx, …)` runs in a transaction the caller owns (a meeting records a decision
 * and its own stamp atomically), and `<step>(…)` opens a transaction of its own and calls it.
 *
 * Every inner form locks the situation row, checks in the order of situation-access.ts (against
 * the locked version, so the If-Match semantics hold whoever owns the transaction), validates the
 * body, moves the version on and records its audit events, all in the caller's transaction: if
 * the caller's transaction rolls back, so does the step (and any identity it destroyed).
 */
import type { AuditAction } from '@fourfold/shared/audit';
import type { Actor } from '@fourfold/shared/access-policy';
import {
  needsNoContactReason,
  type AssignmentRequest,
  type CloseRequest,
  type ContactRequest,
  type DecisionRequest,
  type Situation,
} from '@fourfold/shared/situations';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { AppError } from '../../lib/errors';
import {
  cancelOpenActionItemsIn,
  completeFirstContactIn,
  openFirstContact,
} from './situation-action-items';
import { recordAudit } from '../audit/audit.service';
import { recordSituationNotificationsIn } from '../notifications/notifications.service';
import { nonMemberAgencies } from '../tables/tables.service';
import {
  activeCodeKey,
  activeCodeKeys,
  inactiveCodeMessage,
  requireActiveCode,
} from '../taxonomy/taxonomy.service';
import * as identityRepo from './identity.repository';
import * as repeatsRepo from './repeats.repository';
import { checkWrite, loadSituationForUpdate } from './situation-access';
import {
  auditEventOf,
  commitWriteIn,
  validationFailed,
  type WriteContext,
} from './situation-writes';
import * as repo from './situations.repository';

export type SituationStepsDeps = {
  db: Kysely<DB>;
  /** Days identity is kept after closure; 0 destroys it in the closing transaction. */
  identityRetentionDays: number;
};

/** A first contact may be recorded a little ahead of the server's clock, not more. */
const CONTACT_CLOCK_SKEW_MS = 5 * 60_000;

/** Every agency named must be an active member agency of the table. */
export async function requireTableAgencies(
  db: Kysely<DB>,
  tableId: string,
  named: ReadonlyArray<{ path: string; agencyId: string }>,
) {
  const outside = await nonMemberAgencies(
    db,
    tableId,
    named.map(({ agencyId }) => agencyId),
  );
  const invalid = named
    .filter(({ agencyId }) => outside.has(agencyId))
    .map(({ path }) => ({
      in: 'body' as const,
      path,
      message: 'Not a member agency of this table.',
    }));
  if (invalid.length > 0) throw validationFailed(invalid);
}

/**
 * A situation concluded with no first contact recorded needs a reason (an active code of the list
 * `no_contact_reason`), so that the table's statistics can tell "could not be found" from "never
 * tried"; one concluded after a first contact must not carry one. Refusals are 422 naming the field.
 * `active` holds the codes found active (activeCodeKeys), the reason among them when it is needed.
 */
function requireNoContactReasonAsNeeded(
  firstContactAt: Date | null,
  noContactReason: string | undefined,
  active: ReadonlySet<string>,
) {
  const field = { in: 'body' as const, path: 'noContactReason' };
  if (!needsNoContactReason({ firstContact: firstContactAt })) {
    if (noContactReason === undefined) return;
    throw validationFailed(
      [{ ...field, message: 'must be left out: a first contact is recorded' }],
      422,
    );
  }
  if (noContactReason === undefined) {
    throw validationFailed(
      [{ ...field, message: 'is required: no first contact is recorded' }],
      422,
    );
  }
  if (!active.has(activeCodeKey({ list: 'no_contact_reason', code: noContactReason }))) {
    throw validationFailed([{ ...field, message: inactiveCodeMessage('no_contact_reason') }], 422);
  }
}

/** Destroys identity and notes in the caller's transaction, with one audit event. */
async function destroyIdentity(
  trx: Transaction<DB>,
  actor: Actor,
  situationId: string,
  tableId: string,
  requestId: string,
  action: AuditAction,
) {
  await identityRepo.destroyIdentifyingData(trx, [situationId]);
  await recordAudit(
    trx,
    auditEventOf(actor, tableId, situationId, requestId, { action, dataCategory: 'identity' }),
  );
}

export function createSituationSteps({ db, identityRetentionDays }: SituationStepsDeps) {
  /**
   * The table's filter-2 decision. A rejection destroys the identity, and the summary with it,
   * in the same transaction.
   */
  async function decideIn(
    trx: Transaction<DB>,
    actor: Actor,
    id: string,
    body: DecisionRequest,
    ctx: WriteContext,
  ): Promise<Situation> {
    const loaded = await loadSituationForUpdate(trx, id);
    const accepted = body.outcome === 'accepted';
    checkWrite(actor, loaded, 'situation.decide', accepted ? 'accept' : 'reject', ctx.ifMatch);
    const duplicates = body.agenciesPresent
      .map((agencyId, index) => ({ agencyId, index }))
      .filter(({ agencyId, index }) => body.agenciesPresent.indexOf(agencyId) !== index);
    if (duplicates.length > 0) {
      throw validationFailed(
        duplicates.map(({ index }) => ({
          in: 'body',
          path: `agenciesPresent.${index}`,
          message: 'must not repeat an agency',
        })),
      );
    }
    await requireTableAgencies(
      trx,
      loaded.row.table_id,
      body.agenciesPresent.map((agencyId, index) => ({
        path: `agenciesPresent.${index}`,
        agencyId,
      })),
    );
    if (!accepted) {
      await requireActiveCode(trx, 'rejection_reason', body.rejectionReason!, {
        in: 'body',
        path: 'rejectionReason',
      });
    }
    return commitWriteIn(
      trx,
      actor,
      loaded,
      ctx,
      { action: 'situation.decide', dataCategory: 'de_identified' },
      {
        stage: accepted ? 'filter3' : 'rejected',
        decided_at: sql<Date>`now()`,
        decided_by: actor.userId,
        rejection_reason: accepted ? null : body.rejectionReason!,
        ...(accepted
          ? {}
          : { identity_destroyed_at: sql<Date>`now()`, ...repo.freeTextDestroyed() }),
      },
      accepted
        ? null
        : async (inner) => {
            // A keyed hash identifies the person to whoever holds the key, and a link ties the
            // situation to a named one: a rejected situation keeps neither.
            await repeatsRepo.forgetSituation(inner, id);
            await destroyIdentity(
              inner,
              actor,
              id,
              loaded.row.table_id,
              ctx.requestId,
              'situation.identity.destroy',
            );
          },
      () => repo.insertAgenciesPresent(body.agenciesPresent),
    );
  }

  /** An agency present at filter 3 says whether it already works with the person. */
  async function declareInvolvementIn(
    trx: Transaction<DB>,
    actor: Actor,
    id: string,
    involved: boolean,
    ctx: WriteContext,
  ): Promise<Situation> {
    const loaded = await loadSituationForUpdate(trx, id);
    checkWrite(actor, loaded, 'situation.declareInvolvement', 'declareInvolvement', ctx.ifMatch);
    return commitWriteIn(
      trx,
      actor,
      loaded,
      ctx,
      { action: 'situation.involvement.declare', dataCategory: 'de_identified' },
      {},
      null,
      // The policy allows only an agency recorded as present, so the row exists.
      (inner) => repo.recordInvolvement(inner, actor.agencyId!, involved, actor.userId),
    );
  }

  async function assignIn(
    trx: Transaction<DB>,
    actor: Actor,
    id: string,
    body: AssignmentRequest,
    ctx: WriteContext,
  ): Promise<Situation> {
    const loaded = await loadSituationForUpdate(trx, id);
    checkWrite(actor, loaded, 'situation.assign', 'assign', ctx.ifMatch);
    await requireTableAgencies(trx, loaded.row.table_id, [
      { path: 'leadAgencyId', agencyId: body.leadAgencyId },
      ...body.assistingAgencyIds.map((agencyId, index) => ({
        path: `assistingAgencyIds.${index}`,
        agencyId,
      })),
    ]);
    return commitWriteIn(
      trx,
      actor,
      loaded,
      ctx,
      { action: 'situation.assign', dataCategory: 'de_identified' },
      {
        stage: 'filter4',
        assigned_at: sql<Date>`now()`,
        assigned_by: actor.userId,
        lead_agency_id: body.leadAgencyId,
      },
      // The named agencies' members learn of it (in the app now, by e-mail after the commit).
      (inner) =>
        recordSituationNotificationsIn(inner, {
          tableId: loaded.row.table_id,
          situationId: id,
          agencies: [
            { agencyId: body.leadAgencyId, kind: 'lead_assigned' },
            ...[...new Set(body.assistingAgencyIds)]
              .filter((agencyId) => agencyId !== body.leadAgencyId)
              .map((agencyId) => ({ agencyId, kind: 'assisting_assigned' as const })),
          ],
        }),
      // The 48-hour clock starts with the assignment (situation-action-items.ts), within the
      // write, so that the situation it answers with already carries its due time.
      () => [
        ...repo.insertAssistingAgencies(body.assistingAgencyIds),
        openFirstContact(actor.userId),
      ],
    );
  }

  /** The first contact (the "door knock"), once. */
  async function recordContactIn(
    trx: Transaction<DB>,
    actor: Actor,
    id: string,
    body: ContactRequest,
    ctx: WriteContext,
  ): Promise<Situation> {
    const loaded = await loadSituationForUpdate(trx, id);
    checkWrite(actor, loaded, 'situation.recordContact', 'recordContact', ctx.ifMatch);
    if (loaded.row.first_contact_at !== null) {
      throw new AppError('CONFLICT', 'The first contact has already been recorded.');
    }
    const at = new Date(body.at);
    const decidedAt = loaded.row.decided_at ? new Date(loaded.row.decided_at) : null;
    if (at.getTime() > Date.now() + CONTACT_CLOCK_SKEW_MS) {
      throw validationFailed([{ in: 'body', path: 'at', message: 'must not be in the future' }]);
    }
    if (decidedAt && at.getTime() < decidedAt.getTime()) {
      throw validationFailed([
        { in: 'body', path: 'at', message: 'must not be before the table agreed on the risk' },
      ]);
    }
    return commitWriteIn(
      trx,
      actor,
      loaded,
      ctx,
      { action: 'situation.contact.record', dataCategory: 'de_identified' },
      {
        first_contact_at: at,
        first_contact_outcome: body.outcome,
        first_contact_recorded_by: actor.userId,
      },
      (inner) => completeFirstContactIn(inner, id, actor.userId),
    );
  }

  /**
   * Concludes the situation, with a no-contact reason exactly when no first contact is recorded.
   * With a retention of 0 days its identity, notes and summary are destroyed in the same
   * transaction; otherwise the retention purge destroys them later.
   */
  async function closeIn(
    trx: Transaction<DB>,
    actor: Actor,
    id: string,
    { conclusion, noContactReason }: CloseRequest,
    ctx: WriteContext,
  ): Promise<Situation> {
    const loaded = await loadSituationForUpdate(trx, id);
    checkWrite(actor, loaded, 'situation.close', 'close', ctx.ifMatch);
    // The conclusion and, when one is needed, the no-contact reason: both codes in one statement,
    // refused in the order of the fields.
    const firstContactAt = loaded.row.first_contact_at;
    const conclusionCode = { list: 'conclusion_reason', code: conclusion } as const;
    const active = await activeCodeKeys(trx, [
      conclusionCode,
      ...(needsNoContactReason({ firstContact: firstContactAt }) && noContactReason !== undefined
        ? [{ list: 'no_contact_reason', code: noContactReason } as const]
        : []),
    ]);
    if (!active.has(activeCodeKey(conclusionCode))) {
      throw new AppError('VALIDATION_FAILED', undefined, {
        invalidParams: [
          { in: 'body', path: 'conclusion', message: inactiveCodeMessage('conclusion_reason') },
        ],
      });
    }
    requireNoContactReasonAsNeeded(firstContactAt, noContactReason, active);
    const destroyNow = identityRetentionDays === 0;
    return commitWriteIn(
      trx,
      actor,
      loaded,
      ctx,
      { action: 'situation.close', dataCategory: 'de_identified' },
      {
        stage: 'closed',
        closed_at: sql<Date>`now()`,
        closed_by: actor.userId,
        conclusion_reason: conclusion,
        no_contact_reason: noContactReason ?? null,
        ...(destroyNow
          ? { identity_destroyed_at: sql<Date>`now()`, ...repo.freeTextDestroyed() }
          : {}),
      },
      async (inner) => {
        await cancelOpenActionItemsIn(inner, id, actor.userId);
        if (destroyNow) {
          await destroyIdentity(
            inner,
            actor,
            id,
            loaded.row.table_id,
            ctx.requestId,
            'situation.identity.purge',
          );
        }
      },
    );
  }

  /** Runs a step in a transaction of its own. */
  const own =
    <A extends unknown[]>(
      step: (trx: Transaction<DB>, ...args: A) => Promise<Situation>,
    ): ((...args: A) => Promise<Situation>) =>
    (...args) =>
      db.transaction().execute((trx) => step(trx, ...args));

  return {
    decideIn,
    declareInvolvementIn,
    assignIn,
    recordContactIn,
    closeIn,
    decide: own(decideIn),
    declareInvolvement: own(declareInvolvementIn),
    assign: own(assignIn),
    recordContact: own(recordContactIn),
    close: own(closeIn),
  };
}

export type SituationSteps = ReturnType<typeof createSituationSteps>;
