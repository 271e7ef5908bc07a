/**
 * How long is left before an item is due, or how late it is, in words of the interface language
 * ("Overdue by 3 hours", "Due in 2 days"), so that lateness is never told by colour alone. The
 * overdue rule itself is `isOverdue` from @fourfold/shared/action-items.
 */
import type { Language } from '@fourfold/shared/taxonomy';
import { formatNumber } from '../../../lib/format';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type DueDistance = { unit: 'day' | 'hour' | 'minute'; amount: number };

/** The distance between now and the due time in its largest whole unit (at least 1 minute). */
export function dueDistance(dueAt: string, now: Date): DueDistance {
  const ms = Math.abs(new Date(dueAt).getTime() - now.getTime());
  if (ms >= 2 * DAY) return { unit: 'day', amount: Math.floor(ms / DAY) };
  if (ms >= HOUR) return { unit: 'hour', amount: Math.floor(ms / HOUR) };
  return { unit: 'minute', amount: Math.max(1, Math.floor(ms / MINUTE)) };
}

/** "3 hours", "3 heures": the number and its unit, spelled out in the language. */
export function formatDistance(distance: DueDistance, language: Language): string {
  return formatNumber(distance.amount, language, {
    style: 'unit',
    unit: distance.unit,
    unitDisplay: 'long',
  });
}
