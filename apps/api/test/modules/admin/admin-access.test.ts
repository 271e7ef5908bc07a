/**
 * Every administration route, called by an administrator (allowed) and by a coordinator and an
 * agency representative (refused before the handler runs, and the refusal audited, with nothing
 * changed). The route list is checked against the routes the app declares, so a new route under
 * /api/admin without a case here fails this file.
 */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callAs,
  countAudit,
  createAdminWorld,
  createInvitedUser,
  expectDeniedAndAudited,
  uniqueName,
  uniquePrefix,
  type AdminWorld,
} from '../../helpers/admin-fixtures';
import { createAgency, createTable, createUser } from '../../helpers/fixtures';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';

type Case = {
  method: NonNullable<InjectOptions['method']>;
  /** The route pattern as the app declares it, under /api. */
  route: string;
  allowed: number;
  /** A concrete URL and body, on fresh data, for one call. */
  prepare: (w: AdminWorld) => Promise<{ url: string; payload?: object }>;
};

let t: TestApp;
let w: AdminWorld;
const db = () => t.database.db;

const freshTable = async () => createTable(db(), { agencyIds: [w.agency.id] });
const freshUser = async () => createUser(db(), { agencyId: w.agency.id });

const cases: Case[] = [
  {
    method: 'GET',
    route: '/api/admin/agencies',
    allowed: 200,
    prepare: async () => ({ url: '/api/admin/agencies' }),
  },
  {
    method: 'POST',
    route: '/api/admin/agencies',
    allowed: 201,
    prepare: async () => ({
      url: '/api/admin/agencies',
      payload: { name: uniqueName('Agency'), sector: 'housing' },
    }),
  },
  {
    method: 'GET',
    route: '/api/admin/agencies/:agencyId',
    allowed: 200,
    prepare: async ({ agency }) => ({ url: `/api/admin/agencies/${agency.id}` }),
  },
  {
    method: 'PATCH',
    route: '/api/admin/agencies/:agencyId',
    allowed: 200,
    prepare: async () => ({
      url: `/api/admin/agencies/${(await createAgency(db())).id}`,
      payload: { name: uniqueName('Renamed') },
    }),
  },
  ...(['deactivate', 'reactivate'] as const).map((action): Case => ({
    method: 'POST',
    route: `/api/admin/agencies/:agencyId/${action}`,
    allowed: 200,
    prepare: async () => ({
      url: `/api/admin/agencies/${(await createAgency(db())).id}/${action}`,
    }),
  })),
  {
    method: 'GET',
    route: '/api/admin/tables',
    allowed: 200,
    prepare: async () => ({ url: '/api/admin/tables' }),
  },
  {
    method: 'POST',
    route: '/api/admin/tables',
    allowed: 201,
    prepare: async () => ({
      url: '/api/admin/tables',
      payload: {
        name: uniqueName('Table'),
        referencePrefix: uniquePrefix(),
        municipality: 'Lakeside',
      },
    }),
  },
  {
    method: 'GET',
    route: '/api/admin/tables/:tableId',
    allowed: 200,
    prepare: async ({ table }) => ({ url: `/api/admin/tables/${table.id}` }),
  },
  {
    method: 'PATCH',
    route: '/api/admin/tables/:tableId',
    allowed: 200,
    prepare: async () => ({
      url: `/api/admin/tables/${(await freshTable()).id}`,
      payload: { municipality: 'Elsewhere' },
    }),
  },
  ...(['deactivate', 'reactivate'] as const).map((action): Case => ({
    method: 'POST',
    route: `/api/admin/tables/:tableId/${action}`,
    allowed: 200,
    prepare: async () => ({ url: `/api/admin/tables/${(await freshTable()).id}/${action}` }),
  })),
  {
    method: 'POST',
    route: '/api/admin/tables/:tableId/agencies',
    allowed: 200,
    prepare: async () => ({
      url: `/api/admin/tables/${(await freshTable()).id}/agencies`,
      payload: { agencyId: (await createAgency(db())).id },
    }),
  },
  {
    method: 'DELETE',
    route: '/api/admin/tables/:tableId/agencies/:agencyId',
    allowed: 200,
    prepare: async () => ({
      url: `/api/admin/tables/${(await freshTable()).id}/agencies/${w.agency.id}`,
    }),
  },
  {
    method: 'GET',
    route: '/api/admin/tables/:tableId/agreements',
    allowed: 200,
    prepare: async ({ table }) => ({ url: `/api/admin/tables/${table.id}/agreements` }),
  },
  {
    method: 'POST',
    route: '/api/admin/tables/:tableId/agreements',
    allowed: 201,
    prepare: async () => ({
      url: `/api/admin/tables/${(await freshTable()).id}/agreements`,
      payload: { bodyEn: 'Keep it to yourself.', bodyFr: 'Gardez-le pour vous.' },
    }),
  },
  {
    method: 'GET',
    route: '/api/admin/tables/:tableId/members',
    allowed: 200,
    prepare: async ({ table }) => ({ url: `/api/admin/tables/${table.id}/members` }),
  },
  {
    method: 'POST',
    route: '/api/admin/tables/:tableId/members',
    allowed: 201,
    prepare: async () => ({
      url: `/api/admin/tables/${(await freshTable()).id}/members`,
      payload: { userId: (await freshUser()).id, role: 'agency_rep' },
    }),
  },
  {
    method: 'PATCH',
    route: '/api/admin/tables/:tableId/members/:userId',
    allowed: 200,
    prepare: async ({ table }) => ({
      url: `/api/admin/tables/${table.id}/members/${(await memberOf(table.id)).id}`,
      payload: { role: 'analyst' },
    }),
  },
  {
    method: 'DELETE',
    route: '/api/admin/tables/:tableId/members/:userId',
    allowed: 204,
    prepare: async ({ table }) => ({
      url: `/api/admin/tables/${table.id}/members/${(await memberOf(table.id)).id}`,
    }),
  },
  {
    method: 'GET',
    route: '/api/admin/users',
    allowed: 200,
    prepare: async () => ({ url: '/api/admin/users?active=true&page=1&pageSize=10' }),
  },
  {
    method: 'POST',
    route: '/api/admin/users',
    allowed: 201,
    prepare: async () => ({
      url: '/api/admin/users',
      payload: {
        email: `${uniqueName('new').replace(' ', '-')}@test.example`,
        displayName: uniqueName('New'),
        agencyId: w.agency.id,
      },
    }),
  },
  {
    method: 'GET',
    route: '/api/admin/users/:userId',
    allowed: 200,
    prepare: async ({ rep }) => ({ url: `/api/admin/users/${rep.id}` }),
  },
  {
    method: 'PATCH',
    route: '/api/admin/users/:userId',
    allowed: 200,
    prepare: async () => ({
      url: `/api/admin/users/${(await freshUser()).id}`,
      payload: { displayName: uniqueName('Renamed') },
    }),
  },
  ...(['deactivate', 'reactivate', 'password-reset'] as const).map((action): Case => ({
    method: 'POST',
    route: `/api/admin/users/:userId/${action}`,
    allowed: action === 'password-reset' ? 201 : 200,
    prepare: async () => ({ url: `/api/admin/users/${(await freshUser()).id}/${action}` }),
  })),
  {
    method: 'POST',
    route: '/api/admin/users/:userId/invitation',
    allowed: 201,
    prepare: async () => ({
      url: `/api/admin/users/${(await createInvitedUser(db(), w.agency.id)).id}/invitation`,
    }),
  },
  {
    method: 'GET',
    route: '/api/admin/code-lists/:list',
    allowed: 200,
    prepare: async () => ({ url: '/api/admin/code-lists/sector' }),
  },
  {
    method: 'POST',
    route: '/api/admin/code-lists/:list',
    allowed: 201,
    prepare: async () => ({ url: '/api/admin/code-lists/study_flag', payload: freshCode() }),
  },
  {
    method: 'GET',
    route: '/api/admin/code-lists/:list/:code',
    allowed: 200,
    prepare: async () => ({ url: '/api/admin/code-lists/gender/unknown' }),
  },
  {
    method: 'PATCH',
    route: '/api/admin/code-lists/:list/:code',
    allowed: 200,
    prepare: async () => ({
      url: `/api/admin/code-lists/study_flag/${await createdCode()}`,
      payload: { label: { fr: uniqueName('Libellé') } },
    }),
  },
  ...(['retire', 'reinstate'] as const).map((action): Case => ({
    method: 'POST',
    route: `/api/admin/code-lists/:list/:code/${action}`,
    allowed: 200,
    prepare: async () => ({
      url: `/api/admin/code-lists/study_flag/${await createdCode()}/${action}`,
    }),
  })),
];

/** A new code's body, unique in its list. */
function freshCode() {
  const suffix = uniquePrefix().toLowerCase();
  return { code: `flag_${suffix}`, label: { en: `Flag ${suffix}`, fr: `Indicateur ${suffix}` } };
}

/** A code an administrator created just now in the study flags, for routes that change one. */
async function createdCode(): Promise<string> {
  const body = freshCode();
  const res = await callAs(
    t.app,
    w.admin.session,
    'POST',
    '/api/admin/code-lists/study_flag',
    body,
  );
  expect(res.statusCode, res.body).toBe(201);
  return body.code;
}

/** A fresh member of the table, for routes that change or remove one. */
async function memberOf(tableId: string) {
  return createUser(db(), {
    agencyId: w.agency.id,
    memberships: [{ tableId, role: 'agency_rep' }],
  });
}

describe('administration routes: administrators only', () => {
  beforeAll(async () => {
    t = await createTestApp();
    w = await createAdminWorld(t.app, db());
  });
  afterAll(async () => closeTestApp(t));

  it('has a case here for every /api/admin route the app declares, each for admin.manage', () => {
    const declared = t.app.declaredRoutes.filter(
      (r) => r.url.startsWith('/api/admin') && r.method !== 'HEAD',
    );
    expect(declared.map((r) => `${r.method} ${r.url}`).sort()).toEqual(
      cases.map((c) => `${c.method} ${c.route}`).sort(),
    );
    for (const route of declared) expect(route.access).toEqual({ permission: 'admin.manage' });
  });

  it.each(cases.map((c) => [`${c.method} ${c.route}`, c] as const))(
    '%s: refused to a coordinator and a representative (audited), allowed to an administrator',
    async (_name, c) => {
      const { url, payload } = await c.prepare(w);
      const hidden = c.route.includes(':');
      for (const caller of [w.coordinator, w.rep]) {
        const before = await countAudit(db());
        const res = await callAs(t.app, caller.session, c.method, url, payload);
        await expectDeniedAndAudited(db(), res, caller.id, { hidden });
        // The refusal is the only trace: nothing was written.
        expect(await countAudit(db())).toBe(before + 1);
      }
      const res = await callAs(t.app, w.admin.session, c.method, url, payload);
      expect(res.statusCode, res.body).toBe(c.allowed);
    },
  );

  it('refuses a caller without a token with 401', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/admin/agencies' });
    expect(res.statusCode).toBe(401);
  });
});
