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
import { sql, type Compilable, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { AuditDataCategory, DB } from '../../db/schema';
import { roleOn } from '../../lib/access';
import { problemFindings, requireDeidentifiedText } from '../../lib/deidentified-text';
import { AppError } from '../../lib/errors';
import { auditEventsWhen } from '../audit/audit.service';
import type { LoadedSituation } from './situation-access';
import { afterIdentityWrite, linkedSituationIds, type RepeatsToRecord } from './repeats.repository';
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
 * Statements that run in the write's own statement, after the versioned update (a CTE each),
 * built on the write's transaction.
 */
export type AlongsideWrites = (
  trx: Transaction<DB>,
) => ReadonlyArray<Compilable | RawBuilder<unknown>>;

/**
 * Commits one write in the caller's transaction, in two statements besides any `work` (#12,
 * point 2: a workflow write makes at most 8 round trips):
 *
 * 1. the situation row moves from the version the checks saw to the next (412 when someone else
 *    moved it first), as the CTE `moved`; its audit events and the `alongside` writes (which read
 *    `moved`, so nothing is written when the version did not move) are CTEs of the same
 *    statement, which also reads the situations linked to it as repeats before the write. The
 *    audit rows go through the chain trigger as any insert does: they wait in
 *    `audit_event_pending` and are chained under the chain's lock at COMMIT (migration 0026);
 * 2. after `work` (the writes that need statements of their own), the situation as it now is is
 *    read in the statement that runs the steps after every write (`situation_after_write`,
 *    migration 0024): the statistics facts of it and of the situations linked before and after
 *    (saving an identity or rejecting can add or withdraw a link, which changes whether the
 *    later situation counts as a repeat), and the events of the open meetings that have it on
 *    their agenda, committed or rolled back with the change. A write that saves an identity
 *    passes its `repeats`, recorded first in the same call (`situation_after_identity_write`,
 *    migration 0025: the table's lock, the fingerprints, the links made and withdrawn, each with
 *    an audit event of this write's actor and request, as `auditEventOf` makes them).
 */
export async function commitWriteIn(
  trx: Transaction<DB>,
  actor: Actor,
  loaded: LoadedSituation,
  ctx: WriteContext,
  audited: AuditedAction | AuditedAction[],
  changes: repo.SituationChanges,
  work?: ((trx: Transaction<DB>) => Promise<void>) | null,
  alongside?: AlongsideWrites,
  repeats?: RepeatsToRecord,
): Promise<Situation> {
  const { id, table_id: tableId, version } = loaded.row;
  const events = (Array.isArray(audited) ? audited : [audited]).map((event) =>
    auditEventOf(actor, tableId, id, ctx.requestId, event),
  );
  const writes = [auditEventsWhen(sql`select 1 from moved`, events), ...(alongside?.(trx) ?? [])];
  const { rows } = await sql<{ version: number | null; linked_before: string[] }>`
    with moved as (${repo.updateAtVersion(trx, id, version, changes)}),
    ${sql.join(writes.map((write, i) => sql`${sql.raw(`write_${i}`)} as (${write})`))}
    select (select m.version from moved m) as version,
      ${linkedSituationIds(id)} as linked_before`.execute(trx);
  const moved = rows[0]!;
  if (moved.version === null) {
    throw new AppError(
      'PRECONDITION_FAILED',
      'The situation has changed since you loaded it. Reload it and try again.',
    );
  }
  if (work) await work(trx);
  // The repeat links' audit events differ from the write's own by action and target only.
  const afterWrite = repeats
    ? afterIdentityWrite(
        id,
        moved.linked_before,
        repeats,
        auditEventOf(actor, tableId, id, ctx.requestId, {
          action: 'situation.repeat.detect',
          dataCategory: 'de_identified',
        }),
      )
    : repo.afterWrite(id, moved.linked_before);
  return readSituationView(trx, id, { afterWrite });
}

/** {@link commitWriteIn} in a transaction of its own. */
export async function commitWrite(
  db: Kysely<DB>,
  actor: Actor,
  loaded: LoadedSituation,
  ctx: WriteContext,
  audited: AuditedAction | AuditedAction[],
  changes: repo.SituationChanges,
  work?: ((trx: Transaction<DB>) => Promise<void>) | null,
  alongside?: AlongsideWrites,
  repeats?: RepeatsToRecord,
): Promise<Situation> {
  return db
    .transaction()
    .execute((trx) =>
      commitWriteIn(trx, actor, loaded, ctx, audited, changes, work, alongside, repeats),
    );
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
