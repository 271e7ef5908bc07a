import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminAgreementListSchema,
  adminTableListSchema,
  adminTableSchema,
} from '@fourfold/shared/admin';
import {
  callAs,
  countAudit,
  countRows,
  createAdminWorld,
  expectOneAdminAudit,
  uniqueName,
  uniquePrefix,
  type AdminWorld,
} from '../../helpers/admin-fixtures';
import { createAgency, createTable, createUser, signIn } from '../../helpers/fixtures';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';

describe('administration: situation tables, member agencies, agreements', () => {
  let t: TestApp;
  let w: AdminWorld;
  const db = () => t.database.db;
  const asAdmin = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    callAs(t.app, w.admin.session, method, url, payload);
  const me = (authorization: string) =>
    t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization } });
  const refresh = (cookie: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/refresh', cookies: { ff_refresh: cookie } });

  beforeAll(async () => {
    t = await createTestApp();
    w = await createAdminWorld(t.app, db());
  });
  afterAll(async () => closeTestApp(t));

  const newTable = () => ({
    name: uniqueName('Harbour Situation Table'),
    referencePrefix: uniquePrefix(),
    municipality: 'Harbourville',
    meetingWeekday: 2,
    meetingTime: '09:30',
    requiresSecondFactor: true,
  });

  async function expectUnchanged(
    write: () => ReturnType<typeof asAdmin>,
    status: number,
    table: 'situation_table' | 'table_agency' = 'situation_table',
  ) {
    const [rows, audit] = [await countRows(db(), table), await countAudit(db())];
    const res = await write();
    expect(res.statusCode, res.body).toBe(status);
    expect(await countRows(db(), table)).toBe(rows);
    expect(await countAudit(db())).toBe(audit);
    return res;
  }

  describe('tables', () => {
    it('creates a table with its meeting settings; the audit event names the table only', async () => {
      const input = newTable();
      const res = await asAdmin('POST', '/api/admin/tables', input);
      expect(res.statusCode, res.body).toBe(201);
      const table = adminTableSchema.parse(res.json());
      expect(table).toEqual({
        id: expect.any(String),
        ...input,
        minRiskFactors: 2,
        timeZone: 'America/Toronto',
        firstContactHours: 48,
        active: true,
        agencies: [],
        memberCount: 0,
        agreementVersion: null,
      });
      await expectOneAdminAudit(
        db(),
        res,
        { action: 'admin.table.create', adminId: w.admin.id, tableId: table.id, target: null },
        [input.name, input.municipality],
      );
    });

    it('leaves meeting day and time empty when not given', async () => {
      const res = await asAdmin('POST', '/api/admin/tables', {
        name: uniqueName('Plain'),
        referencePrefix: uniquePrefix(),
        municipality: 'Plainville',
      });
      expect(res.json()).toMatchObject({
        meetingWeekday: null,
        meetingTime: null,
        requiresSecondFactor: false,
      });
    });

    it.each([
      ['a prefix in lower case', { referencePrefix: 'abc' }, 'referencePrefix'],
      ['a prefix too long', { referencePrefix: 'ABCDEFG' }, 'referencePrefix'],
      ['a prefix too short', { referencePrefix: 'A' }, 'referencePrefix'],
      ['weekday 8', { meetingWeekday: 8 }, 'meetingWeekday'],
      ['weekday 0', { meetingWeekday: 0 }, 'meetingWeekday'],
      ['a time of 24:00', { meetingTime: '24:00' }, 'meetingTime'],
      ['a time without minutes', { meetingTime: '9' }, 'meetingTime'],
      ['no municipality', { municipality: '' }, 'municipality'],
    ])('refuses %s and changes nothing', async (_name, change, field) => {
      const res = await expectUnchanged(
        () => asAdmin('POST', '/api/admin/tables', { ...newTable(), ...change }),
        400,
      );
      expect(res.json().invalidParams.map((p: { path: string }) => p.path)).toContain(field);
    });

    it('refuses a taken name (any case) or reference prefix with 409 naming the field', async () => {
      const first = newTable();
      expect((await asAdmin('POST', '/api/admin/tables', first)).statusCode).toBe(201);
      const byName = await expectUnchanged(
        () =>
          asAdmin('POST', '/api/admin/tables', { ...newTable(), name: first.name.toLowerCase() }),
        409,
      );
      expect(byName.json()).toMatchObject({
        code: 'CONFLICT',
        invalidParams: [{ path: 'name' }],
      });
      const byPrefix = await expectUnchanged(
        () =>
          asAdmin('POST', '/api/admin/tables', {
            ...newTable(),
            referencePrefix: first.referencePrefix,
          }),
        409,
      );
      expect(byPrefix.json().invalidParams[0].path).toBe('referencePrefix');
    });

    it('lists and gets tables with member agencies, member count and agreement version', async () => {
      const list = adminTableListSchema.parse((await asAdmin('GET', '/api/admin/tables')).json());
      const table = list.items.find((item) => item.id === w.table.id);
      expect(table).toMatchObject({
        agencies: [{ id: w.agency.id, name: w.agency.name, sector: 'police', active: true }],
        memberCount: 2,
        agreementVersion: 1,
      });
      const one = await asAdmin('GET', `/api/admin/tables/${w.table.id}`);
      expect(one.json()).toEqual(table);
    });

    it('edits settings, refusing another table’s prefix', async () => {
      const other = adminTableSchema.parse(
        (await asAdmin('POST', '/api/admin/tables', newTable())).json(),
      );
      const table = await createTable(db());
      const res = await asAdmin('PATCH', `/api/admin/tables/${table.id}`, {
        municipality: 'New Town',
        meetingWeekday: null,
        meetingTime: '18:05',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ municipality: 'New Town', meetingTime: '18:05' });
      await expectOneAdminAudit(
        db(),
        res,
        { action: 'admin.table.update', adminId: w.admin.id, tableId: table.id, target: null },
        ['New Town'],
      );
      const clash = await expectUnchanged(
        () =>
          asAdmin('PATCH', `/api/admin/tables/${table.id}`, {
            referencePrefix: other.referencePrefix,
          }),
        409,
      );
      expect(clash.json().invalidParams[0].path).toBe('referencePrefix');
    });

    it('sets how many risk factors a situation needs (1 to 20); the table’s members see it at once', async () => {
      const url = `/api/admin/tables/${w.table.id}`;
      for (const minRiskFactors of [0, 21, 2.5]) {
        const refused = await expectUnchanged(() => asAdmin('PATCH', url, { minRiskFactors }), 400);
        expect(refused.json().invalidParams[0].path).toBe('minRiskFactors');
      }
      const res = await asAdmin('PATCH', url, { minRiskFactors: 3 });
      expect(res.statusCode).toBe(200);
      expect(res.json().minRiskFactors).toBe(3);
      try {
        const detail = await t.app.inject({
          method: 'GET',
          url: `/api/tables/${w.table.id}`,
          headers: w.rep.session.headers,
        });
        expect(detail.json().minRiskFactors).toBe(3);
      } finally {
        await asAdmin('PATCH', url, { minRiskFactors: 2 });
      }
    });

    it('sets the time zone (a known IANA zone) and the first-contact clock (1 to 336 hours)', async () => {
      const url = `/api/admin/tables/${w.table.id}`;
      for (const timeZone of ['Mars/Olympus_Mons', '', 'EST5EDT; drop table']) {
        const refused = await expectUnchanged(() => asAdmin('PATCH', url, { timeZone }), 400);
        expect(refused.json().invalidParams[0].path).toBe('timeZone');
      }
      for (const firstContactHours of [0, 337, 1.5]) {
        const refused = await expectUnchanged(
          () => asAdmin('PATCH', url, { firstContactHours }),
          400,
        );
        expect(refused.json().invalidParams[0].path).toBe('firstContactHours');
      }
      try {
        const res = await asAdmin('PATCH', url, {
          timeZone: 'America/Winnipeg',
          firstContactHours: 24,
        });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toMatchObject({ timeZone: 'America/Winnipeg', firstContactHours: 24 });
        const row = await db()
          .selectFrom('situation_table')
          .select(['time_zone', 'first_contact_hours'])
          .where('id', '=', w.table.id)
          .executeTakeFirstOrThrow();
        expect(row).toEqual({ time_zone: 'America/Winnipeg', first_contact_hours: 24 });
      } finally {
        await asAdmin('PATCH', url, { timeZone: 'America/Toronto', firstContactHours: 48 });
      }
    });

    it('requiring a second factor makes members’ current access tokens fail at once', async () => {
      const table = await createTable(db(), { agencyIds: [w.agency.id] });
      const member = await createUser(db(), {
        agencyId: w.agency.id,
        memberships: [{ tableId: table.id, role: 'agency_rep' }],
      });
      const session = await signIn(t.app, member.email);
      const res = await asAdmin('PATCH', `/api/admin/tables/${table.id}`, {
        requiresSecondFactor: true,
      });
      expect(res.statusCode).toBe(200);
      expect((await me(session.headers.authorization)).statusCode).toBe(401);
      const renewed = await refresh(session.refreshCookie);
      expect(renewed.statusCode).toBe(200);
      expect(renewed.json().me.memberships[0].requiresSecondFactor).toBe(true);
    });

    it('deactivating a table takes it from its members at their next request', async () => {
      const table = await createTable(db(), { agencyIds: [w.agency.id] });
      const member = await createUser(db(), {
        agencyId: w.agency.id,
        memberships: [{ tableId: table.id, role: 'agency_rep' }],
      });
      const session = await signIn(t.app, member.email);
      const off = await asAdmin('POST', `/api/admin/tables/${table.id}/deactivate`);
      expect(off.json().active).toBe(false);
      await expectOneAdminAudit(db(), off, {
        action: 'admin.table.deactivate',
        adminId: w.admin.id,
        tableId: table.id,
        target: null,
      });
      expect((await me(session.headers.authorization)).statusCode).toBe(401);
      const renewed = await refresh(session.refreshCookie);
      expect(renewed.statusCode).toBe(200);
      expect(renewed.json().me.memberships).toEqual([]);
      const on = await asAdmin('POST', `/api/admin/tables/${table.id}/reactivate`);
      expect(on.json().active).toBe(true);
    });

    it('answers 404 for an unknown table', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      expect((await asAdmin('GET', `/api/admin/tables/${unknown}`)).statusCode).toBe(404);
      expect((await asAdmin('POST', `/api/admin/tables/${unknown}/deactivate`)).statusCode).toBe(
        404,
      );
    });
  });

  describe('member agencies', () => {
    it('adds an agency once; a second time is a conflict, an unknown one unprocessable', async () => {
      const table = await createTable(db());
      const agency = await createAgency(db());
      const url = `/api/admin/tables/${table.id}/agencies`;
      const res = await asAdmin('POST', url, { agencyId: agency.id });
      expect(res.statusCode).toBe(200);
      expect(res.json().agencies.map((a: { id: string }) => a.id)).toEqual([agency.id]);
      await expectOneAdminAudit(
        db(),
        res,
        {
          action: 'admin.table.agency.add',
          adminId: w.admin.id,
          tableId: table.id,
          target: `agency:${agency.id}`,
        },
        [agency.name],
      );
      const again = await expectUnchanged(
        () => asAdmin('POST', url, { agencyId: agency.id }),
        409,
        'table_agency',
      );
      expect(again.json().invalidParams[0].path).toBe('agencyId');
      const unknown = await expectUnchanged(
        () => asAdmin('POST', url, { agencyId: '00000000-0000-4000-8000-000000000000' }),
        422,
        'table_agency',
      );
      expect(unknown.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        invalidParams: [{ path: 'agencyId' }],
      });
    });

    it('refuses to remove an agency while someone sits at the table for it', async () => {
      const agency = await createAgency(db());
      const table = await createTable(db(), { agencyIds: [agency.id] });
      const rep = await createUser(db(), {
        agencyId: agency.id,
        memberships: [{ tableId: table.id, role: 'agency_rep' }],
      });
      const url = `/api/admin/tables/${table.id}/agencies/${agency.id}`;
      const refused = await expectUnchanged(() => asAdmin('DELETE', url), 409, 'table_agency');
      expect(refused.json().detail).toMatch(/1 member\(s\) sit at this table/);

      await asAdmin('DELETE', `/api/admin/tables/${table.id}/members/${rep.id}`);
      const res = await asAdmin('DELETE', url);
      expect(res.statusCode).toBe(200);
      expect(res.json().agencies).toEqual([]);
      await expectOneAdminAudit(db(), res, {
        action: 'admin.table.agency.remove',
        adminId: w.admin.id,
        tableId: table.id,
        target: `agency:${agency.id}`,
      });
      expect((await asAdmin('DELETE', url)).statusCode).toBe(404);
    });

    it('an analyst of the agency does not hold it at the table', async () => {
      const agency = await createAgency(db());
      const table = await createTable(db(), { agencyIds: [agency.id] });
      await createUser(db(), {
        agencyId: agency.id,
        memberships: [{ tableId: table.id, role: 'analyst' }],
      });
      const res = await asAdmin('DELETE', `/api/admin/tables/${table.id}/agencies/${agency.id}`);
      expect(res.statusCode).toBe(200);
    });
  });

  describe('confidentiality agreement', () => {
    it('lists versions newest first with how many members accepted each', async () => {
      const res = await asAdmin('GET', `/api/admin/tables/${w.table.id}/agreements`);
      const list = adminAgreementListSchema.parse(res.json());
      expect(list.items[0]).toMatchObject({
        version: 1,
        bodyEn: 'Keep it confidential.',
        bodyFr: 'Gardez-le confidentiel.',
        acceptedCount: 2,
      });
    });

    it('publishing a new version makes members accept again', async () => {
      const table = await createTable(db(), { agencyIds: [w.agency.id] });
      const member = await createUser(db(), {
        agencyId: w.agency.id,
        memberships: [{ tableId: table.id, role: 'agency_rep' }],
      });
      const session = await signIn(t.app, member.email);
      const before = (await me(session.headers.authorization)).json();
      expect(before.memberships[0].agreement).toEqual({
        currentVersion: 1,
        acceptedVersion: 1,
        accepted: true,
      });

      const bodyEn = 'Version two: share only the minimum.';
      const bodyFr = 'Version deux : ne communiquez que le minimum.';
      const res = await asAdmin('POST', `/api/admin/tables/${table.id}/agreements`, {
        bodyEn,
        bodyFr,
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ version: 2, bodyEn, bodyFr, acceptedCount: 0 });
      await expectOneAdminAudit(
        db(),
        res,
        {
          action: 'admin.table.agreement.publish',
          adminId: w.admin.id,
          tableId: table.id,
          target: null,
        },
        [bodyEn, bodyFr],
      );
      const stored = await db()
        .selectFrom('confidentiality_agreement')
        .select(['version', 'created_by'])
        .where('table_id', '=', table.id)
        .orderBy('version')
        .execute();
      expect(stored).toEqual([
        { version: 1, created_by: null },
        { version: 2, created_by: w.admin.id },
      ]);

      // The same access token still works; what it may reach has changed.
      const after = await me(session.headers.authorization);
      expect(after.statusCode).toBe(200);
      expect(after.json().memberships[0].agreement).toEqual({
        currentVersion: 2,
        acceptedVersion: 1,
        accepted: false,
      });
    });

    it('the first version of a table without one is version 1', async () => {
      const table = await createTable(db(), { agreement: false });
      const res = await asAdmin('POST', `/api/admin/tables/${table.id}/agreements`, {
        bodyEn: 'First.',
        bodyFr: 'Premier.',
      });
      expect(res.json().version).toBe(1);
    });

    it('refuses an empty French text and changes nothing', async () => {
      const table = await createTable(db());
      const audit = await countAudit(db());
      const res = await asAdmin('POST', `/api/admin/tables/${table.id}/agreements`, {
        bodyEn: 'Text.',
        bodyFr: '   ',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().invalidParams[0].path).toBe('bodyFr');
      expect(await countAudit(db())).toBe(audit);
      const versions = await db()
        .selectFrom('confidentiality_agreement')
        .select('version')
        .where('table_id', '=', table.id)
        .execute();
      expect(versions).toEqual([{ version: 1 }]);
    });
  });
});
