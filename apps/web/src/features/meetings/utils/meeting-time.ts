/**
 * Meeting times: shown in the interface language and in the table's time zone (the room's clock,
 * wherever the reader is), and "today" for the home page.
 */
import type { MeetingSummary } from '@fourfold/shared/meetings';
import type { Language } from '@fourfold/shared/taxonomy';

const locales: Record<Language, string> = { en: 'en-CA', fr: 'fr-CA' };

/** The date and time of a meeting, e.g. "Tuesday, March 3, 2026 at 9:30 a.m. EST". */
export function formatMeetingTime(iso: string, language: Language, timeZone?: string): string {
  const options: Intl.DateTimeFormatOptions = {
    dateStyle: 'full',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  };
  try {
    const date = new Intl.DateTimeFormat(locales[language], options).format(new Date(iso));
    // The zone's short name, so the time is not misread by someone elsewhere.
    const zone = timeZone
      ? new Intl.DateTimeFormat(locales[language], { timeZone, timeZoneName: 'short' })
          .formatToParts(new Date(iso))
          .find((part) => part.type === 'timeZoneName')?.value
      : undefined;
    return zone ? `${date} (${zone})` : date;
  } catch {
    // An unknown zone name (a table set up elsewhere): the reader's own clock rather than nothing.
    return new Intl.DateTimeFormat(locales[language], {
      dateStyle: 'full',
      timeStyle: 'short',
    }).format(new Date(iso));
  }
}

/** The calendar day of an instant in the reader's time zone, as YYYY-MM-DD. */
export function localDay(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
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
  const today = localDay(now);
  const sorted = [...meetings].sort((a, b) => a.scheduledFor.localeCompare(b.scheduledFor));
  const todays = sorted.filter(
    (meeting) => meeting.status === 'open' || localDay(new Date(meeting.scheduledFor)) === today,
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
