/**
 * A meeting as one person sees it (MeetingDetail): its table, every member agency with its
 * attendance and who may represent it, and its agenda. An agenda item the person may not open
 * (`isRestrictedFor`) carries its reference and stage only, never hidden, so everyone in the
 * room keeps their place; an open one carries the de-identified situation exactly as
 * GET /api/situations/:id builds it, its action items and the steps taken on it in this meeting.
 */
import { isRestrictedFor, type Actor } from '@fourfold/shared/access-policy';
import { staffRefOf } from '@fourfold/shared/admin';
import type {
  AgendaItem,
  AttendanceEntry,
  MeetingDecision,
  MeetingDetail,
  MeetingSummary,
} from '@fourfold/shared/meetings';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { iso } from '../../lib/iso';
import { actionItemsOfSituations } from '../action-items/action-items.read';
import { loadSituation } from '../situations/situation-access';
import { readSituationView } from '../situations/situation-view';
import { memberAgencies } from '../tables/tables.service';
import type { LoadedMeeting } from './meeting-access';
import * as repo from './meetings.repository';

export function toMeetingSummary(row: repo.MeetingSummaryRow): MeetingSummary {
  return {
    id: row.id,
    tableId: row.table_id,
    tableName: row.table_name,
    timeZone: row.time_zone,
    scheduledFor: iso(row.scheduled_for),
    status: row.status,
    version: row.version,
    openedAt: row.opened_at ? iso(row.opened_at) : null,
    closedAt: row.closed_at ? iso(row.closed_at) : null,
    minutesApprovedAt: row.minutes_approved_at ? iso(row.minutes_approved_at) : null,
  };
}

async function attendanceEntries(
  db: Kysely<DB>,
  meetingId: string,
  tableId: string,
): Promise<AttendanceEntry[]> {
  const [agencies, recorded, candidates] = await Promise.all([
    memberAgencies(db, tableId),
    repo.attendanceOf(db, meetingId),
    repo.attendanceCandidates(db, tableId),
  ]);
  const byAgency = new Map(recorded.map((row) => [row.agency_id, row]));
  return agencies.map((agency) => {
    const row = byAgency.get(agency.id);
    return {
      agency: { id: agency.id, name: agency.name, sector: agency.sector },
      status: row?.status ?? null,
      representative: row
        ? staffRefOf(row.representative_user_id, row.representative_name ?? null)
        : null,
      candidates: candidates
        .filter((user) => user.agency_id === agency.id)
        .map((user) => ({ id: user.id, displayName: user.display_name })),
    };
  });
}

async function meetingDecisions(
  db: Kysely<DB>,
  meetingId: string,
): Promise<Map<string, MeetingDecision[]>> {
  const rows = await repo.decisionsOf(db, meetingId);
  const names = await repo.agencyNamesOf(
    db,
    rows.flatMap((row) => row.assisting_agency_ids),
  );
  const bySituation = new Map<string, MeetingDecision[]>();
  for (const row of rows) {
    const decision: MeetingDecision = {
      id: row.id,
      situationId: row.situation_id,
      reference: row.reference,
      kind: row.kind,
      agency: row.agency_id ? { id: row.agency_id, name: row.agency_name ?? '' } : null,
      involved: row.involved,
      rejectionReason: row.rejection_reason,
      conclusion: row.conclusion_reason,
      noContactReason: row.no_contact_reason,
      leadAgency: row.lead_agency_id
        ? { id: row.lead_agency_id, name: row.lead_agency_name ?? '' }
        : null,
      assistingAgencies: row.assisting_agency_ids.map((id) => ({
        id,
        name: names.get(id) ?? '',
      })),
      decidedAt: iso(row.decided_at),
      decidedBy: staffRefOf(row.decided_by, row.decided_by_name),
    };
    bySituation.set(row.situation_id, [...(bySituation.get(row.situation_id) ?? []), decision]);
  }
  return bySituation;
}

async function agendaOf(db: Kysely<DB>, actor: Actor, meetingId: string): Promise<AgendaItem[]> {
  const items = await repo.agendaItems(db, meetingId);
  if (items.length === 0) return [];
  // A weekly agenda holds tens of items: one load per item keeps the situations module the only
  // builder of the subject and the view.
  const loaded = new Map<string, Awaited<ReturnType<typeof loadSituation>>>();
  for (const item of items)
    loaded.set(item.situation_id, await loadSituation(db, item.situation_id));
  const open = items.filter(
    (item) => !isRestrictedFor(actor, loaded.get(item.situation_id)!.subject),
  );
  const openIds = open.map((item) => item.situation_id);
  const [actionItems, decisions] = await Promise.all([
    actionItemsOfSituations(db, openIds),
    meetingDecisions(db, meetingId),
  ]);
  const views = new Map<string, Awaited<ReturnType<typeof readSituationView>>>();
  for (const id of openIds) views.set(id, await readSituationView(db, id));

  return items.map((item): AgendaItem => {
    const situation = loaded.get(item.situation_id)!;
    const base = {
      id: item.id,
      position: item.position,
      section: item.section,
      situationId: item.situation_id,
      reference: situation.row.reference,
      stage: situation.row.stage,
    };
    const view = views.get(item.situation_id);
    if (!view) return { ...base, restricted: true };
    return {
      ...base,
      restricted: false,
      stageAtOpening: item.stage_at_opening,
      discussedAt: item.discussed_at ? iso(item.discussed_at) : null,
      situation: view,
      actionItems: actionItems.get(item.situation_id) ?? [],
      decisions: decisions.get(item.situation_id) ?? [],
    };
  });
}

export async function readMeetingDetail(
  db: Kysely<DB>,
  actor: Actor,
  { row }: LoadedMeeting,
): Promise<MeetingDetail> {
  const [attendance, agenda] = await Promise.all([
    attendanceEntries(db, row.id, row.table_id),
    agendaOf(db, actor, row.id),
  ]);
  return {
    ...toMeetingSummary(row),
    table: {
      id: row.table_id,
      name: row.table_name,
      timeZone: row.time_zone,
      requiresSecondFactor: row.requires_second_factor,
    },
    openedBy: staffRefOf(row.opened_by, row.opened_by_name),
    closedBy: staffRefOf(row.closed_by, row.closed_by_name),
    currentItemId: row.current_item_id,
    attendance,
    agenda,
  };
}
