import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminUserListSchema, adminUserSchema, userCreatedSchema } from '@fourfold/shared/admin';
import {
  auditRowsOf,
  callAs,
  countAudit,
  countRows,
  createAdminWorld,
  createInvitedUser,
  expectOneAdminAudit,
  uniqueName,
  type AdminWorld,
} from '../../helpers/admin-fixtures';
import {
  TEST_PASSWORD,
  createAgency,
  createTable,
  createUser,
  signIn,
} from '../../helpers/fixtures';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');
const HOUR = 3_600_000;

describe('administration: users and one-time links', () => {
  let t: TestApp;
  let w: AdminWorld;
  const db = () => t.database.db;
  const asAdmin = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    callAs(t.app, w.admin.session, method, url, payload);
  const me = (authorization: string) =>
    t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization } });
  const refresh = (cookie: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/refresh', cookies: { ff_refresh: cookie } });
  const linksOf = (userId: string) =>
    db()
      .selectFrom('user_link')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  const newUser = (overrides: object = {}) => ({
    email: `${uniqueName('person').replace(' ', '.')}@Test.Example`,
    displayName: uniqueName('Robin Person'),
    agencyId: w.agency.id,
    ...overrides,
  });

  beforeAll(async () => {
    t = await createTestApp();
    w = await createAdminWorld(t.app, db());
  });
  afterAll(async () => closeTestApp(t));

  async function expectUnchanged(write: () => ReturnType<typeof asAdmin>, status: number) {
    const [users, audit] = [await countRows(db(), 'app_user'), await countAudit(db())];
    const res = await write();
    expect(res.statusCode, res.body).toBe(status);
    expect(await countRows(db(), 'app_user')).toBe(users);
    expect(await countAudit(db())).toBe(audit);
    return res;
  }

  describe('creating a user', () => {
    it('e-mails the invitation to the person only, answers without it, and stores only its hash', async () => {
      const input = newUser();
      const started = Date.now();
      const res = await asAdmin('POST', '/api/admin/users', input);
      expect(res.statusCode, res.body).toBe(201);
      const { user, link: sent } = userCreatedSchema.parse(res.json());
      // The administrator learns where it went and until when; never the link itself.
      expect(Object.keys(res.json().link).sort()).toEqual([
        'delivery',
        'expiresAt',
        'purpose',
        'sentTo',
      ]);
      expect(sent).toMatchObject({ purpose: 'invite', delivery: 'smtp' });
      expect(sent.sentTo).toMatch(/^.…@test\.example$/);
      expect(res.body).not.toMatch(/set-password|[A-Za-z0-9_-]{43}/);
      const mails = t.mail.to(input.email);
      expect(mails).toHaveLength(1);
      expect(mails[0]).toMatchObject({ to: [input.email.toLowerCase()], kind: 'invitation' });
      // The subject names no one; the body is in English and French.
      expect(mails[0]!.subject).not.toMatch(/Robin|person/i);
      expect(mails[0]!.text).toContain('Choose your password');
      expect(mails[0]!.text).toContain('Choisissez votre mot de passe');
      expect(mails[0]!.text).toContain(`http://localhost:3000/set-password#`);
      const link = { ...sent, token: t.mail.linkTokenFor(input.email) };
      expect(user).toMatchObject({
        email: input.email.toLowerCase(),
        displayName: input.displayName,
        agency: { id: w.agency.id, name: w.agency.name },
        isAdministrator: false,
        active: true,
        passwordSet: false,
        memberships: [],
        pendingLinks: [{ purpose: 'invite', expiresAt: link.expiresAt }],
      });
      expect(link.purpose).toBe('invite');
      expect(link.token.length).toBeGreaterThanOrEqual(43);
      const expiresIn = new Date(link.expiresAt).getTime() - started;
      expect(expiresIn).toBeGreaterThan(72 * HOUR - 60_000);
      expect(expiresIn).toBeLessThan(72 * HOUR + 60_000);

      const rows = await linksOf(user.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        purpose: 'invite',
        token_hash: sha256(link.token),
        created_by: w.admin.id,
        used_at: null,
      });
      expect(JSON.stringify(rows)).not.toContain(link.token);
      // Nowhere else in the database either.
      const dump = await sql<{ found: boolean }>`
        select exists (select 1 from user_link l where l::text like ${'%' + link.token + '%'})
          or exists (select 1 from audit_event e where e::text like ${'%' + link.token + '%'})
          or exists (select 1 from app_user u where u::text like ${'%' + link.token + '%'})
          as found`.execute(db());
      expect(dump.rows[0]?.found).toBe(false);

      await expectOneAdminAudit(
        db(),
        res,
        {
          action: 'admin.user.create',
          adminId: w.admin.id,
          target: `user:${user.id}`,
        },
        [input.email, input.displayName, link.token],
      );
      // Reading the user back never shows the token again.
      const again = await asAdmin('GET', `/api/admin/users/${user.id}`);
      expect(again.body).not.toContain(link.token);
      expect(adminUserSchema.parse(again.json()).pendingLinks).toHaveLength(1);
    });

    it('creates an administrator without an agency', async () => {
      const res = await asAdmin(
        'POST',
        '/api/admin/users',
        newUser({ agencyId: null, isAdministrator: true }),
      );
      expect(res.statusCode).toBe(201);
      expect(res.json().user).toMatchObject({ agency: null, isAdministrator: true });
    });

    it('refuses a user who is neither in an agency nor an administrator (422 agencyId)', async () => {
      const res = await expectUnchanged(
        () => asAdmin('POST', '/api/admin/users', newUser({ agencyId: null })),
        422,
      );
      expect(res.json().invalidParams[0].path).toBe('agencyId');
    });

    it('refuses an e-mail address already used, whatever its case (409 email)', async () => {
      const res = await expectUnchanged(
        () => asAdmin('POST', '/api/admin/users', newUser({ email: w.rep.email.toUpperCase() })),
        409,
      );
      expect(res.json()).toMatchObject({ code: 'CONFLICT', invalidParams: [{ path: 'email' }] });
      expect(res.body).not.toContain(w.rep.email);
    });

    it('refuses a malformed e-mail address, an unknown agency and an empty name', async () => {
      await expectUnchanged(
        () => asAdmin('POST', '/api/admin/users', newUser({ email: 'not-an-address' })),
        400,
      );
      await expectUnchanged(
        () =>
          asAdmin(
            'POST',
            '/api/admin/users',
            newUser({ agencyId: '00000000-0000-4000-8000-000000000000' }),
          ),
        422,
      );
      await expectUnchanged(
        () => asAdmin('POST', '/api/admin/users', newUser({ displayName: ' ' })),
        400,
      );
    });
  });

  describe('one-time links', () => {
    it('a second invitation makes the first unusable', async () => {
      const input = newUser();
      const created = userCreatedSchema.parse(
        (await asAdmin('POST', '/api/admin/users', input)).json(),
      );
      const firstToken = t.mail.linkTokenFor(input.email);
      const res = await asAdmin('POST', `/api/admin/users/${created.user.id}/invitation`);
      expect(res.statusCode).toBe(201);
      const second = { ...res.json(), token: t.mail.linkTokenFor(input.email) };
      expect(res.body).not.toContain(second.token);
      expect(second.token).not.toBe(firstToken);
      await expectOneAdminAudit(
        db(),
        res,
        {
          action: 'admin.user.invite',
          adminId: w.admin.id,
          target: `user:${created.user.id}`,
        },
        [second.token],
      );

      const rows = await linksOf(created.user.id);
      expect(rows.map((row) => row.token_hash)).toEqual([sha256(firstToken), sha256(second.token)]);
      const now = Date.now();
      expect(new Date(rows[0]!.expires_at).getTime()).toBeLessThanOrEqual(now);
      expect(rows[0]!.used_at).toBeNull();
      expect(new Date(rows[1]!.expires_at).getTime()).toBeGreaterThan(now + 71 * HOUR);
      const user = await asAdmin('GET', `/api/admin/users/${created.user.id}`);
      expect(user.json().pendingLinks).toEqual([
        { purpose: 'invite', expiresAt: second.expiresAt },
      ]);
    });

    it('a reset link is for a person with a password, and changes nothing until used', async () => {
      const user = await createUser(db(), { agencyId: w.agency.id });
      const session = await signIn(t.app, user.email);
      const first = await asAdmin('POST', `/api/admin/users/${user.id}/password-reset`);
      expect(first.statusCode).toBe(201);
      expect(first.json().purpose).toBe('reset');
      const firstToken = t.mail.linkTokenFor(user.email);
      expect(first.body).not.toContain(firstToken);
      expect(t.mail.to(user.email).at(-1)!.kind).toBe('password_reset');
      await expectOneAdminAudit(db(), first, {
        action: 'admin.user.reset_link',
        adminId: w.admin.id,
        target: `user:${user.id}`,
      });
      await asAdmin('POST', `/api/admin/users/${user.id}/password-reset`);
      const rows = await linksOf(user.id);
      expect(rows.map((row) => row.token_hash)).toEqual([
        sha256(firstToken),
        sha256(t.mail.linkTokenFor(user.email)),
      ]);
      expect(new Date(rows[0]!.expires_at).getTime()).toBeLessThanOrEqual(Date.now());
      // The person's session carries on: nothing changes until the link is used.
      expect((await me(session.headers.authorization)).statusCode).toBe(200);
    });

    it('refuses an invitation to someone with a password and a reset to someone without', async () => {
      const withPassword = await createUser(db(), { agencyId: w.agency.id });
      const invited = await createInvitedUser(db(), w.agency.id);
      const a = await asAdmin('POST', `/api/admin/users/${withPassword.id}/invitation`);
      const b = await asAdmin('POST', `/api/admin/users/${invited.id}/password-reset`);
      expect([a.statusCode, b.statusCode]).toEqual([409, 409]);
      expect(await linksOf(withPassword.id)).toEqual([]);
      expect(await linksOf(invited.id)).toEqual([]);
    });

    it('refuses a link for a deactivated person', async () => {
      const user = await createUser(db(), { agencyId: w.agency.id, active: false });
      const res = await asAdmin('POST', `/api/admin/users/${user.id}/password-reset`);
      expect(res.statusCode).toBe(409);
    });

    it('when the mail server refuses the message: 503, no new link, the earlier one still works', async () => {
      const user = await createUser(db(), { agencyId: w.agency.id });
      await asAdmin('POST', `/api/admin/users/${user.id}/password-reset`);
      const earlier = t.mail.linkTokenFor(user.email);
      const audit = await countAudit(db());
      t.mail.refuse(true);
      try {
        const res = await asAdmin('POST', `/api/admin/users/${user.id}/password-reset`);
        expect(res.statusCode).toBe(503);
        expect(res.json()).toMatchObject({ code: 'MAIL_UNAVAILABLE', status: 503 });
        expect(res.body).not.toContain(user.email);
        const created = await expectUnchanged(
          () => asAdmin('POST', '/api/admin/users', newUser()),
          503,
        );
        expect(created.json().code).toBe('MAIL_UNAVAILABLE');
      } finally {
        t.mail.refuse(false);
      }
      expect(await countAudit(db())).toBe(audit);
      const rows = await linksOf(user.id);
      expect(rows.map((row) => row.token_hash)).toEqual([sha256(earlier)]);
      expect(new Date(rows[0]!.expires_at).getTime()).toBeGreaterThan(Date.now());
    });
  });

  describe('listing', () => {
    it('filters by agency, table and active, a page at a time', async () => {
      const agency = await createAgency(db());
      const table = await createTable(db(), { agencyIds: [agency.id] });
      const members = await Promise.all(
        [0, 1, 2].map(() =>
          createUser(db(), {
            agencyId: agency.id,
            memberships: [{ tableId: table.id, role: 'agency_rep' }],
          }),
        ),
      );
      const inactive = await createUser(db(), { agencyId: agency.id, active: false });

      const byAgency = adminUserListSchema.parse(
        (await asAdmin('GET', `/api/admin/users?agencyId=${agency.id}`)).json(),
      );
      expect(byAgency.total).toBe(4);
      const active = adminUserListSchema.parse(
        (await asAdmin('GET', `/api/admin/users?agencyId=${agency.id}&active=false`)).json(),
      );
      expect(active.items.map((u) => u.id)).toEqual([inactive.id]);

      const page1 = adminUserListSchema.parse(
        (await asAdmin('GET', `/api/admin/users?tableId=${table.id}&pageSize=2`)).json(),
      );
      const page2 = adminUserListSchema.parse(
        (await asAdmin('GET', `/api/admin/users?tableId=${table.id}&pageSize=2&page=2`)).json(),
      );
      expect(page1).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      expect(page1.items).toHaveLength(2);
      expect(page2.items).toHaveLength(1);
      expect([...page1.items, ...page2.items].map((u) => u.id).sort()).toEqual(
        members.map((m) => m.id).sort(),
      );
      expect(page1.items[0]!.memberships).toEqual([
        { table: { id: table.id, name: table.name }, role: 'agency_rep', status: 'migrated' },
      ]);
      const beyond = adminUserListSchema.parse(
        (await asAdmin('GET', `/api/admin/users?tableId=${table.id}&pageSize=2&page=9`)).json(),
      );
      expect(beyond).toMatchObject({ items: [], total: 3 });
    });

    it('refuses a bad filter with 400', async () => {
      expect((await asAdmin('GET', '/api/admin/users?pageSize=1000')).statusCode).toBe(400);
      expect((await asAdmin('GET', '/api/admin/users?agencyId=nope')).statusCode).toBe(400);
      expect((await asAdmin('GET', '/api/admin/users?active=maybe')).statusCode).toBe(400);
    });

    it('answers 404 for an unknown user', async () => {
      const res = await asAdmin('GET', '/api/admin/users/00000000-0000-4000-8000-000000000000');
      expect(res.statusCode).toBe(404);
    });
  });

  describe('editing', () => {
    it('a new name keeps the session; a new agency ends the access token', async () => {
      const user = await createUser(db(), { agencyId: w.agency.id });
      const session = await signIn(t.app, user.email);
      const renamed = await asAdmin('PATCH', `/api/admin/users/${user.id}`, {
        displayName: 'Renamed Person',
      });
      expect(renamed.statusCode).toBe(200);
      expect(renamed.json().displayName).toBe('Renamed Person');
      await expectOneAdminAudit(
        db(),
        renamed,
        { action: 'admin.user.update', adminId: w.admin.id, target: `user:${user.id}` },
        ['Renamed Person'],
      );
      expect((await me(session.headers.authorization)).statusCode).toBe(200);

      const other = await createAgency(db());
      const moved = await asAdmin('PATCH', `/api/admin/users/${user.id}`, {
        agencyId: other.id,
      });
      expect(moved.json().agency).toEqual({ id: other.id, name: other.name });
      expect((await me(session.headers.authorization)).statusCode).toBe(401);
      const renewed = await refresh(session.refreshCookie);
      expect(renewed.json().me.agency.id).toBe(other.id);
    });

    it('refuses to leave a non-administrator without an agency (422)', async () => {
      const user = await createUser(db(), { agencyId: w.agency.id });
      const res = await asAdmin('PATCH', `/api/admin/users/${user.id}`, { agencyId: null });
      expect(res.statusCode).toBe(422);
      expect(res.json().invalidParams[0].path).toBe('agencyId');
    });

    it('refuses an agency change that would seat a representative for a non-member agency', async () => {
      const res = await asAdmin('PATCH', `/api/admin/users/${w.rep.id}`, {
        agencyId: (await createAgency(db())).id,
      });
      expect(res.statusCode).toBe(422);
      const row = await db()
        .selectFrom('app_user')
        .select('agency_id')
        .where('id', '=', w.rep.id)
        .executeTakeFirstOrThrow();
      expect(row.agency_id).toBe(w.agency.id);
    });

    it('makes a person an administrator, and refuses an administrator demoting themselves', async () => {
      const user = await createUser(db(), { agencyId: w.agency.id });
      // An administrator holds no agency: the agency goes in the same change.
      const promoted = await asAdmin('PATCH', `/api/admin/users/${user.id}`, {
        isAdministrator: true,
        agencyId: null,
      });
      expect(promoted.statusCode, promoted.body).toBe(200);
      expect(promoted.json()).toMatchObject({ isAdministrator: true, agency: null });
      const self = await asAdmin('PATCH', `/api/admin/users/${w.admin.id}`, {
        isAdministrator: false,
      });
      expect(self.statusCode).toBe(409);
      expect(await auditRowsOf(db(), self)).toEqual([]);
    });
  });

  describe('changing an e-mail address', () => {
    const emailOf = async (userId: string) =>
      (
        await db()
          .selectFrom('app_user')
          .select('email')
          .where('id', '=', userId)
          .executeTakeFirstOrThrow()
      ).email;

    it('tells the old address and the new one, spends open links, and is audited', async () => {
      const user = await createUser(db(), { agencyId: w.agency.id });
      await asAdmin('POST', `/api/admin/users/${user.id}/password-reset`);
      const newEmail = `moved-${user.id.slice(0, 8)}@Elsewhere.Example`;
      const res = await asAdmin('PATCH', `/api/admin/users/${user.id}`, { email: newEmail });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ email: newEmail.toLowerCase(), pendingLinks: [] });

      const [toOld] = t.mail.to(user.email).filter((m) => m.kind === 'email_changed_old_address');
      expect(toOld!.text).toContain(`m…@elsewhere.example`);
      expect(toOld!.text).not.toContain(newEmail.toLowerCase());
      expect(toOld!.text).toContain('privacy officer');
      const toNew = t.mail.to(newEmail);
      expect(toNew.map((m) => m.kind)).toEqual(['email_changed_new_address']);
      expect(toNew[0]!.text).not.toContain(user.email);
      expect((await linksOf(user.id)).every((l) => new Date(l.expires_at) <= new Date())).toBe(
        true,
      );

      const rows = await auditRowsOf(db(), res);
      expect(rows.map((row) => [row.action, row.target])).toEqual([
        ['admin.user.update', `user:${user.id}`],
        ['admin.user.email_change', `user:${user.id}`],
      ]);
      const text = JSON.stringify(rows).toLowerCase();
      expect(text).not.toContain(user.email);
      expect(text).not.toContain(newEmail.toLowerCase());
      // The person signs in with the new address from now on.
      await signIn(t.app, newEmail.toLowerCase());
    });

    it('sends nothing when the address is the same, and refuses one another person has (409)', async () => {
      const user = await createUser(db(), { agencyId: w.agency.id });
      const before = t.mail.received.length;
      const same = await asAdmin('PATCH', `/api/admin/users/${user.id}`, {
        email: user.email.toUpperCase(),
      });
      expect(same.statusCode).toBe(200);
      expect(t.mail.received.length).toBe(before);
      const taken = await asAdmin('PATCH', `/api/admin/users/${user.id}`, { email: w.rep.email });
      expect(taken.statusCode).toBe(409);
      expect(taken.json().invalidParams[0].path).toBe('email');
      expect(taken.body).not.toContain(w.rep.email);
      expect(t.mail.received.length).toBe(before);
      expect(await emailOf(user.id)).toBe(user.email);
    });

    it('keeps the old address when the notice cannot be sent (503)', async () => {
      const user = await createUser(db(), { agencyId: w.agency.id });
      const audit = await countAudit(db());
      t.mail.refuse(true);
      try {
        const res = await asAdmin('PATCH', `/api/admin/users/${user.id}`, {
          email: `never-${user.id.slice(0, 8)}@elsewhere.example`,
        });
        expect(res.statusCode).toBe(503);
        expect(res.json().code).toBe('MAIL_UNAVAILABLE');
      } finally {
        t.mail.refuse(false);
      }
      expect(await emailOf(user.id)).toBe(user.email);
      expect(await countAudit(db())).toBe(audit);
    });
  });

  describe('deactivating', () => {
    it('ends every session at its next request and revokes the refresh tokens', async () => {
      const user = await createUser(db(), {
        agencyId: w.agency.id,
        memberships: [{ tableId: w.table.id, role: 'agency_rep' }],
      });
      const session = await signIn(t.app, user.email);
      const other = await signIn(t.app, user.email);
      await asAdmin('POST', `/api/admin/users/${user.id}/password-reset`);
      expect((await me(session.headers.authorization)).statusCode).toBe(200);

      const res = await asAdmin('POST', `/api/admin/users/${user.id}/deactivate`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ active: false, pendingLinks: [] });
      await expectOneAdminAudit(db(), res, {
        action: 'admin.user.deactivate',
        adminId: w.admin.id,
        target: `user:${user.id}`,
      });

      expect((await me(session.headers.authorization)).statusCode).toBe(401);
      expect((await me(other.headers.authorization)).statusCode).toBe(401);
      expect((await refresh(session.refreshCookie)).statusCode).toBe(401);
      expect((await refresh(other.refreshCookie)).statusCode).toBe(401);
      const tokens = await db()
        .selectFrom('refresh_token')
        .select('revoked_at')
        .where('user_id', '=', user.id)
        .execute();
      expect(tokens.length).toBeGreaterThanOrEqual(2);
      expect(tokens.every((row) => row.revoked_at !== null)).toBe(true);
      // The membership stays (for reactivation), but the person cannot sign in.
      const login = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: user.email, password: TEST_PASSWORD },
      });
      expect(login.statusCode).toBe(401);
    });

    it('reactivates a person, who can then sign in again', async () => {
      const user = await createUser(db(), { agencyId: w.agency.id, active: false });
      const res = await asAdmin('POST', `/api/admin/users/${user.id}/reactivate`);
      expect(res.json().active).toBe(true);
      await expectOneAdminAudit(db(), res, {
        action: 'admin.user.reactivate',
        adminId: w.admin.id,
        target: `user:${user.id}`,
      });
      await signIn(t.app, user.email);
    });

    it('refuses an administrator deactivating themselves', async () => {
      const res = await asAdmin('POST', `/api/admin/users/${w.admin.id}/deactivate`);
      expect(res.statusCode).toBe(409);
      expect((await me(w.admin.session.headers.authorization)).statusCode).toBe(200);
    });
  });
});
