import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meSchema, sessionResponseSchema } from '@fourfold/shared/auth';
import {
  TEST_TOKEN_SECRET,
  closeTestApp,
  createTestApp,
  type TestApp,
} from '../../helpers/test-app';
import {
  TEST_PASSWORD,
  createAgency,
  createTable,
  createUser,
  signIn,
} from '../../helpers/fixtures';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
function makeJwt(header: object, payload: object, secret: string | null) {
  const unsigned = `${b64(header)}.${b64(payload)}`;
  const signature = secret ? createHmac('sha256', secret).update(unsigned).digest('base64url') : '';
  return `${unsigned}.${signature}`;
}
const now = () => Math.floor(Date.now() / 1000);

describe('sign-in and sessions', () => {
  let t: TestApp;
  let agencyId: string;
  let tableId: string;
  beforeAll(async () => {
    t = await createTestApp();
    agencyId = (await createAgency(t.database.db)).id;
    tableId = (await createTable(t.database.db, { agencyIds: [agencyId] })).id;
  });
  afterAll(async () => closeTestApp(t));

  const me = (authorization: string) =>
    t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization } });

  it('signs in with e-mail and password: access token, rotating cookie, profile', async () => {
    const user = await createUser(t.database.db, {
      agencyId,
      memberships: [{ tableId, role: 'agency_rep' }],
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email.toUpperCase(), password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const body = sessionResponseSchema.parse(res.json());
    expect(body.me.user.email).toBe(user.email);
    expect(body.me.memberships).toHaveLength(1);
    expect(body.me.memberships[0]).toMatchObject({
      role: 'agency_rep',
      agreement: { accepted: true },
    });
    const cookie = res.cookies.find((c) => c.name === 'ff_refresh');
    expect(cookie).toMatchObject({
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
      path: '/api/auth',
    });
    const profile = await me(`Bearer ${body.accessToken}`);
    expect(profile.statusCode).toBe(200);
    expect(meSchema.parse(profile.json()).user.id).toBe(user.id);
  });

  it('answers an unknown e-mail exactly as a wrong password', async () => {
    const user = await createUser(t.database.db, { agencyId });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: 'not-the-password-at-all' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'nobody-here@test.example', password: 'not-the-password-at-all' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(strip(wrong.json())).toEqual(strip(unknown.json()));
    expect(wrong.json().code).toBe('INVALID_CREDENTIALS');
  });

  it('refuses a deactivated account at sign-in', async () => {
    const user = await createUser(t.database.db, { agencyId, active: false });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('INVALID_CREDENTIALS');
  });

  /** The claims of an access token the API issued (to forge variants of a genuine one). */
  const claimsOf = (accessToken: string) =>
    JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString()) as {
      sub: string;
      sid: string;
    };

  describe('token attacks are each answered 401', () => {
    let userId: string;
    let sessionId: string;
    beforeAll(async () => {
      const user = await createUser(t.database.db, { agencyId });
      userId = user.id;
      sessionId = claimsOf((await signIn(t.app, user.email)).accessToken).sid;
    });
    const valid = (): Record<string, unknown> => ({
      sub: userId,
      sid: sessionId,
      epoch: 0,
      mfa: false,
      iss: 'fourfold',
      aud: 'fourfold-api',
      iat: now(),
      exp: now() + 600,
    });

    it('accepts a well-formed token (control)', async () => {
      const token = makeJwt({ alg: 'HS256', typ: 'JWT' }, valid(), TEST_TOKEN_SECRET);
      expect((await me(`Bearer ${token}`)).statusCode).toBe(200);
    });

    it.each<[string, () => string]>([
      ['alg none', () => makeJwt({ alg: 'none', typ: 'JWT' }, valid(), null)],
      [
        'wrong signature',
        () =>
          makeJwt({ alg: 'HS256', typ: 'JWT' }, valid(), 'another-secret-of-sufficient-length-xx'),
      ],
      [
        'HS512 instead of the pinned HS256',
        () => {
          const unsigned = `${b64({ alg: 'HS512', typ: 'JWT' })}.${b64(valid())}`;
          return `${unsigned}.${createHmac('sha512', TEST_TOKEN_SECRET).update(unsigned).digest('base64url')}`;
        },
      ],
      [
        'expired',
        () =>
          makeJwt(
            { alg: 'HS256', typ: 'JWT' },
            { ...valid(), iat: now() - 1200, exp: now() - 600 },
            TEST_TOKEN_SECRET,
          ),
      ],
      [
        'wrong audience',
        () =>
          makeJwt(
            { alg: 'HS256', typ: 'JWT' },
            { ...valid(), aud: 'someone-else' },
            TEST_TOKEN_SECRET,
          ),
      ],
      [
        'wrong issuer',
        () => makeJwt({ alg: 'HS256', typ: 'JWT' }, { ...valid(), iss: 'evil' }, TEST_TOKEN_SECRET),
      ],
      [
        'stale session epoch',
        () => makeJwt({ alg: 'HS256', typ: 'JWT' }, { ...valid(), epoch: 7 }, TEST_TOKEN_SECRET),
      ],
      ['garbage', () => 'not-a-jwt'],
      ...(['exp', 'aud', 'iss', 'sid'] as const).map(
        (claim) =>
          [
            `no ${claim} claim`,
            () => {
              const claims = valid();
              delete claims[claim];
              return makeJwt({ alg: 'HS256', typ: 'JWT' }, claims, TEST_TOKEN_SECRET);
            },
          ] as [string, () => string],
      ),
      [
        'a session that does not exist',
        () =>
          makeJwt(
            { alg: 'HS256', typ: 'JWT' },
            { ...valid(), sid: '00000000-0000-4000-8000-000000000000' },
            TEST_TOKEN_SECRET,
          ),
      ],
    ])('%s', async (_name, token) => {
      const res = await me(`Bearer ${token()}`);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('UNAUTHENTICATED');
    });

    it('no token at all', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/me' });
      expect(res.statusCode).toBe(401);
    });
  });

  describe('refresh tokens', () => {
    const refresh = (cookie: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/refresh', cookies: { ff_refresh: cookie } });

    it('rotates on every use', async () => {
      const user = await createUser(t.database.db, { agencyId });
      const session = await signIn(t.app, user.email);
      const first = await refresh(session.refreshCookie);
      expect(first.statusCode).toBe(200);
      const next = first.cookies.find((c) => c.name === 'ff_refresh')!.value;
      expect(next).not.toBe(session.refreshCookie);
      expect((await me(`Bearer ${first.json().accessToken}`)).statusCode).toBe(200);
      expect((await refresh(next)).statusCode).toBe(200);
    });

    it('revokes the whole family when a spent token is reused', async () => {
      const user = await createUser(t.database.db, { agencyId });
      const session = await signIn(t.app, user.email);
      const rotated = await refresh(session.refreshCookie);
      const current = rotated.cookies.find((c) => c.name === 'ff_refresh')!.value;
      const reuse = await refresh(session.refreshCookie);
      expect(reuse.statusCode).toBe(401);
      // The legitimate holder's current token died with the family.
      expect((await refresh(current)).statusCode).toBe(401);
      const events = await t.database.db
        .selectFrom('audit_event')
        .select(['action', 'outcome'])
        .where('user_id', '=', user.id)
        .where('action', '=', 'auth.refresh.reuse')
        .execute();
      // The spent token's reuse, then the revoked current token: both are refused and recorded.
      expect(events).toEqual([
        { action: 'auth.refresh.reuse', outcome: 'denied' },
        { action: 'auth.refresh.reuse', outcome: 'denied' },
      ]);
    });

    it('answers 204 with no session and no cookie when the browser sends no refresh cookie', async () => {
      const none = await t.app.inject({ method: 'POST', url: '/api/auth/refresh' });
      expect(none.statusCode).toBe(204);
      expect(none.body).toBe('');
      expect(none.headers['set-cookie']).toBeUndefined();
    });

    it('refuses an unknown cookie with 401 and clears it', async () => {
      const unknown = await refresh('made-up-token');
      expect(unknown.statusCode).toBe(401);
      expect(String(unknown.headers['set-cookie'])).toMatch(/ff_refresh=;/);
    });

    it('logout revokes the family', async () => {
      const user = await createUser(t.database.db, { agencyId });
      const session = await signIn(t.app, user.email);
      const out = await t.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        cookies: { ff_refresh: session.refreshCookie },
      });
      expect(out.statusCode).toBe(204);
      expect((await refresh(session.refreshCookie)).statusCode).toBe(401);
    });
  });

  describe('deactivation and membership changes take effect on the next request', () => {
    it('a deactivated user is refused with a still-valid access token', async () => {
      const user = await createUser(t.database.db, { agencyId });
      const session = await signIn(t.app, user.email);
      expect((await me(session.headers.authorization)).statusCode).toBe(200);
      await t.database.db
        .updateTable('app_user')
        .set({ active: false })
        .where('id', '=', user.id)
        .execute();
      expect((await me(session.headers.authorization)).statusCode).toBe(401);
      const again = await t.app.inject({
        method: 'POST',
        url: '/api/auth/refresh',
        cookies: { ff_refresh: session.refreshCookie },
      });
      expect(again.statusCode).toBe(401);
    });

    it('a removed membership disappears from the very next answer', async () => {
      const user = await createUser(t.database.db, {
        agencyId,
        memberships: [{ tableId, role: 'agency_rep' }],
      });
      const session = await signIn(t.app, user.email);
      expect((await me(session.headers.authorization)).json().memberships).toHaveLength(1);
      await t.database.db.deleteFrom('table_membership').where('user_id', '=', user.id).execute();
      expect((await me(session.headers.authorization)).json().memberships).toHaveLength(0);
    });
  });

  describe('sessions end when they should', () => {
    const logout = (options: { cookie?: string; authorization?: string }) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        ...(options.cookie ? { cookies: { ff_refresh: options.cookie } } : {}),
        ...(options.authorization ? { headers: { authorization: options.authorization } } : {}),
      });
    const refresh = (cookie: string, headers: Record<string, string> = {}) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/refresh',
        cookies: { ff_refresh: cookie },
        headers,
      });

    it('logout ends the access token at once, not only the refresh family', async () => {
      const user = await createUser(t.database.db, { agencyId });
      const session = await signIn(t.app, user.email);
      expect((await me(session.headers.authorization)).statusCode).toBe(200);
      expect((await logout({ cookie: session.refreshCookie })).statusCode).toBe(204);
      const after = await me(session.headers.authorization);
      expect(after.statusCode).toBe(401);
      expect(after.json().code).toBe('UNAUTHENTICATED');
    });

    it('logout with the access token alone ends that session too', async () => {
      const user = await createUser(t.database.db, { agencyId });
      const session = await signIn(t.app, user.email);
      expect((await logout({ authorization: session.headers.authorization })).statusCode).toBe(204);
      expect((await me(session.headers.authorization)).statusCode).toBe(401);
      expect((await refresh(session.refreshCookie)).statusCode).toBe(401);
    });

    it('logout signs out this browser only: the person’s other sessions go on', async () => {
      const user = await createUser(t.database.db, { agencyId });
      const laptop = await signIn(t.app, user.email);
      const office = await signIn(t.app, user.email);
      await logout({ cookie: laptop.refreshCookie });
      expect((await me(laptop.headers.authorization)).statusCode).toBe(401);
      expect((await me(office.headers.authorization)).statusCode).toBe(200);
      expect((await refresh(office.refreshCookie)).statusCode).toBe(200);
    });

    it('an access token outlives a refresh only as its rotation, and dies with a reused family', async () => {
      const user = await createUser(t.database.db, { agencyId });
      const session = await signIn(t.app, user.email);
      const rotated = await refresh(session.refreshCookie);
      expect(rotated.statusCode).toBe(200);
      // The old access token belongs to the same session, which goes on.
      expect((await me(session.headers.authorization)).statusCode).toBe(200);
      // A spent token comes back: the whole session ends, access tokens included.
      expect((await refresh(session.refreshCookie)).statusCode).toBe(401);
      expect((await me(`Bearer ${rotated.json().accessToken}`)).statusCode).toBe(401);
    });

    it.each([
      ['logout', () => logout({ cookie: 'whatever-token' })],
      ['a failed refresh', () => refresh('made-up-token')],
    ])('%s clears the cookie with all its attributes', async (_name, call) => {
      const res = await call();
      const cleared = res.cookies.find((c) => c.name === 'ff_refresh');
      expect(cleared).toMatchObject({
        value: '',
        httpOnly: true,
        secure: true,
        sameSite: 'Strict',
        path: '/api/auth',
      });
      expect(cleared!.expires!.getTime()).toBeLessThan(Date.now());
    });

    describe('requests from another site are refused', () => {
      it.each([
        ['an Origin of another site', { origin: 'https://evil.example' }],
        ['an Origin of another port', { origin: 'http://localhost:8080' }],
        ['an opaque Origin', { origin: 'null' }],
        ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
        [
          'Sec-Fetch-Site: cross-site and its own Origin',
          { 'sec-fetch-site': 'cross-site', origin: 'http://localhost' },
        ],
        ['an unknown Sec-Fetch-Site', { 'sec-fetch-site': 'whatever' }],
      ])('refresh with %s: 403', async (_name, headers) => {
        const user = await createUser(t.database.db, { agencyId });
        const session = await signIn(t.app, user.email);
        const res = await refresh(session.refreshCookie, headers);
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe('FORBIDDEN');
        // Refused before the token was looked at: it still works from the app itself.
        expect((await refresh(session.refreshCookie)).statusCode).toBe(200);
      });

      it.each([
        ['its own Origin', { origin: 'http://localhost' }],
        ['Sec-Fetch-Site: same-origin', { 'sec-fetch-site': 'same-origin' }],
        ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }],
        ['Sec-Fetch-Site: none', { 'sec-fetch-site': 'none' }],
        [
          'Sec-Fetch-Site: same-origin and the public Origin of a proxy that rewrote Host',
          { 'sec-fetch-site': 'same-origin', origin: 'https://fourfold.example.org' },
        ],
      ])('refresh with %s: allowed', async (_name, headers) => {
        const user = await createUser(t.database.db, { agencyId });
        const session = await signIn(t.app, user.email);
        expect((await refresh(session.refreshCookie, headers)).statusCode).toBe(200);
      });

      it('sign-in and logout from another site: 403', async () => {
        const user = await createUser(t.database.db, { agencyId });
        const session = await signIn(t.app, user.email);
        const cross = { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' };
        const login = await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: user.email, password: TEST_PASSWORD },
          headers: cross,
        });
        expect(login.statusCode).toBe(403);
        const out = await t.app.inject({
          method: 'POST',
          url: '/api/auth/logout',
          cookies: { ff_refresh: session.refreshCookie },
          headers: cross,
        });
        expect(out.statusCode).toBe(403);
        expect((await me(session.headers.authorization)).statusCode).toBe(200);
      });
    });
  });

  it('records every sign-in, success or failure, in the audit log', async () => {
    const user = await createUser(t.database.db, { agencyId });
    await attempt(user.email, 'a-wrong-password-here');
    await signIn(t.app, user.email);
    const events = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'outcome', 'data_category'])
      .where('user_id', '=', user.id)
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      { action: 'auth.login', outcome: 'denied', data_category: 'authentication' },
      { action: 'auth.login', outcome: 'allowed', data_category: 'authentication' },
    ]);
    function attempt(email: string, password: string) {
      return t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
    }
  });
});
