import { describe, expect, it } from 'vitest';
import { formatMeetingTime, meetingToJoin } from '../../src/features/meetings/utils/meeting-time';
import { scheduleRequestOf } from '../../src/features/meetings/utils/schedule';
import { meetingSummary } from './fixtures';

describe('formatMeetingTime', () => {
  it('shows the time in the table’s time zone, in the interface language', () => {
    const iso = '2026-03-03T14:30:00.000Z';
    const en = formatMeetingTime(iso, 'en', 'America/Toronto');
    const fr = formatMeetingTime(iso, 'fr', 'America/Toronto');
    expect(en).toMatch(/Tuesday/);
    expect(en).toMatch(/9:30/);
    expect(fr).toMatch(/mardi/);
    expect(fr).toMatch(/9 h 30/);
    expect(formatMeetingTime(iso, 'en', 'America/Vancouver')).toMatch(/6:30/);
  });

  it('falls back to the reader’s clock for an unknown zone', () => {
    expect(() => formatMeetingTime('2026-03-03T14:30:00.000Z', 'en', 'Not/AZone')).not.toThrow();
  });
});

describe('meetingToJoin', () => {
  it('prefers the open meeting, else the soonest scheduled one', () => {
    const scheduled = meetingSummary(1, '2026-03-10T14:00:00.000Z');
    const sooner = meetingSummary(2, '2026-03-03T14:00:00.000Z');
    const open = meetingSummary(3, '2026-03-01T14:00:00.000Z', 'open');
    expect(meetingToJoin([scheduled, sooner, open])?.id).toBe(open.id);
    expect(meetingToJoin([scheduled, sooner])?.id).toBe(sooner.id);
    expect(meetingToJoin([meetingSummary(4, '2026-03-03T14:00:00.000Z', 'cancelled')])).toBeNull();
  });
});

describe('scheduleRequestOf', () => {
  const now = new Date('2026-03-01T12:00:00.000Z');

  it('turns a future local date and time into a one-off request', () => {
    const result = scheduleRequestOf({ kind: 'one_off', when: '2026-03-10T09:30', count: '' }, now);
    expect(result).toEqual({
      request: { kind: 'one_off', scheduledFor: new Date(2026, 2, 10, 9, 30).toISOString() },
    });
  });

  it('refuses a missing or past time', () => {
    expect(scheduleRequestOf({ kind: 'one_off', when: '', count: '' }, now)).toEqual({
      errors: { when: 'missing' },
    });
    expect(
      scheduleRequestOf({ kind: 'one_off', when: '2020-01-01T09:00', count: '' }, now),
    ).toEqual({ errors: { when: 'past' } });
  });

  it('asks for 1 to 26 weekly meetings', () => {
    expect(scheduleRequestOf({ kind: 'weekly', when: '', count: '4' }, now)).toEqual({
      request: { kind: 'weekly', count: 4 },
    });
    for (const count of ['0', '27', '2.5', 'four', '']) {
      expect(scheduleRequestOf({ kind: 'weekly', when: '', count }, now)).toEqual({
        errors: { count: 'range' },
      });
    }
  });
});
