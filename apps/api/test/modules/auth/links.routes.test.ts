import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionResponseSchema } from '@fourfold/shared/auth';
import { linkInspectResponseSchema } from '@fourfold/shared/credentials';
import { callAs } from '../../helpers/admin-fixtures';
import { createLink } from '../../helpers/credentials';
import { TEST_PASSWORD, createAgency, createUser, signIn } from '../../helpers/fixtures';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';

const STRONG = 'saffron-glacier-pottery-wren';

describe('one-time invitation and reset links', () => {
  let t: TestApp;
  let agencyId: string;
  beforeAll(async () => {
    t = await createTestApp();
    agencyId = (await createAgency(t.database.db)).id;
  });
  afterAll(async () => closeTestApp(t));

  const inspect = (token: string, remoteAddress?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/links/inspect',
      payload: { token },
      ...(remoteAddress ? { remoteAddress } : {}),
    });
  const complete = (token: string, newPassword: string, remoteAddress?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/links/complete',
      payload: { token, newPassword },
      ...(remoteAddress ? { remoteAddress } : {}),
    });
  const login = (email: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });

  /** An invited person: no password yet. */
  async function invitee() {
    const user = await createUser(t.database.db, { agencyId });
    await t.database.db
      .updateTable('app_user')
      .set({ password_hash: null })
      .where('id', '=', user.id)
      .execute();
    return user;
  }

  it('a reset link reaches only the person, by e-mail: the administrator who issued it cannot use it', async () => {
    const admin = await createUser(t.database.db, { isAdministrator: true });
    const adminSession = await signIn(t.app, admin.email);
    const user = await createUser(t.database.db, { agencyId });
    const issued = await callAs(
      t.app,
      adminSession,
      'POST',
      `/api/admin/users/${user.id}/password-reset`,
    );
    expect(issued.statusCode).toBe(201);
    // Everything the administrator received: no token, no address of the set-password page.
    expect(issued.json()).toEqual({
      purpose: 'reset',
      sentTo: `${user.email[0]}…@${user.email.split('@')[1]}`,
      delivery: 'smtp',
      expiresAt: expect.any(String),
    });
    const token = t.mail.linkTokenFor(user.email);
    expect(issued.body).not.toContain(token);
    expect(t.mail.to(admin.email)).toEqual([]);

    const res = await complete(token, STRONG);
    expect(res.statusCode).toBe(200);
    expect((await login(user.email, STRONG)).statusCode).toBe(200);
  });

  it('tells whose account an invitation is for, without signing anyone in', async () => {
    const user = await invitee();
    const token = await createLink(t.database.db, user.id, { purpose: 'invite' });
    const res = await inspect(token);
    expect(res.statusCode).toBe(200);
    const body = linkInspectResponseSchema.parse(res.json());
    expect(body).toMatchObject({ purpose: 'invite', email: user.email });
    expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 71 * 3_600_000);
    expect(res.cookies).toEqual([]);
    // Inspecting does not spend it.
    expect((await inspect(token)).statusCode).toBe(200);
  });

  it('an invitation sets the password once and signs the person in; a second use is refused', async () => {
    const user = await invitee();
    const token = await createLink(t.database.db, user.id, { purpose: 'invite' });
    const res = await complete(token, STRONG);
    expect(res.statusCode).toBe(200);
    const body = sessionResponseSchema.parse(res.json());
    expect(body.me.user.id).toBe(user.id);
    expect(body.me.session.secondFactor).toBe(false);
    expect(res.cookies.find((c) => c.name === 'ff_refresh')).toBeDefined();
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/me',
          headers: { authorization: `Bearer ${body.accessToken}` },
        })
      ).statusCode,
    ).toBe(200);
    expect((await login(user.email, STRONG)).statusCode).toBe(200);

    const again = await complete(token, 'another-strong-passphrase-entirely');
    expect(again.statusCode).toBe(410);
    expect(again.json().code).toBe('LINK_INVALID');
    expect((await inspect(token)).statusCode).toBe(410);
    expect((await login(user.email, STRONG)).statusCode).toBe(200);

    const events = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'outcome', 'data_category', 'purpose'])
      .where('user_id', '=', user.id)
      .where('action', '=', 'auth.link.complete')
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      {
        action: 'auth.link.complete',
        outcome: 'allowed',
        data_category: 'authentication',
        purpose: 'invite',
      },
      {
        action: 'auth.link.complete',
        outcome: 'denied',
        data_category: 'authentication',
        purpose: null,
      },
    ]);
  });

  it('a reset ends every session and spends the person’s other links', async () => {
    const user = await createUser(t.database.db, { agencyId });
    const session = await signIn(t.app, user.email);
    const older = await createLink(t.database.db, user.id, { purpose: 'reset' });
    const token = await createLink(t.database.db, user.id, { purpose: 'reset' });
    expect(linkInspectResponseSchema.parse((await inspect(token)).json()).purpose).toBe('reset');
    const res = await complete(token, STRONG);
    expect(res.statusCode).toBe(200);
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: session.headers });
    expect(me.statusCode).toBe(401);
    const refresh = await t.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      cookies: { ff_refresh: session.refreshCookie },
    });
    expect(refresh.statusCode).toBe(401);
    expect((await inspect(older)).statusCode).toBe(410);
    expect((await login(user.email, TEST_PASSWORD)).statusCode).toBe(401);
  });

  it('refuses an expired link, an unknown token, and a deactivated person’s link', async () => {
    const user = await invitee();
    const expired = await createLink(t.database.db, user.id, {
      expiresAt: new Date(Date.now() - 60_000),
    });
    for (const res of [await inspect(expired), await complete(expired, STRONG)]) {
      expect(res.statusCode).toBe(410);
      expect(res.json().code).toBe('LINK_INVALID');
    }
    expect((await inspect('an-unknown-token-of-some-length')).statusCode).toBe(410);

    const inactive = await createUser(t.database.db, { agencyId, active: false });
    const token = await createLink(t.database.db, inactive.id);
    expect((await inspect(token)).statusCode).toBe(410);
    expect((await complete(token, STRONG)).statusCode).toBe(410);
  });

  it('refuses a weak password with reason keys and leaves the link usable', async () => {
    const user = await invitee();
    const token = await createLink(t.database.db, user.id);
    const short = await complete(token, 'abcdefghijk');
    expect(short.statusCode).toBe(422);
    expect(short.json()).toMatchObject({
      code: 'WEAK_PASSWORD',
      invalidParams: [{ in: 'body', path: 'newPassword', message: 'password.too_short' }],
    });
    const common = await complete(token, 'password1234');
    expect(common.statusCode).toBe(422);
    expect(
      (common.json().invalidParams as Array<{ message: string }>).map((p) => p.message),
    ).toContain('password.guessable');
    expect((await complete(token, STRONG)).statusCode).toBe(200);
  });

  it('never puts the token in a URL: the token is a body field only', async () => {
    const user = await invitee();
    const token = await createLink(t.database.db, user.id);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/auth/links/inspect?token=${token}`,
    });
    expect(res.statusCode).not.toBe(200);
  });

  it('stops a client address after 20 failed attempts', async () => {
    const address = '192.0.2.77';
    for (let i = 0; i < 20; i += 1) {
      expect((await inspect(`guessed-token-number-${i}-xxxx`, address)).statusCode).toBe(410);
    }
    const user = await invitee();
    const token = await createLink(t.database.db, user.id);
    const limited = await inspect(token, address);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await complete(token, STRONG, address)).statusCode).toBe(429);
    // Another address is not affected.
    expect((await inspect(token, '192.0.2.78')).statusCode).toBe(200);
  });
});
