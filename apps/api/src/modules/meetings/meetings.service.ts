/**
 * The weekly table meeting: scheduling (one-off, or weekly from the table's meeting day and time
 * in its time zone), the status scheduled → open → closed (or scheduled → cancelled), the agenda
 * built when the meeting opens, attendance, and the item the room is on. Every change commits
 * with its audit event and a meeting event (the live view) in one transaction, and moves the
 * meeting's version on; changes of the meeting itself need that version in If-Match.
 */
import { tablesWhere, can, type Actor, type TableSubject } from '@fourfold/shared/access-policy';
import type { AuditAction } from '@fourfold/shared/audit';
import type {
  AgendaSection,
  AttendanceRequest,
  MeetingDetail,
  MeetingEventKind,
  MeetingList,
  MeetingStatus,
  ScheduleMeetingRequest,
  myMeetingsQuerySchema,
  tableMeetingsQuerySchema,
} from '@fourfold/shared/meetings';
import { agendaSections } from '@fourfold/shared/meetings';
import type { InvalidParam } from '@fourfold/shared/problem';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema';
import { sqlStateOf } from '../../lib/database-errors';
import { requireIfMatch } from '../../lib/if-match';
import { AppError, notFound } from '../../lib/errors';
import { decodeKeysetCursor, encodeKeysetCursor } from '../../lib/keyset-cursor';
import { validationFailed } from '../situations/situation-writes';
import { findTable, findTables, memberAgencies } from '../tables/tables.service';
import {
  loadMeeting,
  recordMeetingAudit,
  requireMeetingRun,
  requireMeetingsVisible,
  type LoadedMeeting,
} from './meeting-access';
import { recordMeetingEventIn } from '../meeting-events/meeting-events';
import { nextWeeklyMeetings, type WeeklySlot } from './meeting-schedule';
import { readMeetingDetail, toMeetingSummary } from './meeting-view';
import * as repo from './meetings.repository';

export type TableMeetingsQuery = z.output<typeof tableMeetingsQuerySchema>;
export type MyMeetingsQuery = z.output<typeof myMeetingsQuerySchema>;
/** What a write needs from its HTTP request: its id for the audit log and its If-Match. */
export type MeetingWriteContext = { requestId: string; ifMatch: string | undefined };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A one-off meeting may be recorded up to a day late (held earlier, entered now), not more. */
const PAST_LIMIT_MS = DAY;
/** Nor scheduled further ahead than two years. */
const FUTURE_LIMIT_MS = 731 * DAY;
/** The home page's default window, and the widest window it may ask for. */
const HOME_BEFORE_MS = 12 * HOUR;
const HOME_AFTER_MS = 14 * DAY;
const HOME_MAX_SPAN_MS = 92 * DAY;

export type MeetingsServiceDeps = { db: Kysely<DB> };

function requireStatus(loaded: LoadedMeeting, allowed: readonly MeetingStatus[]) {
  const status = loaded.row.status;
  if (allowed.includes(status)) return;
  if (allowed.length === 1 && allowed[0] === 'scheduled') {
    throw new AppError(
      'MEETING_NOT_SCHEDULED',
      `The meeting is ${status}: only a scheduled meeting can do this.`,
    );
  }
  if (allowed.length === 1 && allowed[0] === 'open') {
    throw new AppError('MEETING_NOT_OPEN', `The meeting is ${status}, not open.`);
  }
  throw new AppError('MEETING_ENDED', `The meeting is ${status}.`);
}

function requireSchedulable(at: Date, path: string, now = Date.now()) {
  const invalid: InvalidParam[] = [];
  if (at.getTime() < now - PAST_LIMIT_MS) {
    invalid.push({ in: 'body', path, message: 'must not be more than a day in the past' });
  }
  if (at.getTime() > now + FUTURE_LIMIT_MS) {
    invalid.push({ in: 'body', path, message: 'must not be more than two years ahead' });
  }
  if (invalid.length > 0) throw validationFailed(invalid, 422);
}

function decodeCursor(cursor: string) {
  const position = decodeKeysetCursor(cursor);
  if (position) return position;
  throw validationFailed([
    { in: 'query', path: 'cursor', message: 'is not a cursor returned by this list' },
  ]);
}

const SECTION_RANK: Record<AgendaSection, number> = Object.fromEntries(
  agendaSections.map((section, index) => [section, index]),
) as Record<AgendaSection, number>;

/**
 * Puts newly eligible situations at the end of their section in the current order (which the
 * chair may have rearranged): after the last item of the same section, or, when the section
 * has none, after the last item of an earlier section.
 */
export function insertBySection<T extends { section: AgendaSection }>(
  current: readonly T[],
  added: readonly T[],
): T[] {
  const order = [...current];
  for (const item of added) {
    let at = -1;
    for (let index = order.length - 1; index >= 0; index--) {
      if (SECTION_RANK[order[index]!.section] <= SECTION_RANK[item.section]) {
        at = index;
        break;
      }
    }
    order.splice(at + 1, 0, item);
  }
  return order;
}

/**
 * The table's situations the agenda would list as ready to close (filter 4, first contact made,
 * no open action item), for the coordinator's home: the agenda's own rule, not a second one.
 * Reads no access: the caller has checked the table.
 */
export async function situationsReadyToClose(
  db: Kysely<DB>,
  tableId: string,
): Promise<Set<string>> {
  const eligible = await repo.eligibleSituations(db, tableId);
  return new Set(eligible.filter((s) => s.section === 'ready_to_close').map((s) => s.id));
}

export function createMeetingsService({ db }: MeetingsServiceDeps) {
  async function loadTableSubject(tableId: string) {
    const table = await findTable(db, tableId);
    if (!table) throw notFound();
    const subject: TableSubject = {
      kind: 'table',
      tableId,
      requiresSecondFactor: table.requires_second_factor,
    };
    return { table, subject };
  }

  /**
   * One change of one meeting: locks it, checks access (and If-Match when asked), runs the
   * change, moves the version on, records the audit event and the meeting event, and answers
   * with the meeting as it now is.
   */
  async function change(
    actor: Actor,
    id: string,
    ctx: MeetingWriteContext,
    options: {
      action: AuditAction;
      event: MeetingEventKind;
      statuses: readonly MeetingStatus[];
      ifMatch: boolean;
      work: (
        trx: Transaction<DB>,
        loaded: LoadedMeeting,
      ) => Promise<{ agendaItemId?: string } | void>;
    },
  ): Promise<MeetingDetail> {
    await db.transaction().execute(async (trx) => {
      const loaded = await loadMeeting(trx, id, { lock: 'update' });
      requireMeetingRun(actor, loaded.subject);
      if (options.ifMatch) requireIfMatch(loaded.row.version, ctx.ifMatch, 'meeting');
      requireStatus(loaded, options.statuses);
      const result = await options.work(trx, loaded);
      await repo.bumpVersion(trx, id);
      await recordMeetingAudit(trx, actor, options.action, {
        tableId: loaded.row.table_id,
        requestId: ctx.requestId,
      });
      await recordMeetingEventIn(trx, {
        meetingId: id,
        kind: options.event,
        agendaItemId: result?.agendaItemId ?? null,
      });
    });
    return readMeetingDetail(db, actor, await loadMeeting(db, id));
  }

  /** The next weekly meeting times from now, skipping days that already have a meeting. */
  async function weeklyInstants(
    trx: Transaction<DB>,
    tableId: string,
    count: number,
    slot: WeeklySlot,
  ) {
    // Serialised per table, so that two requests at once cannot both take a free day.
    await repo.lockScheduling(trx, tableId);
    const now = new Date();
    const taken = await repo.takenMeetingDates(
      trx,
      tableId,
      slot.timeZone,
      new Date(now.getTime() - DAY),
    );
    return nextWeeklyMeetings(slot, now, count, taken);
  }

  /** The agenda rule applied to the table now, as agenda rows for the situations not yet on. */
  async function eligibleNotOnAgenda(trx: Transaction<DB>, tableId: string, meetingId: string) {
    const onAgenda = new Set((await repo.agendaItems(trx, meetingId)).map((i) => i.situation_id));
    return (await repo.eligibleSituations(trx, tableId)).filter((s) => !onAgenda.has(s.id));
  }

  return {
    async listForTable(
      actor: Actor,
      tableId: string,
      query: TableMeetingsQuery,
    ): Promise<MeetingList> {
      const { subject } = await loadTableSubject(tableId);
      requireMeetingsVisible(actor, subject);
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      const rows = await repo.listTableMeetings(db, {
        tableId,
        when: query.when,
        after,
        limit: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map(toMeetingSummary),
        nextCursor:
          rows.length > query.limit && last
            ? encodeKeysetCursor({ at: last.position_at, id: last.id })
            : null,
      };
    },

    /** The meetings of every table where the person may view meetings, soonest first. */
    async listMine(actor: Actor, query: MyMeetingsQuery): Promise<MeetingList> {
      const now = Date.now();
      const from = query.from ? new Date(query.from) : new Date(now - HOME_BEFORE_MS);
      const to = query.to
        ? new Date(query.to)
        : new Date(from.getTime() + HOME_BEFORE_MS + HOME_AFTER_MS);
      if (from.getTime() > to.getTime()) {
        throw validationFailed([{ in: 'query', path: 'to', message: 'must not be before from' }]);
      }
      if (to.getTime() - from.getTime() > HOME_MAX_SPAN_MS) {
        throw validationFailed([
          { in: 'query', path: 'to', message: 'must be at most 92 days after from' },
        ]);
      }
      // The tables' own gates (second factor, agreement) apply to this list too.
      const tables = await findTables(db, tablesWhere(actor, 'meeting.view'), { activeOnly: true });
      const visible = tables
        .filter((table) =>
          can(actor, 'meeting.view', {
            kind: 'table',
            tableId: table.id,
            requiresSecondFactor: table.requires_second_factor,
          }),
        )
        .map((table) => table.id);
      const rows = await repo.listMeetingsOfTables(db, {
        tableIds: visible,
        from,
        to,
        limit: query.limit,
      });
      return { items: rows.map(toMeetingSummary), nextCursor: null };
    },

    async schedule(
      actor: Actor,
      tableId: string,
      body: ScheduleMeetingRequest,
      ctx: MeetingWriteContext,
    ): Promise<MeetingList> {
      const { table, subject } = await loadTableSubject(tableId);
      requireMeetingRun(actor, subject);
      if (!table.active) {
        throw new AppError('CONFLICT', 'The table is inactive: no meeting can be scheduled.');
      }
      const { meeting_weekday: weekday, meeting_time: time } = table;
      if (body.kind === 'one_off') {
        requireSchedulable(new Date(body.scheduledFor), 'scheduledFor');
      } else if (weekday === null || time === null) {
        throw new AppError(
          'TABLE_HAS_NO_MEETING_DAY',
          'The table has no meeting day and time: set them, or schedule a one-off meeting.',
        );
      }
      const ids = await db.transaction().execute(async (trx) => {
        const instants =
          body.kind === 'one_off'
            ? [new Date(body.scheduledFor)]
            : await weeklyInstants(trx, tableId, body.count, {
                weekday: weekday!,
                time: time!,
                timeZone: table.time_zone,
              });
        const created = await repo.insertMeetings(trx, tableId, instants, actor.userId);
        for (const meetingId of created) {
          await recordMeetingAudit(trx, actor, 'meeting.schedule', {
            tableId,
            requestId: ctx.requestId,
          });
          await recordMeetingEventIn(trx, { meetingId, kind: 'meeting.updated' });
        }
        return created;
      });
      return {
        items: (await repo.meetingSummaries(db, ids)).map(toMeetingSummary),
        nextCursor: null,
      };
    },

    async get(actor: Actor, id: string): Promise<MeetingDetail> {
      const loaded = await loadMeeting(db, id);
      requireMeetingsVisible(actor, loaded.subject);
      return readMeetingDetail(db, actor, loaded);
    },

    reschedule(actor: Actor, id: string, scheduledFor: string, ctx: MeetingWriteContext) {
      const at = new Date(scheduledFor);
      return change(actor, id, ctx, {
        action: 'meeting.update',
        event: 'meeting.updated',
        statuses: ['scheduled'],
        ifMatch: true,
        work: async (trx) => {
          requireSchedulable(at, 'scheduledFor');
          await repo.updateMeeting(trx, id, { scheduled_for: at });
        },
      });
    },

    cancel(actor: Actor, id: string, ctx: MeetingWriteContext) {
      return change(actor, id, ctx, {
        action: 'meeting.cancel',
        event: 'meeting.cancelled',
        statuses: ['scheduled'],
        ifMatch: true,
        work: (trx) => repo.updateMeeting(trx, id, { status: 'cancelled' }),
      });
    },

    /** Opens the meeting and builds its agenda, in one transaction. One open meeting per table. */
    open(actor: Actor, id: string, ctx: MeetingWriteContext) {
      return change(actor, id, ctx, {
        action: 'meeting.open',
        event: 'meeting.opened',
        statuses: ['scheduled'],
        ifMatch: true,
        work: async (trx, loaded) => {
          try {
            // The partial unique index allows one open meeting per table; a second is refused.
            await repo.updateMeeting(trx, id, {
              status: 'open',
              opened_at: sql<Date>`now()`,
              opened_by: actor.userId,
            });
          } catch (error) {
            if (sqlStateOf(error) === '23505') {
              throw new AppError(
                'MEETING_ALREADY_OPEN',
                'Another meeting of this table is open. Close it first.',
              );
            }
            throw error;
          }
          const eligible = await eligibleNotOnAgenda(trx, loaded.row.table_id, id);
          await repo.insertAgendaItems(
            trx,
            id,
            eligible.map((situation, position) => ({
              situationId: situation.id,
              section: situation.section,
              position,
              stage: situation.stage,
            })),
          );
        },
      });
    },

    close(actor: Actor, id: string, ctx: MeetingWriteContext) {
      return change(actor, id, ctx, {
        action: 'meeting.close',
        event: 'meeting.closed',
        statuses: ['open'],
        ifMatch: true,
        work: (trx) =>
          repo.updateMeeting(trx, id, {
            status: 'closed',
            closed_at: sql<Date>`now()`,
            closed_by: actor.userId,
            current_item_id: null,
          }),
      });
    },

    /**
     * The whole attendance at once, while scheduled or open: member agencies only, each once; a
     * representative only for an agency present, and one of its candidates.
     */
    recordAttendance(actor: Actor, id: string, body: AttendanceRequest, ctx: MeetingWriteContext) {
      return change(actor, id, ctx, {
        action: 'meeting.attendance.record',
        event: 'attendance.changed',
        statuses: ['scheduled', 'open'],
        ifMatch: false,
        work: async (trx, loaded) => {
          const tableId = loaded.row.table_id;
          const members = new Set((await memberAgencies(trx, tableId)).map((a) => a.id));
          const candidates = await repo.attendanceCandidates(trx, tableId);
          const invalid: InvalidParam[] = [];
          const seen = new Set<string>();
          body.entries.forEach((entry, index) => {
            const at = (field: string) => `entries.${index}.${field}`;
            if (!members.has(entry.agencyId)) {
              invalid.push({
                in: 'body',
                path: at('agencyId'),
                message: 'Not a member agency of this table.',
              });
            } else if (seen.has(entry.agencyId)) {
              invalid.push({
                in: 'body',
                path: at('agencyId'),
                message: 'must not repeat an agency',
              });
            }
            seen.add(entry.agencyId);
            const representative = entry.representativeUserId ?? null;
            if (representative === null) return;
            if (entry.status !== 'present') {
              invalid.push({
                in: 'body',
                path: at('representativeUserId'),
                message: 'only an agency present has a representative',
              });
            } else if (
              !candidates.some((c) => c.id === representative && c.agency_id === entry.agencyId)
            ) {
              invalid.push({
                in: 'body',
                path: at('representativeUserId'),
                message:
                  'must be a coordinator or agency representative of that agency at this table',
              });
            }
          });
          if (invalid.length > 0) throw validationFailed(invalid, 422);
          await repo.replaceAttendance(
            trx,
            id,
            body.entries.map((entry) => ({
              agencyId: entry.agencyId,
              status: entry.status,
              representativeUserId: entry.representativeUserId ?? null,
            })),
            actor.userId,
          );
        },
      });
    },

    /** The chair's order: exactly the current items, rewritten 0..n-1 in one transaction. */
    reorderAgenda(actor: Actor, id: string, itemIds: readonly string[], ctx: MeetingWriteContext) {
      return change(actor, id, ctx, {
        action: 'meeting.agenda.reorder',
        event: 'agenda.changed',
        statuses: ['open'],
        ifMatch: true,
        work: async (trx) => {
          const current = new Set((await repo.agendaItems(trx, id)).map((item) => item.id));
          const same =
            itemIds.length === current.size && itemIds.every((itemId) => current.has(itemId));
          if (!same) {
            throw validationFailed(
              [
                {
                  in: 'body',
                  path: 'itemIds',
                  message: 'must list every agenda item of the meeting exactly once',
                },
              ],
              422,
            );
          }
          await repo.rewritePositions(trx, itemIds);
        },
      });
    },

    /** Appends situations that became eligible since the opening, each at the end of its section. */
    refreshAgenda(actor: Actor, id: string, ctx: MeetingWriteContext) {
      return change(actor, id, ctx, {
        action: 'meeting.agenda.refresh',
        event: 'agenda.changed',
        statuses: ['open'],
        ifMatch: false,
        work: async (trx, loaded) => {
          const current = await repo.agendaItems(trx, id);
          const eligible = await eligibleNotOnAgenda(trx, loaded.row.table_id, id);
          if (eligible.length === 0) return;
          // New rows go after every current position first (positions are unique), then all
          // are renumbered in the final order.
          await repo.insertAgendaItems(
            trx,
            id,
            eligible.map((situation, index) => ({
              situationId: situation.id,
              section: situation.section,
              position: current.length + index,
              stage: situation.stage,
            })),
          );
          const added = (await repo.agendaItems(trx, id)).filter(
            (item) => !current.some((c) => c.id === item.id),
          );
          const order = insertBySection(current, added);
          await repo.rewritePositions(
            trx,
            order.map((item) => item.id),
          );
        },
      });
    },

    setCurrentItem(actor: Actor, id: string, itemId: string | null, ctx: MeetingWriteContext) {
      return change(actor, id, ctx, {
        action: 'meeting.current_item.set',
        event: 'current_item.changed',
        statuses: ['open'],
        ifMatch: false,
        work: async (trx) => {
          if (itemId !== null) {
            const items = await repo.agendaItems(trx, id);
            if (!items.some((item) => item.id === itemId)) {
              throw validationFailed(
                [
                  {
                    in: 'body',
                    path: 'itemId',
                    message: 'is not an item of this meeting’s agenda',
                  },
                ],
                422,
              );
            }
          }
          await repo.updateMeeting(trx, id, { current_item_id: itemId });
          return itemId ? { agendaItemId: itemId } : undefined;
        },
      });
    },
  };
}

export type MeetingsService = ReturnType<typeof createMeetingsService>;
