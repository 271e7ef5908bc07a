import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  fromDateTimeLocal,
  localToday,
  toDateTimeLocal,
} from '../../src/features/situations/utils/dates';

describe('dates', () => {
  it('formats in Canadian English and French', () => {
    expect(formatDateTime('2026-03-01T15:30:00.000Z', 'en')).toMatch(/2026/);
    expect(formatDateTime('2026-03-01T15:30:00.000Z', 'fr')).toMatch(/mars/);
  });

  it('keeps a date of birth on its calendar day in any time zone', () => {
    expect(formatDate('2009-03-27', 'en')).toMatch(/27/);
    expect(formatDate('2009-03-27', 'fr')).toBe('27 mars 2009');
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
