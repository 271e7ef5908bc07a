import { describe, expect, it } from 'vitest';
import {
  dateTimePartsOf,
  dateTimeValueOf,
  timeOf,
  timeText,
} from '../../src/components/date-time-parts-field';
import { fromDateTimeLocal } from '../../src/lib/format';

describe('a date and time typed as day, month, year and a 24-hour time', () => {
  it('reads a 24-hour time as written in English or in French', () => {
    expect(timeOf('14:30')).toBe('14:30');
    expect(timeOf('9:05')).toBe('09:05');
    expect(timeOf('14 h 30')).toBe('14:30');
    expect(timeOf('14h30')).toBe('14:30');
    expect(timeOf(' 8 H 00 ')).toBe('08:00');
    expect(timeOf('14 h')).toBe('14:00');
  });

  it('refuses what is no time of day', () => {
    expect(timeOf('')).toBeNull();
    expect(timeOf('24:00')).toBeNull();
    expect(timeOf('12:60')).toBeNull();
    expect(timeOf('2:30 PM')).toBeNull();
    expect(timeOf('14:3')).toBeNull();
    expect(timeOf('1430')).toBeNull();
    expect(timeOf('14:')).toBeNull();
  });

  it('writes a time as the interface language does', () => {
    expect(timeText('14:30', 'en')).toBe('14:30');
    expect(timeText('14:30', 'fr')).toBe('14 h 30');
  });

  it('gives the datetime-local value the forms already take, whichever way the time is written', () => {
    expect(dateTimeValueOf({ date: '2026-12-01', time: '14:30' })).toBe('2026-12-01T14:30');
    expect(dateTimeValueOf({ date: '2026-12-01', time: '9 h 05' })).toBe('2026-12-01T09:05');
    expect(fromDateTimeLocal(dateTimeValueOf({ date: '2026-12-01', time: '14 h 30' }))).toBe(
      new Date(2026, 11, 1, 14, 30).toISOString(),
    );
  });

  it('gives nothing when nothing is entered', () => {
    expect(dateTimeValueOf({ date: '', time: '' })).toBe('');
    expect(dateTimeValueOf({ date: '', time: '  ' })).toBe('');
  });

  it('keeps a value entered in part as typed, which the forms refuse as invalid', () => {
    for (const parts of [
      { date: '2026-12-01', time: '' },
      { date: '', time: '14:30' },
      { date: '2026--01', time: '14:30' },
      { date: '2026-12-01', time: '14:3' },
      { date: '2026-12-01', time: '25:00' },
      { date: '2026-12-01', time: '2:30 PM' },
    ]) {
      const value = dateTimeValueOf(parts);
      expect(value).not.toBe('');
      expect(fromDateTimeLocal(value)).toBeNull();
    }
    expect(dateTimeValueOf({ date: '2026-12-01', time: '14:3' })).toBe('2026-12-01T14:3');
  });

  it('reads a datetime-local value, or a part-typed one, back into its date and time', () => {
    expect(dateTimePartsOf('2026-12-01T14:30')).toEqual({ date: '2026-12-01', time: '14:30' });
    expect(dateTimePartsOf('2026-12-01T')).toEqual({ date: '2026-12-01', time: '' });
    expect(dateTimePartsOf('T14:30')).toEqual({ date: '', time: '14:30' });
    expect(dateTimePartsOf('')).toEqual({ date: '', time: '' });
    expect(dateTimeValueOf(dateTimePartsOf('2026-12-01T07:05'))).toBe('2026-12-01T07:05');
  });
});
