import { describe, expect, it } from 'vitest';
import {
  BUDGETS,
  blockedUntil,
  createDeviceCookies,
  waitSeconds,
} from '../../../src/modules/auth/sign-in-throttle';

describe('the growing-delay rule', () => {
  const budget = BUDGETS.account;

  it('lets the free failures through, then doubles the wait up to the cap', () => {
    // prettier-ignore
    const expected: [failures: number, seconds: number][] = [
      [0, 0], [9, 0], [10, 60], [11, 120], [12, 240], [13, 480], [14, 900], [15, 900], [1000, 900],
    ];
    for (const [failures, seconds] of expected) {
      expect(waitSeconds(budget, failures), `${failures} failures`).toBe(seconds);
    }
  });

  it('counts the wait from the newest failure, and ends it', () => {
    const newest = new Date('2026-01-01T10:00:00Z');
    expect(blockedUntil(budget, 10, newest, new Date('2026-01-01T10:00:30Z'))).toEqual(
      new Date('2026-01-01T10:01:00Z'),
    );
    expect(blockedUntil(budget, 10, newest, new Date('2026-01-01T10:01:00Z'))).toBeNull();
    expect(blockedUntil(budget, 9, newest, newest)).toBeNull();
  });
});

describe('device cookies', () => {
  const cookies = createDeviceCookies('a-token-secret-of-sufficient-length-0123456789');
  const other = createDeviceCookies('another-token-secret-of-sufficient-length-98765');
  const account = 'a'.repeat(64);

  it('verifies its own cookie for the account it was issued to, and nothing else', () => {
    const issued = cookies.issue(account);
    expect(cookies.verify(account, { [issued.name]: issued.value })).toBe(issued.deviceId);
    // Another account, another server's key, a tampered id or MAC, junk: not trusted.
    const otherAccount = 'b'.repeat(64);
    expect(cookies.verify(otherAccount, { [issued.name]: issued.value })).toBeNull();
    expect(other.verify(account, { [issued.name]: issued.value })).toBeNull();
    const [id, mac] = issued.value.split('.') as [string, string];
    const tampered = [
      `${id.replace(/^./, id.startsWith('0') ? '1' : '0')}.${mac}`,
      `${id}.${mac.slice(0, -1)}${mac.endsWith('0') ? '1' : '0'}`,
      `${id}.${mac}.extra`,
      `${id}`,
      'not-a-cookie',
      '',
    ];
    for (const value of tampered) {
      expect(cookies.verify(account, { [issued.name]: value }), value).toBeNull();
    }
    expect(cookies.verify(account, {})).toBeNull();
  });

  it('gives each sign-in a new device id', () => {
    expect(cookies.issue(account).deviceId).not.toBe(cookies.issue(account).deviceId);
  });
});
