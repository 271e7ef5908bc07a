/**
 * Every date, time and number the web shows, in the interface language: Canadian English or
 * Canadian French (Intl 'en-CA' / 'fr-CA'), never the browser's own locale, so a French interface
 * shows French dates under an English browser. The one place that turns a language into an Intl
 * locale; components pass `useLanguage()`, or take the bound functions of `useFormat()`.
 */
import { useMemo } from 'react';
import type { Language } from '@fourfold/shared/taxonomy';
import { useLanguage } from './use-language';

const locales: Record<Language, string> = { en: 'en-CA', fr: 'fr-CA' };

export function intlLocale(language: Language): string {
  return locales[language];
}

/**
 * Intl's formatters are costly to build (each loads and resolves its locale's data) and cheap to
 * use: building one per date shown was most of the situation page's main-thread work on a phone
 * (a timeline, facts and a clock format dozens of dates). Each is built once per locale and
 * options, and kept for the page's life. A constructor that throws (an unknown time zone) caches
 * nothing and throws again next time, as before.
 */
const formatters = new Map<
  string,
  Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat
>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(
  kind: string,
  locale: string,
  options: object | undefined,
  create: () => T,
): T {
  const key = `${kind} ${locale} ${JSON.stringify(options ?? {})}`;
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) {
    formatter = create();
    formatters.set(key, formatter);
  }
  return formatter;
}

function dateTimeFormat(language: Language, options: Intl.DateTimeFormatOptions) {
  const locale = locales[language];
  return cached('date', locale, options, () => new Intl.DateTimeFormat(locale, options));
}

type DateStyle = 'medium' | 'long' | 'full';

export type DateTimeOptions = {
  /** "Mar 1, 2026" (medium, the default), "March 1, 2026" (long), "Sunday, March 1, 2026" (full). */
  dateStyle?: DateStyle;
  /** No time of day, only the date. */
  dateOnly?: boolean;
  /**
   * The zone to read the instant in (a table's, so a meeting shows the room's clock wherever the
   * reader is); the reader's own zone when absent or when the name is unknown to the browser.
   */
  timeZone?: string;
  /** Adds the zone's short name, "(EST)", so a time read elsewhere is not misread. */
  zoneName?: boolean;
  /** The time to the second. */
  seconds?: boolean;
};

export type DateOptions = Pick<DateTimeOptions, 'dateStyle' | 'timeZone'>;

const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An instant ("2026-03-01T15:30:00Z") as the reader says it, e.g. "Mar 1, 2026, 10:30 a.m.". */
export function formatDateTime(
  iso: string,
  language: Language,
  options: DateTimeOptions = {},
): string {
  const { dateStyle = 'medium', dateOnly = false, timeZone, zoneName = false } = options;
  const date = new Date(iso);
  const styles: Intl.DateTimeFormatOptions = dateOnly
    ? { dateStyle }
    : { dateStyle, timeStyle: options.seconds ? 'medium' : 'short' };
  let zoned: Intl.DateTimeFormat | null = null;
  if (timeZone) {
    try {
      zoned = dateTimeFormat(language, { ...styles, timeZone });
    } catch {
      // An unknown zone name (a table set up elsewhere): the reader's own clock, not nothing.
    }
  }
  const text = (zoned ?? dateTimeFormat(language, styles)).format(date);
  if (!zoned || !zoneName) return text;
  const zone = dateTimeFormat(language, { timeZone, timeZoneName: 'short' })
    .formatToParts(date)
    .find((part) => part.type === 'timeZoneName')?.value;
  return zone ? `${text} (${zone})` : text;
}

/**
 * A date without its time, "March 1, 2026" by default. A bare calendar day ("2009-03-27", a date
 * of birth) is read in UTC so that no time zone moves it to the day before.
 */
export function formatDate(iso: string, language: Language, options: DateOptions = {}): string {
  const { dateStyle = 'long', timeZone } = options;
  if (BARE_DATE.test(iso)) {
    return dateTimeFormat(language, { dateStyle, timeZone: 'UTC' }).format(
      new Date(`${iso}T00:00:00Z`),
    );
  }
  return formatDateTime(iso, language, { dateStyle, dateOnly: true, timeZone });
}

/** The time of day alone: "2:05 p.m." in English, "14 h 05" in French. */
export function formatTime(date: Date, language: Language): string {
  return dateTimeFormat(language, { timeStyle: 'short' }).format(date);
}

/** ISO weekday 1 (Monday) … 7 (Sunday) by name. 1 January 2024 was a Monday. */
export function weekdayName(weekday: number, language: Language): string {
  return dateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, weekday)),
  );
}

/** Month 1 … 12 by name, "March" / « mars ». */
export function monthName(month: number, language: Language): string {
  return dateTimeFormat(language, { month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2000, month - 1, 15)),
  );
}

const relativeSteps: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "5 minutes ago", "in 2 days": the largest unit that keeps the number under its next step. */
export function formatRelative(iso: string, language: Language, now: Date = new Date()): string {
  let value = (new Date(iso).getTime() - now.getTime()) / 1000;
  const locale = locales[language];
  const format = cached(
    'relative',
    locale,
    { numeric: 'auto' },
    () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }),
  );
  for (const [unit, size] of relativeSteps) {
    if (Math.abs(value) < size) return format.format(Math.round(value), unit);
    value /= size;
  }
  return format.format(Math.round(value), 'year');
}

export function formatNumber(
  value: number,
  language: Language,
  options?: Intl.NumberFormatOptions,
): string {
  const locale = locales[language];
  return cached('number', locale, options, () => new Intl.NumberFormat(locale, options)).format(
    value,
  );
}

/** The functions above, bound to the interface language of the component that calls it. */
export function useFormat() {
  const language = useLanguage();
  return useMemo(
    () => ({
      language,
      dateTime: (iso: string, options?: DateTimeOptions) => formatDateTime(iso, language, options),
      date: (iso: string, options?: DateOptions) => formatDate(iso, language, options),
      time: (date: Date) => formatTime(date, language),
      number: (value: number, options?: Intl.NumberFormatOptions) =>
        formatNumber(value, language, options),
    }),
    [language],
  );
}

const pad = (value: number) => String(value).padStart(2, '0');

/** The value of a `datetime-local` field for an instant, in the reader's time, to the minute. */
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

/** The reader's calendar day of an instant (today by default), as YYYY-MM-DD. */
export function localToday(now: Date = new Date()): string {
  return toDateTimeLocal(now).slice(0, 10);
}
