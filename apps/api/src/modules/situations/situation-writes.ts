/**
 * What every write on a situation shares: the transaction that moves the version on (only from
 * the version the checks were made against), the audit event committed with it, the check that
 * keeps personal data out of the de-identified summary, and the author's confirmation that its
 * possible names are not names.
 */
import type { AuditAction } from '@fourfold/shared/audit';
import type { Actor } from '@fourfold/shared/access-policy';
import { findPersonalData, isSoftFinding } from '@fourfold/shared/personal-data';
import type { InvalidParam } from '@fourfold/shared/problem';
import type { Situation } from '@fourfold/shared/situations';
import type { Kysely, Transaction } from 'kysely';
import type { AuditDataCategory, DB } from '../../db/schema';
import { roleOn } from '../../lib/access';
import { problemFindings, requireDeidentifiedText } from '../../lib/deidentified-text';
import { AppError } from '../../lib/errors';
import { recordAudit } from '../audit/audit.service';
import { recordSituationEventsIn } from '../meeting-events/meeting-events';
import { refreshSituationFactsIn } from '../statistics/facts.service';
import type { LoadedSituation } from './situation-access';
import { linksOf } from './repeats.repository';
import { possibleNamesOf, readSituationView, summaryDigest } from './situation-view';
import * as repo from './situations.repository';

/** What a write needs from its HTTP request: its id for the audit log and its If-Match. */
export type WriteContext = { requestId: string; ifMatch: string | undefined };

export type AuditedAction = { action: AuditAction; dataCategory: AuditDataCategory };

export function auditEventOf(
  actor: Actor | null,
  tableId: string,
  situationId: string,
  requestId: string | null,
  { action, dataCategory }: AuditedAction,
  purpose?: string | null,
) {
  return {
    action,
    dataCategory,
    outcome: 'allowed' as const,
    userId: actor?.userId ?? null,
    agencyId: actor?.agencyId ?? null,
    role: actor ? roleOn(actor, tableId) : null,
    tableId,
    situationId,
    purpose: purpose ?? null,
    requestId,
  };
}

/**
 * Commits one write in the caller's transaction: the situation row moves from the version the
 * checks saw to the next (412 when someone else moved it first), its audit event is recorded, and
 * `work` writes the rest (with any audit events of its own). Returns the situation as it now is,
 * read in the same transaction.
 */
export async function commitWriteIn(
  trx: Transaction<DB>,
  actor: Actor,
  loaded: LoadedSituation,
  ctx: WriteContext,
  audited: AuditedAction | AuditedAction[],
  changes: repo.SituationChanges,
  work?: (trx: Transaction<DB>) => Promise<void>,
): Promise<Situation> {
  const { id, table_id: tableId, version } = loaded.row;
  const next = await repo.updateAtVersion(trx, id, version, changes);
  if (next === null) {
    throw new AppError(
      'PRECONDITION_FAILED',
      'The situation has changed since you loaded it. Reload it and try again.',
    );
  }
  for (const event of Array.isArray(audited) ? audited : [audited]) {
    await recordAudit(trx, auditEventOf(actor, tableId, id, ctx.requestId, event));
  }
  // The situations linked as repeats before and after: saving an identity or rejecting can add
  // or withdraw a link, which changes whether the later situation counts as a repeat. Only the
  // `work` of a write can do so: without it the links are read once.
  const linkedBefore = await linksOf(trx, id);
  if (work) await work(trx);
  // Statistics commit with the step, or not at all (modules/statistics/facts.service.ts).
  const linkedAfter = work ? await linksOf(trx, id) : [];
  await refreshSituationFactsIn(trx, [
    id,
    ...[...linkedBefore, ...linkedAfter].map((link) => link.situationId),
  ]);
  // A change made anywhere (the situation's page or the meeting screen) reaches every open
  // meeting that has the situation on its agenda, committed or rolled back with the change.
  await recordSituationEventsIn(trx, id, 'situation.changed');
  return readSituationView(trx, id);
}

/** {@link commitWriteIn} in a transaction of its own. */
export async function commitWrite(
  db: Kysely<DB>,
  actor: Actor,
  loaded: LoadedSituation,
  ctx: WriteContext,
  audited: AuditedAction | AuditedAction[],
  changes: repo.SituationChanges,
  work?: (trx: Transaction<DB>) => Promise<void>,
): Promise<Situation> {
  return db
    .transaction()
    .execute((trx) => commitWriteIn(trx, actor, loaded, ctx, audited, changes, work));
}

export const validationFailed = (invalidParams: InvalidParam[], status?: number) =>
  new AppError('VALIDATION_FAILED', 'Some fields are missing or not valid.', {
    invalidParams,
    ...(status ? { status } : {}),
  });

/**
 * Refuses a summary in which the personal-data detector finds anything but a possible name (422),
 * naming the kinds and where they are, never the values. `names` are the parts of the names in
 * the situation's stored identity. A destroyed summary (null) has nothing left to check.
 */
export function requireDeidentifiedSummary(summary: string | null, names: readonly string[]) {
  requireDeidentifiedText(summary, names, {
    field: 'summary',
    code: 'PERSONAL_DATA_IN_SUMMARY',
    label: 'summary',
  });
}

/**
 * What saving a draft records about its possible names: with the author's confirmation, the
 * digest of the text confirmed and one audit event (only when there was something to confirm).
 */
export function nameConfirmationOf(summary: string, confirmed: boolean | undefined) {
  if (!confirmed || possibleNamesOf(summary, null) === 'none') {
    return { columns: {}, audited: [] as AuditedAction[] };
  }
  return {
    columns: { names_confirmed_digest: summaryDigest(summary) },
    audited: [
      { action: 'situation.summary.names_confirm', dataCategory: 'de_identified' },
    ] as AuditedAction[],
  };
}

/** Refuses to present a summary whose possible names the author has not confirmed (422). */
export function requireNamesConfirmed(summary: string | null, confirmedDigest: string | null) {
  if (summary === null || possibleNamesOf(summary, confirmedDigest) !== 'unconfirmed') return;
  throw new AppError(
    'NAMES_NOT_CONFIRMED',
    'Some words of the summary look like a person’s name. Confirm they are not (or remove them) before presenting.',
    { personalData: problemFindings('summary', findPersonalData(summary).filter(isSoftFinding)) },
  );
}
