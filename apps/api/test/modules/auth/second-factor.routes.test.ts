import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meSchema, sessionResponseSchema } from '@fourfold/shared/auth';
import {
  recoveryCodesResponseSchema,
  secondFactorConfirmResponseSchema,
  secondFactorSetupResponseSchema,
} from '@fourfold/shared/credentials';
import { createLink, enrolSecondFactor, totpCode, wrongTotpCode } from '../../helpers/credentials';
import { TEST_PASSWORD, createAgency, createUser, signIn } from '../../helpers/fixtures';
import { BUDGETS } from '../../../src/modules/auth/sign-in-throttle';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';

describe('two-step verification', () => {
  let t: TestApp;
  let agencyId: string;
  beforeAll(async () => {
    t = await createTestApp();
    agencyId = (await createAgency(t.database.db)).id;
  });
  afterAll(async () => closeTestApp(t));

  const newUser = () => createUser(t.database.db, { agencyId });
  const post = (url: string, payload: object, headers?: Record<string, string>) =>
    t.app.inject({ method: 'POST', url, payload, ...(headers ? { headers } : {}) });
  const me = (headers: Record<string, string>) =>
    t.app.inject({ method: 'GET', url: '/api/me', headers });
  const login = (email: string, extra: Record<string, string> = {}) =>
    post('/api/auth/login', { email, password: TEST_PASSWORD, ...extra });
  const refresh = (cookie: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/refresh', cookies: { ff_refresh: cookie } });
  const auditOf = (userId: string, action: string) =>
    t.database.db
      .selectFrom('audit_event')
      .select(['outcome', 'data_category'])
      .where('user_id', '=', userId)
      .where('action', '=', action)
      .orderBy('id')
      .execute();

  describe('set-up', () => {
    it('refuses an anonymous caller', async () => {
      const res = await post('/api/me/second-factor/setup', { password: TEST_PASSWORD });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('UNAUTHENTICATED');
    });

    it('refuses a wrong password, and records the denial', async () => {
      const user = await newUser();
      const session = await signIn(t.app, user.email);
      const res = await post(
        '/api/me/second-factor/setup',
        { password: 'not-my-password-at-all' },
        session.headers,
      );
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('INVALID_CREDENTIALS');
      expect(await auditOf(user.id, 'auth.second_factor.setup')).toEqual([
        { outcome: 'denied', data_category: 'authentication' },
      ]);
    });

    it('returns a new 160-bit secret and its otpauth URI, not yet enabled', async () => {
      const user = await newUser();
      const session = await signIn(t.app, user.email);
      const res = await post(
        '/api/me/second-factor/setup',
        { password: TEST_PASSWORD },
        session.headers,
      );
      expect(res.statusCode).toBe(200);
      const body = secondFactorSetupResponseSchema.parse(res.json());
      expect(body.secret).toMatch(/^[A-Z2-7]{32}$/);
      const uri = new URL(body.otpauthUri);
      expect(uri.protocol).toBe('otpauth:');
      expect(uri.searchParams.get('secret')).toBe(body.secret);
      expect(uri.searchParams.get('issuer')).toBe('Fourfold');
      // Until confirmed, sign-in needs no code.
      expect((await login(user.email)).statusCode).toBe(200);
      const profile = meSchema.parse((await me(session.headers)).json());
      expect(profile.user.secondFactorEnabled).toBe(false);
      expect(await auditOf(user.id, 'auth.second_factor.setup')).toEqual([
        { outcome: 'allowed', data_category: 'authentication' },
      ]);
    });
  });

  describe('confirmation', () => {
    it('refuses a confirmation without a set-up first', async () => {
      const user = await newUser();
      const session = await signIn(t.app, user.email);
      const res = await post('/api/me/second-factor/confirm', { code: '123456' }, session.headers);
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('CONFLICT');
    });

    it('refuses a wrong code and leaves two-step verification off', async () => {
      const user = await newUser();
      const session = await signIn(t.app, user.email);
      const setup = await post(
        '/api/me/second-factor/setup',
        { password: TEST_PASSWORD },
        session.headers,
      );
      const { secret } = setup.json();
      const res = await post(
        '/api/me/second-factor/confirm',
        { code: wrongTotpCode(secret) },
        session.headers,
      );
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('INVALID_CREDENTIALS');
      expect(meSchema.parse((await me(session.headers)).json()).user.secondFactorEnabled).toBe(
        false,
      );
    });

    it('enables it, returns 10 recovery codes and a fresh session, and ends the others', async () => {
      const user = await newUser();
      const session = await signIn(t.app, user.email);
      const elsewhere = await signIn(t.app, user.email);
      const setup = await post(
        '/api/me/second-factor/setup',
        { password: TEST_PASSWORD },
        session.headers,
      );
      const { secret } = setup.json();
      const res = await post(
        '/api/me/second-factor/confirm',
        { code: totpCode(secret) },
        session.headers,
      );
      expect(res.statusCode).toBe(200);
      const body = secondFactorConfirmResponseSchema.parse(res.json());
      expect(body.recoveryCodes).toHaveLength(10);
      expect(new Set(body.recoveryCodes).size).toBe(10);
      expect(body.session.me.session.secondFactor).toBe(true);
      expect(body.session.me.user.secondFactorEnabled).toBe(true);
      const cookie = res.cookies.find((c) => c.name === 'ff_refresh');
      expect(cookie).toMatchObject({ httpOnly: true, path: '/api/auth' });

      // The new session works; every earlier access and refresh token is dead.
      const fresh = { authorization: `Bearer ${body.session.accessToken}` };
      expect(meSchema.parse((await me(fresh)).json()).session.secondFactor).toBe(true);
      expect((await me(session.headers)).statusCode).toBe(401);
      expect((await me(elsewhere.headers)).statusCode).toBe(401);
      expect((await refresh(session.refreshCookie)).statusCode).toBe(401);
      expect((await refresh(elsewhere.refreshCookie)).statusCode).toBe(401);
      const renewed = await refresh(cookie!.value);
      expect(renewed.statusCode).toBe(200);
      expect(sessionResponseSchema.parse(renewed.json()).me.session.secondFactor).toBe(true);

      // Only hashes are stored.
      const stored = await t.database.db
        .selectFrom('recovery_code')
        .select('code_hash')
        .where('user_id', '=', user.id)
        .execute();
      expect(stored).toHaveLength(10);
      for (const code of body.recoveryCodes) {
        expect(stored.map((row) => row.code_hash)).not.toContain(code);
      }
      expect(await auditOf(user.id, 'auth.second_factor.enable')).toEqual([
        { outcome: 'allowed', data_category: 'authentication' },
      ]);
    });

    it('refuses to set up again while it is on', async () => {
      const user = await newUser();
      const enrolled = await enrolSecondFactor(t.app, await signIn(t.app, user.email));
      const res = await post(
        '/api/me/second-factor/setup',
        { password: TEST_PASSWORD },
        enrolled.headers,
      );
      expect(res.statusCode).toBe(409);
      // The working secret was not replaced.
      expect((await login(user.email, { totpCode: totpCode(enrolled.secret) })).statusCode).toBe(
        200,
      );
    });
  });

  describe('signing in once enrolled', () => {
    let email: string;
    let enrolled: Awaited<ReturnType<typeof enrolSecondFactor>>;
    beforeAll(async () => {
      const user = await newUser();
      email = user.email;
      enrolled = await enrolSecondFactor(t.app, await signIn(t.app, email));
    });

    it('asks for a code after a right password', async () => {
      const res = await login(email);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('SECOND_FACTOR_CODE_REQUIRED');
    });

    it('refuses a wrong code', async () => {
      const res = await login(email, { totpCode: wrongTotpCode(enrolled.secret) });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('INVALID_CREDENTIALS');
    });

    it('signs in with a code: the session has passed the second factor', async () => {
      const res = await login(email, { totpCode: totpCode(enrolled.secret) });
      expect(res.statusCode).toBe(200);
      expect(sessionResponseSchema.parse(res.json()).me.session.secondFactor).toBe(true);
    });

    it('accepts a recovery code once only', async () => {
      const code = enrolled.recoveryCodes[0]!;
      const first = await login(email, { recoveryCode: code.toUpperCase() });
      expect(first.statusCode).toBe(200);
      expect(first.json().me.session.secondFactor).toBe(true);
      const second = await login(email, { recoveryCode: code });
      expect(second.statusCode).toBe(401);
      expect(second.json().code).toBe('INVALID_CREDENTIALS');
    });
  });

  describe('new recovery codes', () => {
    it('refuses an anonymous caller, a wrong code and a wrong password', async () => {
      const user = await newUser();
      const enrolled = await enrolSecondFactor(t.app, await signIn(t.app, user.email));
      const url = '/api/me/second-factor/recovery-codes';
      const right = { password: TEST_PASSWORD, code: totpCode(enrolled.secret) };
      expect((await post(url, right)).statusCode).toBe(401);
      const wrongCode = await post(
        url,
        { password: TEST_PASSWORD, code: wrongTotpCode(enrolled.secret) },
        enrolled.headers,
      );
      expect(wrongCode.statusCode).toBe(401);
      expect(wrongCode.json().code).toBe('INVALID_CREDENTIALS');
      const wrongPassword = await post(
        url,
        { ...right, password: 'not-my-password-at-all' },
        enrolled.headers,
      );
      expect(wrongPassword.statusCode).toBe(401);
    });

    it('replaces every code: the old ones stop working, the new ones work', async () => {
      const user = await newUser();
      const enrolled = await enrolSecondFactor(t.app, await signIn(t.app, user.email));
      const res = await post(
        '/api/me/second-factor/recovery-codes',
        { password: TEST_PASSWORD, code: totpCode(enrolled.secret) },
        enrolled.headers,
      );
      expect(res.statusCode).toBe(200);
      const { recoveryCodes } = recoveryCodesResponseSchema.parse(res.json());
      expect(recoveryCodes).not.toContain(enrolled.recoveryCodes[0]);
      expect(
        (await login(user.email, { recoveryCode: enrolled.recoveryCodes[0]! })).statusCode,
      ).toBe(401);
      expect((await login(user.email, { recoveryCode: recoveryCodes[0]! })).statusCode).toBe(200);
      expect(await auditOf(user.id, 'auth.recovery_codes.regenerate')).toEqual([
        { outcome: 'allowed', data_category: 'authentication' },
      ]);
    });

    it('accepts a recovery code as the proof (the authenticator was lost)', async () => {
      const user = await newUser();
      const enrolled = await enrolSecondFactor(t.app, await signIn(t.app, user.email));
      const res = await post(
        '/api/me/second-factor/recovery-codes',
        { password: TEST_PASSWORD, code: enrolled.recoveryCodes[3]! },
        enrolled.headers,
      );
      expect(res.statusCode).toBe(200);
    });

    it('refuses when two-step verification is off', async () => {
      const user = await newUser();
      const session = await signIn(t.app, user.email);
      const res = await post(
        '/api/me/second-factor/recovery-codes',
        { password: TEST_PASSWORD, code: '123456' },
        session.headers,
      );
      expect(res.statusCode).toBe(409);
    });
  });

  describe('turning it off', () => {
    const disable = (headers: Record<string, string>, payload: object) =>
      t.app.inject({ method: 'DELETE', url: '/api/me/second-factor', headers, payload });

    it('refuses an anonymous caller and a wrong code', async () => {
      const user = await newUser();
      const enrolled = await enrolSecondFactor(t.app, await signIn(t.app, user.email));
      const anonymous = await t.app.inject({
        method: 'DELETE',
        url: '/api/me/second-factor',
        payload: { password: TEST_PASSWORD, code: totpCode(enrolled.secret) },
      });
      expect(anonymous.statusCode).toBe(401);
      const wrong = await disable(enrolled.headers, {
        password: TEST_PASSWORD,
        code: wrongTotpCode(enrolled.secret),
      });
      expect(wrong.statusCode).toBe(401);
      expect((await login(user.email)).json().code).toBe('SECOND_FACTOR_CODE_REQUIRED');
    });

    it('turns it off, deletes the recovery codes, ends other sessions, returns a fresh one', async () => {
      const user = await newUser();
      const enrolled = await enrolSecondFactor(t.app, await signIn(t.app, user.email));
      const res = await disable(enrolled.headers, {
        password: TEST_PASSWORD,
        code: totpCode(enrolled.secret),
      });
      expect(res.statusCode).toBe(200);
      const body = sessionResponseSchema.parse(res.json());
      expect(body.me.user.secondFactorEnabled).toBe(false);
      expect(body.me.session.secondFactor).toBe(false);
      expect((await me(enrolled.headers)).statusCode).toBe(401);
      expect((await refresh(enrolled.refreshCookie)).statusCode).toBe(401);
      expect((await me({ authorization: `Bearer ${body.accessToken}` })).statusCode).toBe(200);
      expect((await login(user.email)).statusCode).toBe(200);
      const codes = await t.database.db
        .selectFrom('recovery_code')
        .select('id')
        .where('user_id', '=', user.id)
        .execute();
      expect(codes).toEqual([]);
      expect(await auditOf(user.id, 'auth.second_factor.disable')).toEqual([
        { outcome: 'allowed', data_category: 'authentication' },
      ]);
    });
  });

  it('counts wrong passwords under the sign-in rule: the session’s device, then as untrusted', async () => {
    const user = await newUser();
    const session = await signIn(t.app, user.email);
    // The session's device budget, then the budget of one untrusted address for the account.
    const free = BUDGETS.device.freeFailures + BUDGETS.accountAddress.freeFailures;
    for (let i = 0; i < free; i += 1) {
      const res = await post(
        '/api/me/second-factor/setup',
        { password: `wrong-password-${i}` },
        session.headers,
      );
      expect(res.statusCode).toBe(401);
    }
    const locked = await post(
      '/api/me/second-factor/setup',
      { password: TEST_PASSWORD },
      session.headers,
    );
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('ACCOUNT_LOCKED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login(user.email)).statusCode).toBe(429);
  });

  it('a link signs in without the second factor even when it is on', async () => {
    const user = await newUser();
    await enrolSecondFactor(t.app, await signIn(t.app, user.email));
    const token = await createLink(t.database.db, user.id, { purpose: 'reset' });
    const res = await post('/api/auth/links/complete', {
      token,
      newPassword: 'amber-meadow-violin-harbour',
    });
    expect(res.statusCode).toBe(200);
    const body = sessionResponseSchema.parse(res.json());
    expect(body.me.user.secondFactorEnabled).toBe(true);
    expect(body.me.session.secondFactor).toBe(false);
    // Signing in with the new password still asks for the code.
    const again = await post('/api/auth/login', {
      email: user.email,
      password: 'amber-meadow-violin-harbour',
    });
    expect(again.json().code).toBe('SECOND_FACTOR_CODE_REQUIRED');
  });
});
