/** The Schedule form's request: one meeting at a date and time, or the next N weekly meetings. */
import { WEEKLY_SCHEDULE_MAX, type ScheduleMeetingRequest } from '@fourfold/shared/meetings';

export type ScheduleDraft = { kind: 'one_off' | 'weekly'; when: string; count: string };

export type ScheduleErrors = { when?: 'missing' | 'past'; count?: 'range' };

/** A `datetime-local` value (the reader's local time) as an ISO instant; null when it is none. */
export function instantOfLocal(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function scheduleRequestOf(
  draft: ScheduleDraft,
  now: Date,
): { request: ScheduleMeetingRequest } | { errors: ScheduleErrors } {
  if (draft.kind === 'weekly') {
    const count = Number(draft.count);
    if (!/^\d+$/.test(draft.count.trim()) || count < 1 || count > WEEKLY_SCHEDULE_MAX) {
      return { errors: { count: 'range' } };
    }
    return { request: { kind: 'weekly', count } };
  }
  const scheduledFor = instantOfLocal(draft.when);
  if (scheduledFor === null) return { errors: { when: 'missing' } };
  if (new Date(scheduledFor).getTime() <= now.getTime()) return { errors: { when: 'past' } };
  return { request: { kind: 'one_off', scheduledFor } };
}
