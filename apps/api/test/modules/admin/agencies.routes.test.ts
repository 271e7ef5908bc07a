import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminAgencyListSchema, adminAgencySchema } from '@fourfold/shared/admin';
import {
  callAs,
  countAudit,
  countRows,
  createAdminWorld,
  expectOneAdminAudit,
  uniqueName,
  type AdminWorld,
} from '../../helpers/admin-fixtures';
import { createAgency, createTable, createUser } from '../../helpers/fixtures';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';

describe('administration: agencies', () => {
  let t: TestApp;
  let w: AdminWorld;
  const db = () => t.database.db;
  const asAdmin = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    callAs(t.app, w.admin.session, method, url, payload);

  beforeAll(async () => {
    t = await createTestApp();
    w = await createAdminWorld(t.app, db());
  });
  afterAll(async () => closeTestApp(t));

  /** Runs a refused write and checks that it changed nothing and audited nothing. */
  async function expectUnchanged(write: () => Promise<{ statusCode: number }>, status: number) {
    const [agencies, audit] = [await countRows(db(), 'agency'), await countAudit(db())];
    const res = await write();
    expect(res.statusCode).toBe(status);
    expect(await countRows(db(), 'agency')).toBe(agencies);
    expect(await countAudit(db())).toBe(audit);
    return res as Awaited<ReturnType<typeof asAdmin>>;
  }

  it('lists agencies with sector, active, their tables and active users', async () => {
    const res = await asAdmin('GET', '/api/admin/agencies');
    expect(res.statusCode).toBe(200);
    const list = adminAgencyListSchema.parse(res.json());
    const mine = list.items.find((a) => a.id === w.agency.id);
    expect(mine).toEqual({
      id: w.agency.id,
      name: w.agency.name,
      sector: 'police',
      active: true,
      tables: [{ id: w.table.id, name: w.table.name }],
      activeUserCount: 2,
    });
  });

  it('creates an agency and records one audit event without its name', async () => {
    const name = uniqueName('Lakeside Housing');
    const res = await asAdmin('POST', '/api/admin/agencies', { name, sector: 'housing' });
    expect(res.statusCode).toBe(201);
    const agency = adminAgencySchema.parse(res.json());
    expect(agency).toMatchObject({ name, sector: 'housing', active: true, tables: [] });
    await expectOneAdminAudit(
      db(),
      res,
      {
        action: 'admin.agency.create',
        adminId: w.admin.id,
        target: `agency:${agency.id}`,
      },
      [name],
    );
  });

  it('refuses a name already taken, whatever its case, with 409 naming the field', async () => {
    const existing = await createAgency(db());
    const res = await expectUnchanged(
      () =>
        asAdmin('POST', '/api/admin/agencies', {
          name: existing.name.toUpperCase(),
          sector: 'police',
        }),
      409,
    );
    expect(res.json()).toMatchObject({
      code: 'CONFLICT',
      detail: expect.stringMatching(/already has this name/),
      invalidParams: [{ in: 'body', path: 'name' }],
    });
    expect(res.body).not.toContain(existing.name);
  });

  it('refuses a sector that is not an active code, and a missing name (nothing changes)', async () => {
    const sector = await expectUnchanged(
      () => asAdmin('POST', '/api/admin/agencies', { name: uniqueName('X'), sector: 'pirates' }),
      400,
    );
    expect(sector.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      invalidParams: [{ path: 'sector' }],
    });
    const missing = await expectUnchanged(
      () => asAdmin('POST', '/api/admin/agencies', { sector: 'police' }),
      400,
    );
    expect(missing.json().invalidParams[0].path).toBe('name');
    await expectUnchanged(
      () => asAdmin('POST', '/api/admin/agencies', { name: ' A ', sector: 'police' }),
      400,
    );
  });

  it('renames an agency and changes its sector; its own name in another case is no clash', async () => {
    const agency = await createAgency(db());
    const res = await asAdmin('PATCH', `/api/admin/agencies/${agency.id}`, {
      name: agency.name.toUpperCase(),
      sector: 'education',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: agency.name.toUpperCase(), sector: 'education' });
    await expectOneAdminAudit(
      db(),
      res,
      {
        action: 'admin.agency.update',
        adminId: w.admin.id,
        target: `agency:${agency.id}`,
      },
      [agency.name],
    );
  });

  it("refuses a rename to another agency's name, an empty change and an unknown sector", async () => {
    const [one, other] = [await createAgency(db()), await createAgency(db())];
    const url = `/api/admin/agencies/${one.id}`;
    const clash = await expectUnchanged(
      () => asAdmin('PATCH', url, { name: other.name.toLowerCase() }),
      409,
    );
    expect(clash.json().invalidParams[0].path).toBe('name');
    await expectUnchanged(() => asAdmin('PATCH', url, {}), 400);
    await expectUnchanged(() => asAdmin('PATCH', url, { sector: 'pirates' }), 400);
    const after = await db()
      .selectFrom('agency')
      .select(['name', 'sector'])
      .where('id', '=', one.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ name: one.name, sector: one.sector });
  });

  it('deactivates and reactivates an agency, one audit event each', async () => {
    const agency = await createAgency(db());
    const off = await asAdmin('POST', `/api/admin/agencies/${agency.id}/deactivate`);
    expect(off.statusCode).toBe(200);
    expect(off.json().active).toBe(false);
    await expectOneAdminAudit(db(), off, {
      action: 'admin.agency.deactivate',
      adminId: w.admin.id,
      target: `agency:${agency.id}`,
    });
    const on = await asAdmin('POST', `/api/admin/agencies/${agency.id}/reactivate`);
    expect(on.json().active).toBe(true);
    await expectOneAdminAudit(db(), on, {
      action: 'admin.agency.reactivate',
      adminId: w.admin.id,
      target: `agency:${agency.id}`,
    });
  });

  it('a deactivated agency cannot join a table or receive a new user (422)', async () => {
    const agency = await createAgency(db(), { active: false });
    const table = await createTable(db());
    const join = await asAdmin('POST', `/api/admin/tables/${table.id}/agencies`, {
      agencyId: agency.id,
    });
    expect(join.statusCode).toBe(422);
    expect(join.json().invalidParams[0].path).toBe('agencyId');
    const user = await asAdmin('POST', '/api/admin/users', {
      email: 'someone-new@test.example',
      displayName: 'Someone New',
      agencyId: agency.id,
    });
    expect(user.statusCode).toBe(422);
    expect(user.json().invalidParams[0].path).toBe('agencyId');
  });

  it('answers 404 for an unknown agency and 400 for a malformed id', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await asAdmin('GET', `/api/admin/agencies/${unknown}`)).statusCode).toBe(404);
    const before = await countAudit(db());
    expect(
      (await asAdmin('PATCH', `/api/admin/agencies/${unknown}`, { name: 'Nobody here' }))
        .statusCode,
    ).toBe(404);
    expect(await countAudit(db())).toBe(before);
    expect((await asAdmin('GET', '/api/admin/agencies/not-an-id')).statusCode).toBe(400);
  });

  it('counts only active users of the agency', async () => {
    const agency = await createAgency(db());
    await createUser(db(), { agencyId: agency.id });
    await createUser(db(), { agencyId: agency.id, active: false });
    const res = await asAdmin('GET', `/api/admin/agencies/${agency.id}`);
    expect(res.json().activeUserCount).toBe(1);
  });
});
