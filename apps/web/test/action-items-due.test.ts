// How lateness and time left are said in words, in both languages.
import { describe, expect, it } from 'vitest';
import { dueDistance, formatDistance } from '../src/features/action-items/utils/due';

const now = new Date('2026-03-10T12:00:00Z');
const at = (ms: number) => new Date(now.getTime() + ms).toISOString();
const HOUR = 3_600_000;

describe('due distance', () => {
  it('uses the largest whole unit, days from two days on', () => {
    expect(dueDistance(at(-3 * HOUR - 5 * 60_000), now)).toEqual({ unit: 'hour', amount: 3 });
    expect(dueDistance(at(47 * HOUR), now)).toEqual({ unit: 'hour', amount: 47 });
    expect(dueDistance(at(50 * HOUR), now)).toEqual({ unit: 'day', amount: 2 });
    expect(dueDistance(at(20_000), now)).toEqual({ unit: 'minute', amount: 1 });
  });

  // French separates number and unit with a no-break space.
  const spaced = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

  it('spells the unit out in English and French', () => {
    expect(formatDistance({ unit: 'hour', amount: 3 }, 'en')).toBe('3 hours');
    expect(spaced(formatDistance({ unit: 'hour', amount: 3 }, 'fr'))).toBe('3 heures');
    expect(spaced(formatDistance({ unit: 'day', amount: 1 }, 'fr'))).toBe('1 jour');
  });
});
