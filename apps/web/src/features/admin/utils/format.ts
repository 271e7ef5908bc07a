/** Dates, times and weekdays in the page's language, by the browser's own formatting rules. */
import type { Language } from '@fourfold/shared/taxonomy';

const locale = (language: Language) => (language === 'fr' ? 'fr-CA' : 'en-CA');

export function formatDateTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(locale(language), {
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(new Date(iso));
}

export function formatDate(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'long' }).format(new Date(iso));
}

/** ISO weekday 1 (Monday) … 7 (Sunday). 1 January 2024 was a Monday. */
export function weekdayName(weekday: number, language: Language): string {
  return new Intl.DateTimeFormat(locale(language), { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, weekday)),
  );
}
