/**
 * Meeting times: shown in the interface language and in the table's time zone (the room's clock,
 * wherever the reader is), and the meeting a table's page links to.
 */
import type { MeetingSummary } from '@fourfold/shared/meetings';
import type { Language } from '@fourfold/shared/taxonomy';
import { formatDateTime } from '../../../lib/format';

/** The date and time of a meeting, e.g. "Tuesday, March 3, 2026 at 9:30 a.m. (EST)". */
export function formatMeetingTime(iso: string, language: Language, timeZone?: string): string {
  return formatDateTime(iso, language, {
    dateStyle: 'full',
    ...(timeZone ? { timeZone, zoneName: true } : {}),
  });
}

/** The meeting a table's page links to: the open one, else the next scheduled one. */
export function meetingToJoin(upcoming: readonly MeetingSummary[]): MeetingSummary | null {
  return (
    upcoming.find((meeting) => meeting.status === 'open') ??
    [...upcoming]
      .filter((meeting) => meeting.status === 'scheduled')
      .sort((a, b) => a.scheduledFor.localeCompare(b.scheduledFor))[0] ??
    null
  );
}
