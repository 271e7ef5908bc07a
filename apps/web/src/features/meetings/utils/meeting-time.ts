/**
 * Meeting times: shown in the interface language and in the table's time zone (the room's clock,
 * wherever the reader is), and "today" for the home page.
 */
import type { MeetingSummary } from '@fourfold/shared/meetings';
import type { Language } from '@fourfold/shared/taxonomy';
import { formatDateTime, localToday } from '../../../lib/format';

/** The date and time of a meeting, e.g. "Tuesday, March 3, 2026 at 9:30 a.m. (EST)". */
export function formatMeetingTime(iso: string, language: Language, timeZone?: string): string {
  return formatDateTime(iso, language, {
    dateStyle: 'full',
    ...(timeZone ? { timeZone, zoneName: true } : {}),
  });
}

/**
 * The home page's meetings: every meeting of today (open ones whatever their date, since a
 * meeting can run past midnight) and, besides those, the next one to come. Cancelled and closed
 * meetings of earlier days are left out.
 */
export function todaysMeetings(
  meetings: readonly MeetingSummary[],
  now: Date,
): { today: MeetingSummary[]; next: MeetingSummary | null } {
  const today = localToday(now);
  const sorted = [...meetings].sort((a, b) => a.scheduledFor.localeCompare(b.scheduledFor));
  const todays = sorted.filter(
    (meeting) => meeting.status === 'open' || localToday(new Date(meeting.scheduledFor)) === today,
  );
  const next =
    sorted.find(
      (meeting) =>
        meeting.status === 'scheduled' &&
        !todays.includes(meeting) &&
        new Date(meeting.scheduledFor).getTime() > now.getTime(),
    ) ?? null;
  return { today: todays, next };
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
