/**
 * Dates as the person reads them, in Canadian English or French (Intl 'en-CA' / 'fr-CA'), and
 * the conversions a `datetime-local` field needs (it works in the browser's local time, without
 * a time zone; the API wants an ISO instant).
 */
import type { Language } from '@fourfold/shared/taxonomy';

const locales: Record<Language, string> = { en: 'en-CA', fr: 'fr-CA' };

export function formatDateTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(locales[language], {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

export function formatDate(iso: string, language: Language): string {
  // A bare date (a date of birth) is a calendar day, not an instant: read it in UTC so that no
  // time zone moves it to the day before.
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00Z`) : new Date(iso);
  return new Intl.DateTimeFormat(locales[language], {
    dateStyle: 'long',
    ...(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? { timeZone: 'UTC' } : {}),
  }).format(date);
}

const pad = (value: number) => String(value).padStart(2, '0');

/** The value of a `datetime-local` field for an instant, in local time, to the minute. */
export function toDateTimeLocal(date: Date): string {
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/** The instant a `datetime-local` value names (local time), as ISO; null when it is not one. */
export function fromDateTimeLocal(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Today's date in local time, as YYYY-MM-DD (for `max` on date fields). */
export function localToday(now: Date = new Date()): string {
  return toDateTimeLocal(now).slice(0, 10);
}
