import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionResponseSchema } from '@fourfold/shared/auth';
import { enrolSecondFactor } from '../../helpers/credentials';
import { TEST_PASSWORD, createAgency, createUser, signIn } from '../../helpers/fixtures';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';

const STRONG = 'cobalt-orchard-whistle-ferry';

describe('changing one’s password', () => {
  let t: TestApp;
  let agencyId: string;
  beforeAll(async () => {
    t = await createTestApp();
    agencyId = (await createAgency(t.database.db, { name: 'Lakeshore Housing Services' })).id;
  });
  afterAll(async () => closeTestApp(t));

  const change = (headers: Record<string, string> | undefined, payload: object) =>
    t.app.inject({
      method: 'POST',
      url: '/api/me/password',
      payload,
      ...(headers ? { headers } : {}),
    });
  const me = (headers: Record<string, string>) =>
    t.app.inject({ method: 'GET', url: '/api/me', headers });
  const login = (email: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  const reasonsOf = (body: {
    invalidParams?: Array<{ in: string; path: string; message: string }>;
  }) =>
    (body.invalidParams ?? []).map((param) => {
      expect(param).toMatchObject({ in: 'body', path: 'newPassword' });
      return param.message;
    });

  it('refuses an anonymous caller', async () => {
    const res = await change(undefined, { currentPassword: TEST_PASSWORD, newPassword: STRONG });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });

  it('refuses a wrong current password, and records the denial', async () => {
    const user = await createUser(t.database.db, { agencyId });
    const session = await signIn(t.app, user.email);
    const res = await change(session.headers, {
      currentPassword: 'not-the-current-one',
      newPassword: STRONG,
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('INVALID_CREDENTIALS');
    expect((await login(user.email, STRONG)).statusCode).toBe(401);
    const events = await t.database.db
      .selectFrom('audit_event')
      .select(['outcome'])
      .where('user_id', '=', user.id)
      .where('action', '=', 'auth.password.change')
      .execute();
    expect(events).toEqual([{ outcome: 'denied' }]);
  });

  describe('refuses a weak password with the reasons as message keys', () => {
    let headers: Record<string, string>;
    beforeAll(async () => {
      const user = await createUser(t.database.db, {
        agencyId,
        email: 'morgan.tremblay@lakeshore.example',
      });
      headers = (await signIn(t.app, user.email)).headers;
    });

    it('11 characters: too short', async () => {
      const res = await change(headers, {
        currentPassword: TEST_PASSWORD,
        newPassword: 'abcdefghijk',
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('WEAK_PASSWORD');
      expect(reasonsOf(res.json())).toEqual(['password.too_short']);
    });

    it('a common password: guessable, with zxcvbn’s own keys', async () => {
      const res = await change(headers, {
        currentPassword: TEST_PASSWORD,
        newPassword: 'password1234',
      });
      expect(res.statusCode).toBe(422);
      const reasons = reasonsOf(res.json());
      expect(reasons).toContain('password.guessable');
      expect(reasons.some((key) => key.startsWith('password.warning.'))).toBe(true);
    });

    it('built from the person’s own details and agency', async () => {
      for (const newPassword of ['morgantremblay2026', 'lakeshorehousing']) {
        const res = await change(headers, { currentPassword: TEST_PASSWORD, newPassword });
        expect(res.statusCode, newPassword).toBe(422);
        expect(reasonsOf(res.json())).toContain('password.guessable');
      }
    });

    it('the same password again', async () => {
      const user = await createUser(t.database.db, { agencyId });
      const session = await signIn(t.app, user.email);
      const res = await change(session.headers, {
        currentPassword: TEST_PASSWORD,
        newPassword: TEST_PASSWORD,
      });
      expect(res.statusCode).toBe(422);
      expect(reasonsOf(res.json())).toEqual(['password.unchanged']);
    });
  });

  it('changes it: the old access token fails on the next request, a fresh session is returned', async () => {
    const user = await createUser(t.database.db, { agencyId });
    const session = await signIn(t.app, user.email);
    const elsewhere = await signIn(t.app, user.email);
    expect((await me(session.headers)).statusCode).toBe(200);
    const res = await change(session.headers, {
      currentPassword: TEST_PASSWORD,
      newPassword: STRONG,
    });
    expect(res.statusCode).toBe(200);
    const body = sessionResponseSchema.parse(res.json());
    expect(res.cookies.find((c) => c.name === 'ff_refresh')).toBeDefined();

    expect((await me(session.headers)).statusCode).toBe(401);
    expect((await me(elsewhere.headers)).statusCode).toBe(401);
    const oldRefresh = await t.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      cookies: { ff_refresh: elsewhere.refreshCookie },
    });
    expect(oldRefresh.statusCode).toBe(401);
    expect((await me({ authorization: `Bearer ${body.accessToken}` })).statusCode).toBe(200);

    expect((await login(user.email, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login(user.email, STRONG)).statusCode).toBe(200);
    const row = await t.database.db
      .selectFrom('app_user')
      .select(['password_hash', 'password_changed_at'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_changed_at).not.toBeNull();
    const events = await t.database.db
      .selectFrom('audit_event')
      .select(['outcome', 'data_category'])
      .where('user_id', '=', user.id)
      .where('action', '=', 'auth.password.change')
      .execute();
    expect(events).toEqual([{ outcome: 'allowed', data_category: 'authentication' }]);
  });

  it('keeps the second factor of the session that changed it', async () => {
    const user = await createUser(t.database.db, { agencyId });
    const enrolled = await enrolSecondFactor(t.app, await signIn(t.app, user.email));
    const res = await change(enrolled.headers, {
      currentPassword: TEST_PASSWORD,
      newPassword: STRONG,
    });
    expect(res.statusCode).toBe(200);
    expect(sessionResponseSchema.parse(res.json()).me.session.secondFactor).toBe(true);
  });
});
