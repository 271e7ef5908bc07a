import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatNumber,
  formatRelative,
  formatTime,
  fromDateTimeLocal,
  localToday,
  monthName,
  toDateTimeLocal,
  weekdayName,
} from '../../src/lib/format';

describe('dates and times in the interface language', () => {
  it('keeps one formatter per language and options: calls in any order each get their own', () => {
    const iso = '2026-03-01T15:30:00.000Z';
    const vancouver = { timeZone: 'America/Vancouver' };
    for (let round = 0; round < 2; round += 1) {
      expect(formatDateTime(iso, 'en', vancouver)).toBe('Mar 1, 2026, 7:30 a.m.');
      expect(formatDateTime(iso, 'fr', vancouver)).toBe('1 mars 2026, 07 h 30');
      expect(formatDateTime(iso, 'en', { ...vancouver, dateOnly: true })).toBe('Mar 1, 2026');
      expect(formatNumber(1234.5, 'fr')).toBe(formatNumber(1234.5, 'fr', {}));
      expect(formatNumber(0.25, 'en', { style: 'percent' })).toBe('25%');
    }
  });

  it('formats in Canadian English and French, whatever the machine’s own locale', () => {
    const iso = '2026-03-01T15:30:00.000Z';
    expect(formatDateTime(iso, 'en', { timeZone: 'America/Toronto' })).toBe(
      'Mar 1, 2026, 10:30 a.m.',
    );
    expect(formatDateTime(iso, 'fr', { timeZone: 'America/Toronto' })).toBe('1 mars 2026, 10 h 30');
    expect(formatDateTime(iso, 'fr', { timeZone: 'America/Toronto', seconds: true })).toMatch(
      /10 h 30 min 00 s/,
    );
  });

  it('reads an instant in a table’s zone and names the zone when asked', () => {
    const iso = '2026-03-03T14:30:00.000Z';
    const en = formatDateTime(iso, 'en', {
      dateStyle: 'full',
      timeZone: 'America/Toronto',
      zoneName: true,
    });
    expect(en).toMatch(/^Tuesday, March 3, 2026 at 9:30 a\.m\. \(EST\)$/);
    expect(formatDateTime(iso, 'fr', { dateStyle: 'full', timeZone: 'America/Toronto' })).toMatch(
      /^mardi 3 mars 2026 à 0?9 h 30$/,
    );
  });

  it('falls back to the reader’s clock for an unknown zone, without its name', () => {
    const text = formatDateTime('2026-03-03T14:30:00.000Z', 'en', {
      timeZone: 'Not/AZone',
      zoneName: true,
    });
    expect(text).toMatch(/2026/);
    expect(text).not.toMatch(/\(/);
  });

  it('keeps a date of birth on its calendar day in any time zone', () => {
    expect(formatDate('2009-03-27', 'en')).toBe('March 27, 2009');
    expect(formatDate('2009-03-27', 'fr')).toBe('27 mars 2009');
    expect(formatDate('2026-03-03T03:30:00.000Z', 'en', { timeZone: 'America/Toronto' })).toBe(
      'March 2, 2026',
    );
  });

  it('names times, weekdays and months in the language', () => {
    const afternoon = new Date(2026, 2, 1, 14, 5);
    expect(formatTime(afternoon, 'en')).toBe('2:05 p.m.');
    expect(formatTime(afternoon, 'fr')).toBe('14 h 05');
    expect(weekdayName(1, 'en')).toBe('Monday');
    expect(weekdayName(7, 'fr')).toBe('dimanche');
    expect(monthName(3, 'fr')).toBe('mars');
    expect(monthName(12, 'en')).toBe('December');
  });

  it('says how long ago in the interface language', () => {
    const now = new Date('2026-11-30T12:00:00Z');
    expect(formatRelative('2026-11-30T09:00:00Z', 'en', now)).toBe('3 hours ago');
    expect(formatRelative('2026-11-30T09:00:00Z', 'fr', now)).toBe('il y a 3 heures');
    expect(formatRelative('2026-11-30T11:59:30Z', 'en', now)).toBe('30 seconds ago');
    expect(formatRelative('2026-11-28T12:00:00Z', 'en', now)).toBe('2 days ago');
    expect(formatRelative('2026-12-02T12:00:00Z', 'fr', now)).toBe('après-demain');
  });

  it('writes numbers with the language’s separators', () => {
    expect(formatNumber(12345, 'en')).toBe('12,345');
    expect(formatNumber(12345, 'fr')).toBe('12\u00a0345');
  });

  it('converts between datetime-local values and ISO instants', () => {
    const date = new Date(2026, 2, 1, 9, 5);
    expect(toDateTimeLocal(date)).toBe('2026-03-01T09:05');
    expect(fromDateTimeLocal('2026-03-01T09:05')).toBe(date.toISOString());
    expect(fromDateTimeLocal('not a date')).toBeNull();
    expect(fromDateTimeLocal('')).toBeNull();
    expect(localToday(date)).toBe('2026-03-01');
  });
});
