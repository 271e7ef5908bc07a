/**
 * Sign-in under attack: failures elsewhere never lock out a browser that signed in before (device
 * cookies), untrusted clients wait growing, capped delays, and the per-address limit is keyed so
 * that a shared address does not block everyone.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginDigest } from '../../../src/modules/auth/auth.service';
import { BUDGETS, deviceCookieName } from '../../../src/modules/auth/sign-in-throttle';
import { createLink } from '../../helpers/credentials';
import { TEST_PASSWORD, createAgency, createUser, signIn } from '../../helpers/fixtures';
import {
  TEST_TOKEN_SECRET,
  closeTestApp,
  createTestApp,
  type TestApp,
} from '../../helpers/test-app';

type Device = { name: string; value: string };

describe('sign-in throttling', () => {
  let t: TestApp;
  let agencyId: string;
  beforeAll(async () => {
    t = await createTestApp();
    agencyId = (await createAgency(t.database.db)).id;
  });
  afterAll(async () => closeTestApp(t));

  const newUser = () => createUser(t.database.db, { agencyId });
  const attempt = (
    email: string,
    password: string,
    options: { from?: string; device?: Device } = {},
  ) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password },
      remoteAddress: options.from ?? '127.0.0.1',
      ...(options.device ? { cookies: { [options.device.name]: options.device.value } } : {}),
    });

  /** The device cookie for the account that an answer set. */
  function deviceCookieOf(res: { cookies: { name: string; value: string }[] }, email: string) {
    const name = deviceCookieName(loginDigest(TEST_TOKEN_SECRET, email));
    const cookie = res.cookies.find((c) => c.name === name);
    if (!cookie) throw new Error('no device cookie');
    return { name, value: cookie.value };
  }

  /** Signs in from a browser and returns the device cookie it was given. */
  async function trustedDevice(email: string): Promise<Device> {
    const res = await attempt(email, TEST_PASSWORD, { from: '192.0.2.200' });
    expect(res.statusCode).toBe(200);
    return deviceCookieOf(res, email);
  }

  /** Moves the account's attempts into the past, as if that much time had gone by. */
  const age = (email: string, seconds: number) =>
    sql`update login_attempt set attempted_at = attempted_at - make_interval(secs => ${seconds})
      where email_digest = ${loginDigest(TEST_TOKEN_SECRET, email)}`.execute(t.database.db);

  const failures = async (email: string) =>
    Number(
      (
        await t.database.db
          .selectFrom('login_attempt')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('email_digest', '=', loginDigest(TEST_TOKEN_SECRET, email))
          .where('succeeded', '=', false)
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** `count` failures against the account from as many addresses (a distributed attacker). */
  async function attackFromMany(email: string, count: number, prefix = '198.51.100') {
    for (let i = 0; i < count; i += 1) {
      const res = await attempt(email, `wrong-password-${i}`, { from: `${prefix}.${i + 1}` });
      expect(res.statusCode).toBe(401);
    }
  }

  it('gives a browser that signs in a device cookie: HttpOnly, Secure, SameSite=Strict, /api/auth', async () => {
    const user = await newUser();
    const res = await attempt(user.email, TEST_PASSWORD);
    const device = res.cookies.find((c) => c.name.startsWith('ff_device_'));
    expect(device).toMatchObject({
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
      path: '/api/auth',
      maxAge: 180 * 24 * 3600,
    });
    // The name carries no personal value: a prefix of the keyed digest, not the e-mail.
    expect(device!.name).not.toContain(user.email.split('@')[0]);
  });

  it('ten failures from an attacker do not lock out a browser that signed in before', async () => {
    const user = await newUser();
    const device = await trustedDevice(user.email);
    await attackFromMany(user.email, 10);
    // Every untrusted client must now wait, even with the right password…
    const untrusted = await attempt(user.email, TEST_PASSWORD, { from: '203.0.113.9' });
    expect(untrusted.statusCode).toBe(429);
    expect(untrusted.json().code).toBe('ACCOUNT_LOCKED');
    // …but the person's own browser signs in, from anywhere, the attacker's address included.
    expect((await attempt(user.email, TEST_PASSWORD, { device })).statusCode).toBe(200);
    const fromAttacker = await attempt(user.email, TEST_PASSWORD, {
      device,
      from: '198.51.100.1',
    });
    expect(fromAttacker.statusCode).toBe(200);
  });

  it('counts a trusted browser’s failures against that browser only', async () => {
    const user = await newUser();
    const device = await trustedDevice(user.email);
    for (let i = 0; i < BUDGETS.device.freeFailures; i += 1) {
      expect((await attempt(user.email, `typo-password-${i}`, { device })).statusCode).toBe(401);
    }
    // The account's budget for untrusted clients is untouched: a new browser signs in.
    expect((await attempt(user.email, TEST_PASSWORD, { from: '203.0.113.7' })).statusCode).toBe(
      200,
    );
    // The spent device now counts as untrusted (OWASP): its next failure is the account's.
    await attempt(user.email, 'typo-password-again', { device });
    const rows = await t.database.db
      .selectFrom('login_attempt')
      .select('device_id')
      .where('email_digest', '=', loginDigest(TEST_TOKEN_SECRET, user.email))
      .where('succeeded', '=', false)
      .orderBy('id')
      .execute();
    expect(rows.slice(0, BUDGETS.device.freeFailures).every((r) => r.device_id !== null)).toBe(
      true,
    );
    expect(rows.at(-1)!.device_id).toBeNull();
  });

  it('does not trust a forged device cookie or one given to another account', async () => {
    const user = await newUser();
    const other = await newUser();
    const device = await trustedDevice(user.email);
    const othersCookie = await trustedDevice(other.email);
    await attackFromMany(user.email, 10);
    const [deviceId] = device.value.split('.');
    const forged = { name: device.name, value: `${deviceId}.${'0'.repeat(64)}` };
    const anotherId = { name: device.name, value: `${randomUUID()}.${device.value.split('.')[1]}` };
    const borrowed = { name: device.name, value: othersCookie.value };
    for (const cookie of [forged, anotherId, borrowed]) {
      const res = await attempt(user.email, TEST_PASSWORD, { device: cookie });
      expect(res.statusCode).toBe(429);
    }
    expect((await attempt(user.email, TEST_PASSWORD, { device })).statusCode).toBe(200);
  });

  it('makes untrusted clients wait growing delays, capped at 15 minutes', async () => {
    const user = await newUser();
    const waitAfterWrongPassword = async () => {
      const res = await attempt(user.email, TEST_PASSWORD, { from: '203.0.113.50' });
      expect(res.statusCode).toBe(429);
      return Number(res.headers['retry-after']);
    };
    await attackFromMany(user.email, 10);
    const first = await waitAfterWrongPassword();
    expect(first).toBeGreaterThan(50);
    expect(first).toBeLessThanOrEqual(60);

    await age(user.email, 61);
    await attackFromMany(user.email, 1, '198.51.101');
    const second = await waitAfterWrongPassword();
    expect(second).toBeGreaterThan(110);
    expect(second).toBeLessThanOrEqual(120);

    await age(user.email, 121);
    await attackFromMany(user.email, 1, '198.51.102');
    const third = await waitAfterWrongPassword();
    expect(third).toBeGreaterThan(230);
    expect(third).toBeLessThanOrEqual(240);

    await age(user.email, 241);
    await attackFromMany(user.email, 1, '198.51.103');
    expect(await waitAfterWrongPassword()).toBeGreaterThan(470);

    // However many failures, no wait is longer than the cap.
    for (let round = 0; round < 2; round += 1) {
      await age(user.email, 481 + round * 420);
      await attackFromMany(user.email, 1, `198.51.11${round}`);
      const wait = await waitAfterWrongPassword();
      expect(wait).toBeGreaterThan(BUDGETS.account.capSeconds - 10);
      expect(wait).toBeLessThanOrEqual(BUDGETS.account.capSeconds);
    }
  });

  it('never renews a wait by itself: refused attempts are not failures, and failures age out', async () => {
    const user = await newUser();
    await attackFromMany(user.email, 10);
    const counted = await failures(user.email);
    let lastWait = Infinity;
    for (let i = 0; i < 20; i += 1) {
      const res = await attempt(user.email, `still-guessing-${i}`, { from: '198.51.100.3' });
      expect(res.statusCode).toBe(429);
      const wait = Number(res.headers['retry-after']);
      expect(wait).toBeLessThanOrEqual(Math.min(lastWait, 60));
      lastWait = wait;
    }
    expect(await failures(user.email)).toBe(counted);
    // The wait ends by itself, and an hour later the failures are forgotten.
    await age(user.email, 61);
    expect((await attempt(user.email, TEST_PASSWORD, { from: '203.0.113.2' })).statusCode).toBe(
      200,
    );
    await age(user.email, 3600);
    await attackFromMany(user.email, 9, '198.51.104');
    expect((await attempt(user.email, TEST_PASSWORD, { from: '203.0.113.2' })).statusCode).toBe(
      200,
    );
  });

  it('slows one address guessing one account early, without touching other addresses', async () => {
    const user = await newUser();
    for (let i = 0; i < BUDGETS.accountAddress.freeFailures; i += 1) {
      expect(
        (await attempt(user.email, `wrong-password-${i}`, { from: '198.51.100.77' })).statusCode,
      ).toBe(401);
    }
    const same = await attempt(user.email, TEST_PASSWORD, { from: '198.51.100.77' });
    expect(same.statusCode).toBe(429);
    expect(Number(same.headers['retry-after'])).toBeLessThanOrEqual(2);
    expect((await attempt(user.email, TEST_PASSWORD, { from: '198.51.100.78' })).statusCode).toBe(
      200,
    );
  });

  it('locks an unknown e-mail the same way (no account enumeration)', async () => {
    await attackFromMany('ghost@test.example', 10);
    const res = await attempt('ghost@test.example', 'anything-at-all', { from: '203.0.113.3' });
    expect(res.statusCode).toBe(429);
    expect(res.json().code).toBe('ACCOUNT_LOCKED');
  });

  it('limits one address across accounts for untrusted clients only', async () => {
    const shared = '198.51.100.250';
    // A hundred failures from one address against many accounts (credential stuffing).
    await t.database.db
      .insertInto('login_attempt')
      .values(
        Array.from({ length: BUDGETS.address.freeFailures }, (_, i) => ({
          email_digest: loginDigest(TEST_TOKEN_SECRET, `victim-${i}@test.example`),
          client_address: shared,
          succeeded: false,
        })),
      )
      .execute();
    const user = await newUser();
    const device = await trustedDevice(user.email);
    const stranger = await attempt(user.email, TEST_PASSWORD, { from: shared });
    expect(stranger.statusCode).toBe(429);
    // Someone whose browser signed in before is not blocked by the address…
    expect((await attempt(user.email, TEST_PASSWORD, { from: shared, device })).statusCode).toBe(
      200,
    );
    // …and nobody elsewhere is.
    expect((await attempt(user.email, TEST_PASSWORD, { from: '203.0.113.4' })).statusCode).toBe(
      200,
    );
  });

  it('re-authentication counts against the session’s device, like sign-in', async () => {
    const user = await newUser();
    const res = await attempt(user.email, TEST_PASSWORD, { from: '203.0.113.60' });
    const device = deviceCookieOf(res, user.email);
    const headers = { authorization: `Bearer ${res.json().accessToken}` };
    const setup = (password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/me/second-factor/setup',
        headers,
        payload: { password },
        remoteAddress: '203.0.113.60',
      });
    for (let i = 0; i < BUDGETS.device.freeFailures; i += 1) {
      expect((await setup(`wrong-password-${i}`)).statusCode).toBe(401);
    }
    const rows = await t.database.db
      .selectFrom('login_attempt')
      .select('device_id')
      .where('email_digest', '=', loginDigest(TEST_TOKEN_SECRET, user.email))
      .where('succeeded', '=', false)
      .execute();
    expect(rows).toHaveLength(BUDGETS.device.freeFailures);
    const [deviceId] = device.value.split('.');
    expect(rows.every((row) => row.device_id === deviceId)).toBe(true);
    // Another browser of the person is not locked out by a stolen session's guessing.
    const other = await signIn(t.app, user.email);
    expect(other.accessToken).toBeTruthy();
  });

  it('a set-password link sent to the person makes their browser trusted again during an attack', async () => {
    const user = await newUser();
    await attackFromMany(user.email, 10);
    expect((await attempt(user.email, TEST_PASSWORD)).statusCode).toBe(429);
    const token = await createLink(t.database.db, user.id, { purpose: 'reset' });
    const completed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/links/complete',
      payload: { token, newPassword: 'amber-meadow-violin-harbour' },
    });
    expect(completed.statusCode).toBe(200);
    const device = deviceCookieOf(completed, user.email);
    const res = await attempt(user.email, 'amber-meadow-violin-harbour', { device });
    expect(res.statusCode).toBe(200);
  });

  describe('behind a reverse proxy (TRUST_PROXY=true)', () => {
    let proxied: TestApp;
    beforeAll(async () => {
      proxied = await createTestApp({ environment: { TRUST_PROXY: 'true' } });
    });
    afterAll(async () => closeTestApp(proxied));

    it('keys limits by the client address in X-Forwarded-For, not the proxy’s', async () => {
      const user = await createUser(proxied.database.db, {
        agencyId: (await createAgency(proxied.database.db)).id,
      });
      const via = (forwardedFor: string, password: string) =>
        proxied.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: user.email, password },
          remoteAddress: '10.0.0.1',
          headers: { 'x-forwarded-for': forwardedFor },
        });
      for (let i = 0; i < BUDGETS.accountAddress.freeFailures; i += 1) {
        expect((await via('198.51.100.5', `wrong-password-${i}`)).statusCode).toBe(401);
      }
      expect((await via('198.51.100.5', TEST_PASSWORD)).statusCode).toBe(429);
      // Someone else behind the same proxy is not blocked.
      expect((await via('198.51.100.6', TEST_PASSWORD)).statusCode).toBe(200);
      const stored = await proxied.database.db
        .selectFrom('login_attempt')
        .select('client_address')
        .where('succeeded', '=', false)
        .execute();
      expect(new Set(stored.map((row) => row.client_address))).toEqual(new Set(['198.51.100.5']));
    });
  });
});
