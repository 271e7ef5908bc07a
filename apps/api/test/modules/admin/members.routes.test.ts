import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminMemberListSchema, adminMemberSchema } from '@fourfold/shared/admin';
import {
  callAs,
  countAudit,
  countRows,
  createAdminWorld,
  expectOneAdminAudit,
  type AdminWorld,
} from '../../helpers/admin-fixtures';
import { createAgency, createTable, createUser, signIn } from '../../helpers/fixtures';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';

describe('administration: table memberships', () => {
  let t: TestApp;
  let w: AdminWorld;
  const db = () => t.database.db;
  const asAdmin = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    callAs(t.app, w.admin.session, method, url, payload);
  const me = (authorization: string) =>
    t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization } });
  const refresh = (cookie: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/refresh', cookies: { ff_refresh: cookie } });
  const membersUrl = (tableId: string) => `/api/admin/tables/${tableId}/members`;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createAdminWorld(t.app, db());
  });
  afterAll(async () => closeTestApp(t));

  async function expectUnchanged(write: () => ReturnType<typeof asAdmin>, status: number) {
    const [rows, audit] = [await countRows(db(), 'table_membership'), await countAudit(db())];
    const res = await write();
    expect(res.statusCode, res.body).toBe(status);
    expect(await countRows(db(), 'table_membership')).toBe(rows);
    expect(await countAudit(db())).toBe(audit);
    return res;
  }

  it('lists members with agency, role and the agreement version each accepted', async () => {
    const res = await asAdmin('GET', membersUrl(w.table.id));
    const list = adminMemberListSchema.parse(res.json());
    expect(list.items).toHaveLength(2);
    const rep = list.items.find((m) => m.user.id === w.rep.id);
    expect(rep).toMatchObject({
      user: { email: w.rep.email, active: true },
      agency: { id: w.agency.id, name: w.agency.name },
      role: 'agency_rep',
      acceptedVersion: 1,
    });
  });

  it('adding a membership ends the current access token; refresh works and shows it', async () => {
    const user = await createUser(db(), { agencyId: w.agency.id });
    const session = await signIn(t.app, user.email);
    expect((await me(session.headers.authorization)).json().memberships).toEqual([]);

    // An analyst needs no confirmation (see the separation-of-duties tests for the others).
    const res = await asAdmin('POST', membersUrl(w.table.id), {
      userId: user.id,
      role: 'analyst',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(adminMemberSchema.parse(res.json())).toMatchObject({
      user: { id: user.id },
      role: 'analyst',
      status: 'not_required',
      requestedBy: { id: w.admin.id },
      confirmedBy: null,
      acceptedVersion: null,
    });
    await expectOneAdminAudit(
      db(),
      res,
      {
        action: 'admin.membership.add',
        adminId: w.admin.id,
        tableId: w.table.id,
        target: `user:${user.id}`,
      },
      [user.email],
    );

    expect((await me(session.headers.authorization)).statusCode).toBe(401);
    const renewed = await refresh(session.refreshCookie);
    expect(renewed.statusCode).toBe(200);
    const fresh = await me(`Bearer ${renewed.json().accessToken}`);
    expect(fresh.json().memberships).toMatchObject([
      { table: { id: w.table.id }, role: 'analyst', agreement: { accepted: false } },
    ]);
  });

  it('refuses a second membership at the same table with 409', async () => {
    const res = await expectUnchanged(
      () => asAdmin('POST', membersUrl(w.table.id), { userId: w.rep.id, role: 'analyst' }),
      409,
    );
    expect(res.json()).toMatchObject({ code: 'CONFLICT', invalidParams: [{ path: 'userId' }] });
  });

  it('refuses a member without an agency (422 naming userId)', async () => {
    const res = await expectUnchanged(
      () => asAdmin('POST', membersUrl(w.table.id), { userId: w.admin.id, role: 'analyst' }),
      422,
    );
    expect(res.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      invalidParams: [{ in: 'body', path: 'userId' }],
    });
  });

  it('refuses a coordinator or representative whose agency is not a member agency (422 naming role)', async () => {
    const outsider = await createUser(db(), { agencyId: (await createAgency(db())).id });
    for (const role of ['agency_rep', 'coordinator']) {
      const res = await expectUnchanged(
        () => asAdmin('POST', membersUrl(w.table.id), { userId: outsider.id, role }),
        422,
      );
      expect(res.json().invalidParams[0].path).toBe('role');
    }
  });

  it('accepts an analyst or privacy officer from an agency that is not a member agency', async () => {
    const outsider = await createUser(db(), { agencyId: (await createAgency(db())).id });
    const res = await asAdmin('POST', membersUrl(w.table.id), {
      userId: outsider.id,
      role: 'privacy_officer',
    });
    expect(res.statusCode).toBe(201);
  });

  it('refuses an unknown, a deactivated user, a bad role and a deactivated table', async () => {
    await expectUnchanged(
      () =>
        asAdmin('POST', membersUrl(w.table.id), {
          userId: '00000000-0000-4000-8000-000000000000',
          role: 'analyst',
        }),
      422,
    );
    const inactive = await createUser(db(), { agencyId: w.agency.id, active: false });
    await expectUnchanged(
      () => asAdmin('POST', membersUrl(w.table.id), { userId: inactive.id, role: 'analyst' }),
      422,
    );
    const user = await createUser(db(), { agencyId: w.agency.id });
    await expectUnchanged(
      () => asAdmin('POST', membersUrl(w.table.id), { userId: user.id, role: 'administrator' }),
      400,
    );
    const closed = await createTable(db(), { agencyIds: [w.agency.id] });
    await db()
      .updateTable('situation_table')
      .set({ active: false })
      .where('id', '=', closed.id)
      .execute();
    await expectUnchanged(
      () => asAdmin('POST', membersUrl(closed.id), { userId: user.id, role: 'analyst' }),
      409,
    );
  });

  it('changing a role ends the access token but keeps the refresh token', async () => {
    const user = await createUser(db(), {
      agencyId: w.agency.id,
      memberships: [{ tableId: w.table.id, role: 'agency_rep' }],
    });
    const session = await signIn(t.app, user.email);
    const res = await asAdmin('PATCH', `${membersUrl(w.table.id)}/${user.id}`, {
      role: 'coordinator',
    });
    expect(res.statusCode).toBe(200);
    // A new identity-reaching role is a new request: pending, in effect nowhere until confirmed.
    expect(res.json()).toMatchObject({ role: 'coordinator', status: 'pending', confirmedAt: null });
    await expectOneAdminAudit(db(), res, {
      action: 'admin.membership.update',
      adminId: w.admin.id,
      tableId: w.table.id,
      target: `user:${user.id}`,
    });
    expect((await me(session.headers.authorization)).statusCode).toBe(401);
    const revoked = await db()
      .selectFrom('refresh_token')
      .select('revoked_at')
      .where('user_id', '=', user.id)
      .execute();
    expect(revoked.every((row) => row.revoked_at === null)).toBe(true);
    const renewed = await refresh(session.refreshCookie);
    expect(renewed.statusCode).toBe(200);
    expect(renewed.json().me.memberships).toEqual([]);
  });

  it('refuses a role change to coordinator for an analyst from outside the table (422)', async () => {
    const outsider = await createUser(db(), {
      agencyId: (await createAgency(db())).id,
      memberships: [{ tableId: w.table.id, role: 'analyst' }],
    });
    const res = await asAdmin('PATCH', `${membersUrl(w.table.id)}/${outsider.id}`, {
      role: 'coordinator',
    });
    expect(res.statusCode).toBe(422);
    const row = await db()
      .selectFrom('table_membership')
      .select('role')
      .where('user_id', '=', outsider.id)
      .executeTakeFirstOrThrow();
    expect(row.role).toBe('analyst');
  });

  it('removing a member ends the access token; after refresh the table is gone', async () => {
    const user = await createUser(db(), {
      agencyId: w.agency.id,
      memberships: [{ tableId: w.table.id, role: 'agency_rep' }],
    });
    const session = await signIn(t.app, user.email);
    const res = await asAdmin('DELETE', `${membersUrl(w.table.id)}/${user.id}`);
    expect(res.statusCode).toBe(204);
    await expectOneAdminAudit(db(), res, {
      action: 'admin.membership.remove',
      adminId: w.admin.id,
      tableId: w.table.id,
      target: `user:${user.id}`,
    });
    expect((await me(session.headers.authorization)).statusCode).toBe(401);
    const renewed = await refresh(session.refreshCookie);
    expect(renewed.statusCode).toBe(200);
    expect(renewed.json().me.memberships).toEqual([]);
    // Not a member any more: nothing to change or remove.
    expect((await asAdmin('DELETE', `${membersUrl(w.table.id)}/${user.id}`)).statusCode).toBe(404);
    expect(
      (await asAdmin('PATCH', `${membersUrl(w.table.id)}/${user.id}`, { role: 'analyst' }))
        .statusCode,
    ).toBe(404);
  });

  it('answers 404 for the members of an unknown table', async () => {
    const res = await asAdmin('GET', membersUrl('00000000-0000-4000-8000-000000000000'));
    expect(res.statusCode).toBe(404);
  });
});
