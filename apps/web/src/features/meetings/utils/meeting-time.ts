/**
 * Meeting times: shown in the interface language and in the table's time zone (the room's clock,
 * wherever the reader is), and the meeting a table's page links to.
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
