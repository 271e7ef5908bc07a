/**
 * Sign-in attempts hold client addresses and keyed e-mail digests: they are deleted once older
 * than a day, well past the longest window that reads them, while a recent failure still counts.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LOGIN_ATTEMPT_RETENTION_HOURS,
  pruneLoginAttempts,
  scheduleLoginAttemptPruning,
} from '../../../src/modules/auth/login-attempts';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';

describe('old sign-in attempts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => closeTestApp(t));

  const attemptHoursAgo = (address: string, hours: number) =>
    t.database.db
      .insertInto('login_attempt')
      .values({
        email_digest: 'digest-of-someone',
        client_address: address,
        succeeded: false,
        attempted_at: sql<Date>`now() - make_interval(hours => ${hours})`,
      })
      .execute();
  const addresses = async () =>
    (
      await t.database.db
        .selectFrom('login_attempt')
        .select('client_address')
        .orderBy('client_address')
        .execute()
    ).map((row) => row.client_address);

  it('deletes attempts older than the retention and keeps the recent ones the limits read', async () => {
    await attemptHoursAgo('192.0.2.1', LOGIN_ATTEMPT_RETENTION_HOURS + 1);
    await attemptHoursAgo('192.0.2.2', 24 * 30);
    await attemptHoursAgo('192.0.2.3', 1);
    await attemptHoursAgo('192.0.2.4', LOGIN_ATTEMPT_RETENTION_HOURS - 1);
    expect(await pruneLoginAttempts(t.database.db)).toBe(2);
    expect(await addresses()).toEqual(['192.0.2.3', '192.0.2.4']);
    expect(await pruneLoginAttempts(t.database.db)).toBe(0);
  });

  it('runs at start on a timer, logs what it deleted and stops cleanly', async () => {
    await attemptHoursAgo('192.0.2.9', 48);
    const logged: Array<[object, string]> = [];
    const log = {
      info: (object: object, message: string) => logged.push([object, message]),
      error: (object: object, message: string) => logged.push([object, message]),
    };
    const schedule = scheduleLoginAttemptPruning({ db: t.database.db, log });
    await schedule.settled();
    await schedule.stop();
    expect(logged).toEqual([[{ deleted: 1 }, 'old sign-in attempts deleted']]);
    expect(await addresses()).not.toContain('192.0.2.9');
  });
});
