/**
 * Every situation route with one caller it serves and one it refuses. A refused write changes
 * nothing (the version stays) and leaves one `denied` audit event. Callers who hold the route's
 * permission on no table at all are refused by the authentication plugin before the service
 * runs, with 404 since the URL names a resource.
 */
import type { Stage } from '@fourfold/shared/situation-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';
import {
  IDENTITY,
  SituationClient,
  createCast,
  draftBody,
  expectNoLeaksIn,
  situationAt,
  type Cast,
  type Who,
} from '../../helpers/situations';

type RouteCase = {
  route: string;
  /** The stage of the situation the call is made on (none for table routes). */
  stage: Stage | null;
  method: 'GET' | 'POST' | 'PUT';
  path: (ids: { tableId: string; id: string }) => string;
  body?: (cast: Cast) => unknown;
  allowed: [Who, number];
  denied: [Who, number, string];
};

const situation =
  (suffix = '') =>
  (ids: { id: string }) =>
    `/api/situations/${ids.id}${suffix}`;

const cases: RouteCase[] = [
  {
    route: 'GET /api/tables/:tableId',
    stage: null,
    method: 'GET',
    path: ({ tableId }) => `/api/tables/${tableId}`,
    allowed: ['analyst', 200],
    denied: ['outsider', 404, 'NOT_FOUND'],
  },
  {
    route: 'GET /api/tables/:tableId/situations',
    stage: null,
    method: 'GET',
    path: ({ tableId }) => `/api/tables/${tableId}/situations`,
    allowed: ['coordinator', 200],
    denied: ['outsider', 404, 'NOT_FOUND'],
  },
  {
    route: 'GET /api/tables/:tableId/situations/counts',
    stage: null,
    method: 'GET',
    path: ({ tableId }) => `/api/tables/${tableId}/situations/counts`,
    allowed: ['coordinator', 200],
    denied: ['outsider', 404, 'NOT_FOUND'],
  },
  {
    route: 'POST /api/tables/:tableId/situations',
    stage: null,
    method: 'POST',
    path: ({ tableId }) => `/api/tables/${tableId}/situations`,
    body: () => draftBody(),
    allowed: ['uninvolved', 201],
    denied: ['analyst', 404, 'NOT_FOUND'],
  },
  {
    route: 'GET /api/situations/:id',
    stage: 'filter2',
    method: 'GET',
    path: situation(),
    allowed: ['uninvolved', 200],
    denied: ['outsider', 404, 'NOT_FOUND'],
  },
  {
    route: 'PUT /api/situations/:id',
    stage: 'draft',
    method: 'PUT',
    path: situation(),
    body: () => draftBody({ ageBand: '16_17' }),
    allowed: ['originating', 200],
    denied: ['coordinator', 404, 'NOT_FOUND'],
  },
  {
    route: 'PUT /api/situations/:id/identity',
    stage: 'filter3',
    method: 'PUT',
    path: situation('/identity'),
    body: () => IDENTITY,
    allowed: ['originating', 200],
    denied: ['present', 403, 'FORBIDDEN'],
  },
  {
    route: 'GET /api/situations/:id/identity',
    stage: 'filter3',
    method: 'GET',
    path: situation('/identity'),
    allowed: ['present', 200],
    denied: ['uninvolved', 403, 'IDENTITY_NOT_AVAILABLE'],
  },
  {
    route: 'POST /api/situations/:id/submit',
    stage: 'draft',
    method: 'POST',
    path: situation('/submit'),
    allowed: ['originating', 200],
    denied: ['uninvolved', 404, 'NOT_FOUND'],
  },
  {
    route: 'POST /api/situations/:id/decision',
    stage: 'filter2',
    method: 'POST',
    path: situation('/decision'),
    body: (cast) => ({ outcome: 'accepted', agenciesPresent: [cast.agencies.present] }),
    allowed: ['coordinator', 200],
    denied: ['originating', 404, 'NOT_FOUND'],
  },
  {
    route: 'POST /api/situations/:id/involvement',
    stage: 'filter3',
    method: 'POST',
    path: situation('/involvement'),
    body: () => ({ involved: false }),
    allowed: ['lead', 200],
    denied: ['uninvolved', 403, 'FORBIDDEN'],
  },
  {
    route: 'POST /api/situations/:id/assignment',
    stage: 'filter3',
    method: 'POST',
    path: situation('/assignment'),
    body: (cast) => ({ leadAgencyId: cast.agencies.lead, assistingAgencyIds: [] }),
    allowed: ['coordinator', 200],
    denied: ['lead', 404, 'NOT_FOUND'],
  },
  {
    route: 'POST /api/situations/:id/notes',
    stage: 'filter4',
    method: 'POST',
    path: situation('/notes'),
    body: () => ({ body: 'Visited with the housing worker.' }),
    allowed: ['originating', 201],
    denied: ['present', 403, 'FORBIDDEN'],
  },
  {
    route: 'GET /api/situations/:id/notes',
    stage: 'filter4',
    method: 'GET',
    path: situation('/notes'),
    allowed: ['assisting', 200],
    denied: ['coordinator', 403, 'FORBIDDEN'],
  },
  {
    route: 'POST /api/situations/:id/contact',
    stage: 'filter4',
    method: 'POST',
    path: situation('/contact'),
    body: () => ({ at: new Date().toISOString(), outcome: 'not_located' }),
    allowed: ['lead', 200],
    denied: ['originating', 403, 'FORBIDDEN'],
  },
  {
    route: 'POST /api/situations/:id/close',
    stage: 'filter4',
    method: 'POST',
    path: situation('/close'),
    // No first contact recorded at this stage: concluding needs a no-contact reason.
    body: () => ({ conclusion: 'still_unable_to_locate', noContactReason: 'unable_to_locate' }),
    allowed: ['coordinator', 200],
    denied: ['assisting', 404, 'NOT_FOUND'],
  },
  {
    route: 'GET /api/situations/:id/action-items',
    stage: 'filter4',
    method: 'GET',
    path: situation('/action-items'),
    allowed: ['uninvolved', 200],
    denied: ['analyst', 404, 'NOT_FOUND'],
  },
  {
    route: 'POST /api/situations/:id/action-items',
    stage: 'filter4',
    method: 'POST',
    path: situation('/action-items'),
    body: (cast) => ({
      ownerAgencyId: cast.agencies.lead,
      description: 'Arrange a joint visit with the assisting agency.',
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    }),
    allowed: ['lead', 201],
    denied: ['uninvolved', 403, 'FORBIDDEN'],
  },
  {
    route: 'GET /api/situations/:id/report-backs',
    stage: 'filter3',
    method: 'GET',
    path: situation('/report-backs'),
    allowed: ['coordinator', 200],
    denied: ['outsider', 404, 'NOT_FOUND'],
  },
  {
    route: 'POST /api/situations/:id/report-backs',
    stage: 'filter3',
    method: 'POST',
    path: situation('/report-backs'),
    body: () => ({ statusUpdate: 'Contact attempts continue; no change in risk this week.' }),
    allowed: ['present', 201],
    denied: ['uninvolved', 403, 'FORBIDDEN'],
  },
];

describe('every situation route: one caller served, one refused', () => {
  let t: TestApp;
  let cast: Cast;
  let client: SituationClient;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.app, t.database.db);
    client = new SituationClient(t.app, t.database.db, cast);
  });
  afterAll(async () => closeTestApp(t));

  it('covers every situation route the app declares', () => {
    const declared = t.app.declaredRoutes
      .filter((r) => r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url}`)
      .filter((r) => /\/api\/(situations|tables\/:tableId($|\/situations))/.test(r));
    expect(declared.sort()).toEqual(cases.map((c) => c.route).sort());
  });

  describe.each(cases)('$route', (c) => {
    let ids: { tableId: string; id: string };
    beforeAll(async () => {
      ids = {
        tableId: cast.tableId,
        id: c.stage ? await situationAt(client, cast, c.stage) : '',
      };
    });

    const call = async (who: Who) => {
      const ifMatch = c.stage && c.method !== 'GET' ? await client.etag(ids.id) : null;
      return client.call(who, c.method, c.path(ids), {
        ...(c.body ? { payload: c.body(cast) } : {}),
        ifMatch,
      });
    };

    it(`refuses ${c.denied[0]}`, async () => {
      const before = c.stage ? await client.etag(ids.id) : null;
      const res = await call(c.denied[0]);
      expect(res.statusCode).toBe(c.denied[1]);
      expect(res.json().code).toBe(c.denied[2]);
      expect(res.headers['content-type']).toContain('application/problem+json');
      if (c.stage) expect(await client.etag(ids.id)).toBe(before);
      const events = await t.database.db
        .selectFrom('audit_event')
        .select(['outcome'])
        .where('request_id', '=', String(res.headers['x-request-id']))
        .execute();
      expect(events).toEqual([{ outcome: 'denied' }]);
    });

    it(`serves ${c.allowed[0]}`, async () => {
      const res = await call(c.allowed[0]);
      expect(res.statusCode, res.body).toBe(c.allowed[1]);
      expect(res.headers['cache-control']).toContain('no-store');
    });
  });

  it('answers 401 without a token', async () => {
    const id = await situationAt(client, cast, 'filter2');
    const res = await client.get(null, `/api/situations/${id}`);
    expect(res.statusCode).toBe(401);
  });

  it('let no personal value out in any response of this file', () => {
    expectNoLeaksIn(client.responses);
  });
});
