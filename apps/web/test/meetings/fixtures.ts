/** Agenda items, attendance and meetings for the meeting screen's pure helpers. */
import type {
  AgendaItem,
  AgendaSection,
  AttendanceEntry,
  MeetingSummary,
} from '@fourfold/shared/meetings';
import type { ActionItem } from '@fourfold/shared/action-items';
import { agency, situation, TABLE } from '../situations/fixtures';

const MEETING = '40000000-0000-4000-8000-000000000001';

/** Ids that sort as their number: item 1 is …0001. */
export const itemId = (n: number) => `50000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export function actionItem(overrides: Partial<ActionItem> = {}): ActionItem {
  return {
    id: '60000000-0000-4000-8000-000000000001',
    situationId: '20000000-0000-4000-8000-000000000001',
    reference: 'RIV-2026-0001',
    tableId: TABLE,
    ownerAgency: agency.mentalHealth,
    kind: 'task',
    description: 'Door knock with housing',
    dueAt: '2026-03-02T14:00:00.000Z',
    status: 'open',
    overdue: false,
    version: 1,
    createdAt: '2026-03-01T14:00:00.000Z',
    createdBy: null,
    createdInMeetingId: MEETING,
    statusChangedAt: null,
    ...overrides,
  };
}

export function openItem(
  n: number,
  section: AgendaSection,
  overrides: { actionItems?: ActionItem[]; position?: number } = {},
): AgendaItem {
  const view = situation({
    id: `20000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    stage: 'filter2',
  });
  return {
    id: itemId(n),
    position: overrides.position ?? n,
    section,
    situationId: view.id,
    reference: `RIV-2026-${String(n).padStart(4, '0')}`,
    stage: view.stage,
    restricted: false,
    stageAtOpening: view.stage,
    discussedAt: null,
    situation: view,
    actionItems: overrides.actionItems ?? [],
    decisions: [],
  };
}

export function restrictedItem(n: number, section: AgendaSection): AgendaItem {
  return {
    id: itemId(n),
    position: n,
    section,
    situationId: `20000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    reference: `RIV-2026-${String(n).padStart(4, '0')}`,
    stage: 'filter4',
    restricted: true,
  };
}

export function attendanceEntry(
  which: keyof typeof agency,
  overrides: Partial<AttendanceEntry> = {},
): AttendanceEntry {
  return {
    agency: { ...agency[which], sector: 'police' },
    status: null,
    representative: null,
    candidates: [
      {
        id: `70000000-0000-4000-8000-00000000000${Object.keys(agency).indexOf(which) + 1}`,
        displayName: `Rep of ${agency[which].name}`,
      },
    ],
    ...overrides,
  };
}

export function meetingSummary(
  n: number,
  scheduledFor: string,
  status: MeetingSummary['status'] = 'scheduled',
): MeetingSummary {
  return {
    id: `40000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    tableId: TABLE,
    tableName: 'Riverside',
    timeZone: 'America/Toronto',
    scheduledFor,
    status,
    version: 1,
    openedAt: null,
    closedAt: null,
    minutesApprovedAt: null,
  };
}
