import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import {
  testSecrets,
  closeTestApp,
  createTestApp,
  testConfig,
  type TestApp,
} from '../helpers/test-app';

/**
 * The routes that need no sign-in, listed explicitly: adding a public route means adding it here,
 * in review, on purpose.
 */
const PUBLIC_ROUTES = [
  'GET /api/health',
  'GET /api/health/ready',
  'GET /api/openapi.json',
  'POST /api/auth/login',
  'POST /api/auth/refresh',
  'POST /api/auth/logout',
  'POST /api/auth/links/inspect',
  'POST /api/auth/links/complete',
].sort();

describe('every route declares its access', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => closeTestApp(t));

  it('has a declaration for every /api route; only the listed ones are public', () => {
    const routes = t.app.declaredRoutes.filter((r) => r.method !== 'HEAD');
    expect(routes.length).toBeGreaterThan(PUBLIC_ROUTES.length);
    const publicRoutes = routes
      .filter((r) => r.access === 'public')
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(publicRoutes).toEqual(PUBLIC_ROUTES);
    // The documentation UI is the only other route without sign-in.
    for (const route of routes.filter((r) => r.access === 'public-docs')) {
      expect(route.url).toMatch(/^\/api\/docs/);
    }
  });

  it('refuses to start with an /api route that declares nothing', async () => {
    await expect(
      buildApp(testConfig(), {
        database: t.database,
        secrets: testSecrets(),
        extraApiRoutes: async (api) => {
          api.get('/undeclared', async () => 'oops');
        },
      }),
    ).rejects.toThrow(/GET \/api\/undeclared declares no access/);
  });

  it('answers a protected route without a token with 401 and records the denial', async () => {
    const before = await t.database.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('action', '=', 'auth.token')
      .executeTakeFirstOrThrow();
    const res = await t.app.inject({ method: 'GET', url: '/api/me' });
    expect(res.statusCode).toBe(401);
    const after = await t.database.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('action', '=', 'auth.token')
      .executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(1);
  });
});
