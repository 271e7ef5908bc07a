/**
 * Action items on a situation at filter 4 (its intervention plan) and report-backs (the agencies'
 * de-identified status updates at filters 3 and 4). Checks follow the order of
 * situations/situation-access.ts: visible (404), If-Match for an item (428/412), stage (409),
 * permission (403), then the body (422). Every write locks the situation row, so a closure that
 * cancels the open items cannot interleave with one being added, and commits its audit event and
 * the open meetings' events in its own transaction.
 */
import { can, tablesWhere, type Actor } from '@fourfold/shared/access-policy';
import {
  type ActionItem,
  type ActionItemList,
  type ActionItemRequest,
  type ActionItemUpdate,
  type ReportBack,
  type ReportBackRequest,
  type ownedActionItemsQuerySchema,
} from '@fourfold/shared/action-items';
import { staffRefOf } from '@fourfold/shared/admin';
import type { AuditAction } from '@fourfold/shared/audit';
import type { InvalidParam } from '@fourfold/shared/problem';
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema';
import { authorize, roleOn } from '../../lib/access';
import { requireDeidentifiedText } from '../../lib/deidentified-text';
import { AppError, notFound } from '../../lib/errors';
import { requireIfMatch } from '../../lib/if-match';
import { iso } from '../../lib/iso';
import { recordAudit } from '../audit/audit.service';
import { recordMeetingEventIn, recordSituationEventsIn } from '../meeting-events/meeting-events';
import type { IdentityService } from '../situations/identity.service';
import {
  checkRead,
  loadSituation,
  loadSituationForUpdate,
  requireStageAllows,
  requireVisible,
  type LoadedSituation,
} from '../situations/situation-access';
import { isMemberAgency } from '../tables/tables.service';
import { actionItemsOfSituations, toActionItem } from './action-items.read';
import { decodeCursor, encodeCursor } from './action-items.cursor';
import { recordAgencyNotificationsIn } from '../notifications/notifications.service';
import * as repo from './action-items.repository';

export type OwnedActionItemsQuery = z.output<typeof ownedActionItemsQuerySchema>;
export type ActionWriteContext = { requestId: string; ifMatch?: string | undefined };

export type ActionItemsServiceDeps = {
  db: Kysely<DB>;
  /** To check free text against the names of the situation's stored identity. */
  identity: Pick<IdentityService, 'storedNameParts'>;
};

/** A due time may be a little behind the server's clock (the form was filled a moment ago). */
const DUE_CLOCK_SKEW_MS = 5 * 60_000;
const MAX_DUE_AHEAD_MS = 366 * 24 * 3_600_000;

export type AnnouncedItem = Pick<
  repo.ActionItemRecord,
  'id' | 'situation_id' | 'table_id' | 'owner_agency_id' | 'due_at'
>;

/**
 * Tells the owning agency's members about an item, in the caller's transaction: assigned to it
 * (created, or its owner changed) or overdue (the sweep). The e-mail follows after commit
 * (modules/notifications); the first-contact item is announced by the assignment itself.
 */
export async function announceActionItemIn(
  trx: Transaction<DB>,
  item: AnnouncedItem,
  kind: 'assigned' | 'overdue',
): Promise<void> {
  await recordAgencyNotificationsIn(trx, {
    tableId: item.table_id,
    agencyId: item.owner_agency_id,
    kind: kind === 'assigned' ? 'action_item_assigned' : 'action_item_overdue',
    situationId: item.situation_id,
    actionItemId: item.id,
    dueAt: item.due_at,
  });
}

const invalid = (path: string, message: string): InvalidParam => ({ in: 'body', path, message });
const validationFailed = (params: InvalidParam[]) =>
  new AppError('VALIDATION_FAILED', 'Some fields are missing or not valid.', {
    invalidParams: params,
    status: 422,
  });

function auditOf(actor: Actor, loaded: LoadedSituation, action: AuditAction, requestId: string) {
  return {
    action,
    dataCategory: 'de_identified' as const,
    outcome: 'allowed' as const,
    userId: actor.userId,
    agencyId: actor.agencyId,
    role: roleOn(actor, loaded.row.table_id),
    tableId: loaded.row.table_id,
    situationId: loaded.row.id,
    requestId,
  };
}

/** The owner of an item is the situation's lead agency or one of its assisting agencies. */
function requireOwnerOnTeam(loaded: LoadedSituation, ownerAgencyId: string) {
  const { leadAgencyId, assistingAgencyIds } = loaded.subject;
  if (ownerAgencyId === leadAgencyId || assistingAgencyIds.includes(ownerAgencyId)) return;
  throw validationFailed([
    invalid('ownerAgencyId', 'must be the lead agency or an assisting agency of the situation'),
  ]);
}

function requireDueTime(dueAt: string, now: Date) {
  const due = new Date(dueAt).getTime();
  if (due < now.getTime() - DUE_CLOCK_SKEW_MS) {
    throw validationFailed([invalid('dueAt', 'must be in the future')]);
  }
  if (due > now.getTime() + MAX_DUE_AHEAD_MS) {
    throw validationFailed([invalid('dueAt', 'must be at most a year ahead')]);
  }
}

/** Refuses text that identifies anyone, as the situation's summary is refused. */
async function requireDeidentified(
  trx: Transaction<DB>,
  identity: ActionItemsServiceDeps['identity'],
  loaded: LoadedSituation,
  value: string,
  field: string,
  label: string,
) {
  requireDeidentifiedText(value, await identity.storedNameParts(loaded.row, trx), {
    field,
    code: 'PERSONAL_DATA_IN_TEXT',
    label,
  });
}

/** The agenda item of the situation in an OPEN meeting of its table (422 otherwise). */
async function requireOpenMeetingWith(
  trx: Transaction<DB>,
  loaded: LoadedSituation,
  meetingId: string,
): Promise<string> {
  const item = await repo.openMeetingAgendaItem(trx, meetingId, loaded.row.id, loaded.row.table_id);
  if (!item) {
    throw validationFailed([
      invalid('meetingId', 'must be an open meeting with this situation on its agenda'),
    ]);
  }
  return item.agenda_item_id;
}

/** Steps 1, 4 and 5 for a write on the situation's plan (the item's If-Match comes between). */
function checkPlanWrite(actor: Actor, loaded: LoadedSituation, ifMatch?: () => void) {
  requireVisible(actor, 'situation.manageActions', loaded);
  ifMatch?.();
  requireStageAllows(loaded, 'manageActions');
  authorize(actor, 'situation.manageActions', loaded.subject, { situationId: loaded.row.id });
}

export function createActionItemsService({ db, identity }: ActionItemsServiceDeps) {
  async function listForSituation(actor: Actor, situationId: string): Promise<ActionItemList> {
    const loaded = await loadSituation(db, situationId);
    checkRead(actor, loaded, 'situation.viewDeidentified');
    const items = (await actionItemsOfSituations(db, [loaded.row.id])).get(loaded.row.id) ?? [];
    return { items, nextCursor: null };
  }

  async function create(
    actor: Actor,
    situationId: string,
    body: ActionItemRequest,
    ctx: ActionWriteContext,
  ): Promise<ActionItem> {
    return db.transaction().execute(async (trx) => {
      const loaded = await loadSituationForUpdate(trx, situationId);
      checkPlanWrite(actor, loaded);
      const now = new Date();
      requireOwnerOnTeam(loaded, body.ownerAgencyId);
      requireDueTime(body.dueAt, now);
      await requireDeidentified(
        trx,
        identity,
        loaded,
        body.description,
        'description',
        'description',
      );
      if (body.meetingId) await requireOpenMeetingWith(trx, loaded, body.meetingId);
      const item = await repo.insertActionItem(trx, {
        situationId: loaded.row.id,
        tableId: loaded.row.table_id,
        ownerAgencyId: body.ownerAgencyId,
        description: body.description,
        dueAt: new Date(body.dueAt),
        createdBy: actor.userId,
        meetingId: body.meetingId ?? null,
      });
      await recordAudit(trx, auditOf(actor, loaded, 'situation.action_item.create', ctx.requestId));
      await recordSituationEventsIn(trx, loaded.row.id, 'action_item.changed');
      await announceActionItemIn(trx, item, 'assigned');
      return toActionItem(await repo.readActionItem(trx, item.id), now);
    });
  }

  /**
   * Status: open → done | cancelled, and done → open (reopened: it turned out not to be done). A
   * cancelled item is final, and a done one changes only by being reopened. The first-contact
   * item's status and (absent) description follow the first-contact step (409 here).
   */
  async function update(
    actor: Actor,
    itemId: string,
    body: ActionItemUpdate,
    ctx: ActionWriteContext,
  ): Promise<ActionItem> {
    return db.transaction().execute(async (trx) => {
      // The situation first, then the item: the order closure takes its locks in.
      const found = await repo.findActionItemSituation(trx, itemId);
      if (!found) throw notFound();
      const loaded = await loadSituationForUpdate(trx, found.situation_id);
      const item = await repo.findActionItemForUpdate(trx, itemId);
      if (!item || item.situation_id !== loaded.row.id) throw notFound();
      checkPlanWrite(actor, loaded, () => requireIfMatch(item.version, ctx.ifMatch, 'action item'));
      const now = new Date();
      const statusChange = body.status !== undefined && body.status !== item.status;
      const otherChange =
        body.dueAt !== undefined ||
        body.description !== undefined ||
        body.ownerAgencyId !== undefined;
      if (item.kind === 'first_contact' && (statusChange || body.description !== undefined)) {
        throw new AppError(
          'CONFLICT',
          'The first-contact item is done when the first contact is recorded on the situation.',
        );
      }
      if (item.status === 'cancelled' && (statusChange || otherChange)) {
        throw new AppError('CONFLICT', 'A cancelled action item cannot be changed.');
      }
      if (item.status === 'done' && body.status !== 'open' && (statusChange || otherChange)) {
        throw new AppError('CONFLICT', 'Reopen the action item before changing it.');
      }
      if (body.ownerAgencyId !== undefined) requireOwnerOnTeam(loaded, body.ownerAgencyId);
      if (body.dueAt !== undefined) requireDueTime(body.dueAt, now);
      if (body.description !== undefined) {
        await requireDeidentified(
          trx,
          identity,
          loaded,
          body.description,
          'description',
          'description',
        );
      }
      const ownerChanged =
        body.ownerAgencyId !== undefined && body.ownerAgencyId !== item.owner_agency_id;
      const next = await repo.updateActionItemAtVersion(trx, item.id, item.version, {
        ...(statusChange
          ? { status: body.status, status_changed_at: now, status_changed_by: actor.userId }
          : {}),
        ...(body.dueAt !== undefined ? { due_at: new Date(body.dueAt) } : {}),
        ...(body.description !== undefined ? { description: body.description } : {}),
        ...(body.ownerAgencyId !== undefined ? { owner_agency_id: body.ownerAgencyId } : {}),
        // A new due time or a new owner is announced again if it, too, runs late.
        ...(body.dueAt !== undefined || ownerChanged ? { overdue_notified_at: null } : {}),
      });
      if (!next) throw new AppError('PRECONDITION_FAILED');
      await recordAudit(trx, auditOf(actor, loaded, 'situation.action_item.update', ctx.requestId));
      await recordSituationEventsIn(trx, loaded.row.id, 'action_item.changed');
      if (ownerChanged) await announceActionItemIn(trx, next, 'assigned');
      return toActionItem(await repo.readActionItem(trx, item.id), now);
    });
  }

  /**
   * The items owned by the person's agency on the tables where they may view situations, each
   * still passing the situation access policy for them. Filtering after the page is read means a
   * page may hold fewer than `limit` items; `nextCursor` still moves on.
   */
  async function listOwned(actor: Actor, query: OwnedActionItemsQuery): Promise<ActionItemList> {
    const tableIds = tablesWhere(actor, 'situation.viewDeidentified');
    if (actor.agencyId === null || tableIds.length === 0) return { items: [], nextCursor: null };
    const now = new Date();
    const rows = await repo.listOwnedActionItems(db, {
      agencyId: actor.agencyId,
      tableIds,
      status: query.status,
      overdue: query.overdue,
      now,
      after: query.cursor === undefined ? null : decodeCursor(query.cursor),
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const subjects = new Map<string, LoadedSituation>();
    for (const situationId of new Set(page.map((row) => row.situation_id))) {
      subjects.set(situationId, await loadSituation(db, situationId));
    }
    const items = page
      .filter((row) =>
        can(actor, 'situation.viewDeidentified', subjects.get(row.situation_id)!.subject),
      )
      .map((row) => toActionItem(row, now));
    const last = page.at(-1);
    return {
      items,
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor({ dueAt: iso(last.due_at), id: last.id })
          : null,
    };
  }

  async function listReportBacks(actor: Actor, situationId: string) {
    const loaded = await loadSituation(db, situationId);
    checkRead(actor, loaded, 'situation.viewDeidentified');
    const rows = await repo.listReportBacks(db, loaded.row.id);
    return { items: rows.map(toReportBack) };
  }

  /**
   * An agency's report-back. By default the person's own agency; a coordinator may record it for
   * another member agency of the table. In a meeting it is also one of the meeting's decisions.
   */
  async function reportBack(
    actor: Actor,
    situationId: string,
    body: ReportBackRequest,
    ctx: ActionWriteContext,
  ): Promise<ReportBack> {
    return db.transaction().execute(async (trx) => {
      const loaded = await loadSituationForUpdate(trx, situationId);
      requireVisible(actor, 'situation.reportBack', loaded);
      requireStageAllows(loaded, 'reportBack');
      authorize(actor, 'situation.reportBack', loaded.subject, { situationId: loaded.row.id });
      const agencyId = body.agencyId ?? actor.agencyId;
      if (agencyId === null) {
        throw validationFailed([invalid('agencyId', 'name the agency reporting back')]);
      }
      if (agencyId !== actor.agencyId && roleOn(actor, loaded.row.table_id) !== 'coordinator') {
        throw new AppError(
          'FORBIDDEN',
          'Only the coordinator records a report-back for another agency.',
        );
      }
      if (!(await isMemberAgency(trx, loaded.row.table_id, agencyId))) {
        throw validationFailed([invalid('agencyId', 'Not a member agency of this table.')]);
      }
      await requireDeidentified(
        trx,
        identity,
        loaded,
        body.statusUpdate,
        'statusUpdate',
        'report-back',
      );
      const agendaItemId = body.meetingId
        ? await requireOpenMeetingWith(trx, loaded, body.meetingId)
        : null;
      const id = await repo.insertReportBack(trx, {
        situationId: loaded.row.id,
        agencyId,
        meetingId: body.meetingId ?? null,
        statusUpdate: body.statusUpdate,
        createdBy: actor.userId,
      });
      await recordAudit(trx, auditOf(actor, loaded, 'situation.report_back.create', ctx.requestId));
      if (body.meetingId && agendaItemId) {
        await repo.insertReportBackDecision(trx, {
          meetingId: body.meetingId,
          situationId: loaded.row.id,
          agencyId,
          decidedBy: actor.userId,
        });
        await recordMeetingEventIn(trx, {
          meetingId: body.meetingId,
          kind: 'report_back.recorded',
          situationId: loaded.row.id,
          agendaItemId,
        });
      } else {
        await recordSituationEventsIn(trx, loaded.row.id, 'report_back.recorded');
      }
      return toReportBack(await repo.readReportBack(trx, id));
    });
  }

  return { listForSituation, create, update, listOwned, listReportBacks, reportBack };
}

export type ActionItemsService = ReturnType<typeof createActionItemsService>;

function toReportBack(row: repo.ReportBackRow): ReportBack {
  return {
    id: row.id,
    situationId: row.situation_id,
    agency: { id: row.agency_id, name: row.agency_name },
    meetingId: row.meeting_id,
    statusUpdate: row.status_update,
    createdAt: iso(row.created_at),
    createdBy: staffRefOf(row.created_by, row.created_by_name),
  };
}
