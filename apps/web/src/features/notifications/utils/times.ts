/**
 * When a notification came, as the person reads it: relative ("3 hours ago", « il y a 3 heures »)
 * beside the absolute date and time, both in the interface language.
 */
import type { Language } from '@fourfold/shared/taxonomy';

const locales: Record<Language, string> = { en: 'en-CA', fr: 'fr-CA' };

export function formatDateTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(locales[language], {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

const steps: Array<[Intl.RelativeTimeFormatUnit, number]> = [
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
  const format = new Intl.RelativeTimeFormat(locales[language], { numeric: 'auto' });
  for (const [unit, size] of steps) {
    if (Math.abs(value) < size) return format.format(Math.round(value), unit);
    value /= size;
  }
  return format.format(Math.round(value), 'year');
}
