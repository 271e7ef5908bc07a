import { describe, expect, it } from 'vitest';
import { localDateOf, nextWeeklyMeetings } from '../../../src/modules/meetings/meeting-schedule';
import { insertBySection } from '../../../src/modules/meetings/meetings.service';

const toronto = { weekday: 2, time: '10:00', timeZone: 'America/Toronto' };
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('weekly meeting times', () => {
  it('keeps 10:00 local time across the autumn change (EDT → EST on 1 November 2026)', () => {
    const after = new Date('2026-10-26T12:00:00Z'); // a Monday
    expect(iso(nextWeeklyMeetings(toronto, after, 3, new Set()))).toEqual([
      '2026-10-27T14:00:00.000Z', // Tuesday 10:00 EDT (UTC−4)
      '2026-11-03T15:00:00.000Z', // Tuesday 10:00 EST (UTC−5)
      '2026-11-10T15:00:00.000Z',
    ]);
  });

  it('keeps 10:00 local time across the spring change (EST → EDT on 14 March 2027)', () => {
    const after = new Date('2027-03-08T12:00:00Z');
    expect(iso(nextWeeklyMeetings(toronto, after, 2, new Set()))).toEqual([
      '2027-03-09T15:00:00.000Z',
      '2027-03-16T14:00:00.000Z',
    ]);
  });

  it('starts strictly after the given instant: a meeting time already reached is next week', () => {
    const atTheSlot = new Date('2026-10-27T14:00:00Z');
    expect(iso(nextWeeklyMeetings(toronto, atTheSlot, 1, new Set()))).toEqual([
      '2026-11-03T15:00:00.000Z',
    ]);
    const justBefore = new Date('2026-10-27T13:59:00Z');
    expect(iso(nextWeeklyMeetings(toronto, justBefore, 1, new Set()))).toEqual([
      '2026-10-27T14:00:00.000Z',
    ]);
  });

  it('skips local dates that already have a meeting, still returning the number asked for', () => {
    const after = new Date('2026-10-26T12:00:00Z');
    const taken = new Set(['2026-10-27', '2026-11-10']);
    expect(iso(nextWeeklyMeetings(toronto, after, 2, taken))).toEqual([
      '2026-11-03T15:00:00.000Z',
      '2026-11-17T15:00:00.000Z',
    ]);
  });

  it('uses the table’s time zone for the date, not UTC', () => {
    // 21:00 in Vancouver on Monday is already Tuesday in UTC.
    const vancouver = { weekday: 1, time: '21:00', timeZone: 'America/Vancouver' };
    const [first] = nextWeeklyMeetings(vancouver, new Date('2026-11-30T06:00:00Z'), 1, new Set());
    expect(first!.toISOString()).toBe('2026-12-01T05:00:00.000Z');
    expect(localDateOf(first!, 'America/Vancouver')).toBe('2026-11-30');
  });

  it('moves a wall-clock time that does not exist that day (the skipped hour) forward', () => {
    const sunday = { weekday: 7, time: '02:30', timeZone: 'America/Toronto' };
    const [first] = nextWeeklyMeetings(sunday, new Date('2027-03-13T12:00:00Z'), 1, new Set());
    expect(first!.toISOString()).toBe('2027-03-14T07:30:00.000Z'); // 03:30 EDT
  });
});

describe('adding agenda items at the end of their section', () => {
  const item = (id: string, section: 'report_back' | 'new' | 'ready_to_close') => ({ id, section });

  it('puts each after the last item of its section, or of an earlier one', () => {
    const current = [item('r1', 'report_back'), item('n1', 'new'), item('c1', 'ready_to_close')];
    const added = [item('n2', 'new'), item('r2', 'report_back'), item('c2', 'ready_to_close')];
    expect(insertBySection(current, added).map((i) => i.id)).toEqual([
      'r1',
      'r2',
      'n1',
      'n2',
      'c1',
      'c2',
    ]);
  });

  it('starts an empty section in its place, and respects an order the chair changed', () => {
    const current = [item('c1', 'ready_to_close'), item('r1', 'report_back')];
    expect(insertBySection(current, [item('n1', 'new')]).map((i) => i.id)).toEqual([
      'c1',
      'r1',
      'n1',
    ]);
    expect(
      insertBySection([item('c1', 'ready_to_close')], [item('r1', 'report_back')]).map((i) => i.id),
    ).toEqual(['r1', 'c1']);
  });
});
