import { describe, expect, it } from 'vitest';
import { formatDateTime, formatRelative } from '../../src/features/notifications/utils/times';

describe('notification times', () => {
  const now = new Date('2026-11-30T12:00:00Z');

  it('says how long ago in the interface language', () => {
    expect(formatRelative('2026-11-30T09:00:00Z', 'en', now)).toBe('3 hours ago');
    expect(formatRelative('2026-11-30T09:00:00Z', 'fr', now)).toBe('il y a 3 heures');
    expect(formatRelative('2026-11-30T11:59:30Z', 'en', now)).toBe('30 seconds ago');
    expect(formatRelative('2026-11-28T12:00:00Z', 'en', now)).toBe('2 days ago');
    expect(formatRelative('2026-12-02T12:00:00Z', 'fr', now)).toBe('après-demain');
  });

  it('gives the absolute date and time in the interface language', () => {
    const en = formatDateTime('2026-11-30T12:00:00Z', 'en');
    const fr = formatDateTime('2026-11-30T12:00:00Z', 'fr');
    expect(en).toMatch(/Nov/);
    expect(fr).toMatch(/nov/);
    expect(en).not.toBe(fr);
  });
});
