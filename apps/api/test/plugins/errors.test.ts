import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { problemSchema } from '@fourfold/shared/problem';
import { AppError } from '../../src/lib/errors';
import { closeTestApp, createTestApp, type TestApp } from '../helpers/test-app';

const SECRET = 'Jane Doe 1984-02-03 secret-internal-detail';

describe('one error model: problem+json', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      deps: {
        extraApiRoutes: async (api) => {
          api.get('/test/throws', { config: { access: 'public' } }, async () => {
            throw new Error(SECRET);
          });
          api.get('/test/sql', { config: { access: 'public' } }, async () => {
            await sql`select * from no_such_table where name = ${SECRET}`.execute(t.database.db);
            return 'unreachable';
          });
          // Database errors that the caller's input causes: each statement quotes SECRET.
          const refused: Record<string, () => Promise<unknown>> = {
            'invalid-uuid': () => sql`select ${SECRET}::uuid`.execute(t.database.db),
            'nul-in-text': () =>
              sql`insert into probe (id, label) values (1, ${`${SECRET}\u0000`})`.execute(
                t.database.db,
              ),
            'out-of-range': () => sql`select ${'9'.repeat(30)}::int`.execute(t.database.db),
            unique: () =>
              sql`insert into probe (id, label) values (7, ${SECRET}), (7, ${SECRET})`.execute(
                t.database.db,
              ),
            'foreign-key': () =>
              sql`insert into probe (id, agency_id) values (2, ${'00000000-0000-4000-8000-000000000000'})`.execute(
                t.database.db,
              ),
            check: () => sql`insert into probe (id, n) values (3, -1)`.execute(t.database.db),
            'not-null': () => sql`insert into probe (id) values (null)`.execute(t.database.db),
          };
          api.get<{ Params: { kind: string } }>(
            '/test/db/:kind',
            { config: { access: 'public' } },
            async (request) => refused[request.params.kind]!(),
          );
          api.get('/test/app-error', { config: { access: 'public' } }, async () => {
            throw new AppError('CONFLICT', 'The situation changed since you loaded it.');
          });
          api.withTypeProvider<ZodTypeProvider>().post(
            '/test/validated',
            {
              config: { access: 'public' },
              schema: {
                body: z.object({ count: z.number().int(), label: z.string().min(2) }),
                querystring: z.object({ page: z.coerce.number().int().optional() }),
              },
            },
            async () => ({ ok: true }),
          );
        },
      },
    });
  });
  afterAll(async () => closeTestApp(t));
  beforeAll(async () => {
    await sql`create table probe (
      id int primary key, label text, n int check (n > 0), agency_id uuid references agency (id)
    )`.execute(t.database.db);
  });

  function expectProblem(res: { headers: Record<string, unknown>; json: () => unknown }) {
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
    const body = problemSchema.parse(res.json());
    expect(body.requestId).toBe(res.headers['x-request-id']);
    return body;
  }

  it('turns a handler that throws into an opaque 500', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/test/throws' });
    expect(res.statusCode).toBe(500);
    const body = expectProblem(res);
    expect(body.code).toBe('INTERNAL_ERROR');
    expect(res.body).not.toContain('secret');
    expect(res.body).not.toContain('Jane');
    expect(res.body).not.toMatch(/at .*\.ts/);
  });

  it('never reveals SQL, table names or values from a database error', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/test/sql' });
    expect(res.statusCode).toBe(500);
    expectProblem(res);
    expect(res.body).not.toContain('no_such_table');
    expect(res.body).not.toContain('Jane');
    expect(res.body.toLowerCase()).not.toContain('select');
  });

  it.each([
    ['invalid-uuid', 400, 'VALIDATION_FAILED'],
    ['nul-in-text', 400, 'VALIDATION_FAILED'],
    ['out-of-range', 400, 'VALIDATION_FAILED'],
    ['unique', 409, 'CONFLICT'],
    ['foreign-key', 409, 'CONFLICT'],
    ['check', 422, 'VALIDATION_FAILED'],
    ['not-null', 422, 'VALIDATION_FAILED'],
  ])(
    'answers a database refusal of input (%s) with %i %s, quoting nothing',
    async (kind, status, code) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/test/db/${kind}` });
      expect(res.statusCode).toBe(status);
      expect(expectProblem(res).code).toBe(code);
      expect(res.body).not.toContain('Jane');
      expect(res.body).not.toContain('probe');
      expect(res.body.toLowerCase()).not.toMatch(/insert|select|constraint|violat/);
    },
  );

  it('answers a typed service error with its code, status and detail', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/test/app-error' });
    expect(res.statusCode).toBe(409);
    const body = expectProblem(res);
    expect(body).toMatchObject({
      code: 'CONFLICT',
      title: 'Conflict',
      status: 409,
      type: 'urn:fourfold:problem:conflict',
      detail: 'The situation changed since you loaded it.',
    });
  });

  it('lists every failing field of an invalid body, without echoing values', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/test/validated',
      payload: { count: 'Jane Doe', label: 'x' },
    });
    expect(res.statusCode).toBe(400);
    const body = expectProblem(res);
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.invalidParams?.map((p) => [p.in, p.path])).toEqual(
      expect.arrayContaining([
        ['body', 'count'],
        ['body', 'label'],
      ]),
    );
    expect(res.body).not.toContain('Jane');
  });

  it('marks query-string validation failures as in: query', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/test/validated?page=abc',
      payload: { count: 1, label: 'ok' },
    });
    expect(res.statusCode).toBe(400);
    expect(expectProblem(res).invalidParams?.[0]).toMatchObject({ in: 'query', path: 'page' });
  });

  it('answers malformed JSON with 400 BAD_REQUEST', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/test/validated',
      headers: { 'content-type': 'application/json' },
      payload: '{"count": ',
    });
    expect(res.statusCode).toBe(400);
    expect(expectProblem(res).code).toBe('BAD_REQUEST');
  });

  it('answers an unsupported content type with 415', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/test/validated',
      headers: { 'content-type': 'text/csv' },
      payload: 'a,b',
    });
    expect(res.statusCode).toBe(415);
    expect(expectProblem(res).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers an unknown API route with 404 in the same shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/no/such/route' });
    expect(res.statusCode).toBe(404);
    expect(expectProblem(res).code).toBe('NOT_FOUND');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers an unknown route outside /api with 404 problem when no page is asked for', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/whatever.json' });
    expect(res.statusCode).toBe(404);
    expect(expectProblem(res).code).toBe('NOT_FOUND');
  });

  it('sends security headers on every response', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });
});
