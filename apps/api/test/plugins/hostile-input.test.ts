/**
 * Hostile input is refused before it reaches the database, as a 4xx problem, never a 500: NUL and
 * lone surrogates in any string, malformed and out-of-range cursors and numbers, a token subject
 * that is not a UUID, a malformed Access-Purpose header, a URL the router cannot decode. Each of
 * these was answered with 500 before.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemSchema } from '@fourfold/shared/problem';
import { closeTestApp, createTestApp, type TestApp } from '../helpers/test-app';
import { createUser, signIn, type SignedIn } from '../helpers/fixtures';
import { filterFingerprint } from '../../src/modules/situations/situation-list-cursor';
import {
  SituationClient,
  createCast,
  draftBody,
  situationAt,
  type Cast,
} from '../helpers/situations';

/** A well-formed id, for cursors whose other half is wrong. */
const SOME_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

describe('hostile input', () => {
  let t: TestApp;
  let cast: Cast;
  let client: SituationClient;
  let open: string;
  let privacyOfficer: SignedIn;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.app, t.database.db);
    client = new SituationClient(t.app, t.database.db, cast);
    open = await situationAt(client, cast, 'filter3');
    const officer = await createUser(t.database.db, {
      agencyId: cast.agencies.chair,
      memberships: [{ tableId: cast.tableId, role: 'privacy_officer' }],
    });
    privacyOfficer = await signIn(t.app, officer.email);
    admin = await signIn(t.app, (await createUser(t.database.db, { isAdministrator: true })).email);
  });
  afterAll(async () => closeTestApp(t));

  function expectProblem(res: {
    statusCode: number;
    headers: Record<string, unknown>;
    body: string;
  }) {
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
    return problemSchema.parse(JSON.parse(res.body));
  }

  const situationCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('situation')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it.each([
    ['NUL', 'Needs housing support\u0000 urgently.'],
    ['an unpaired surrogate', 'Needs housing support \uD800 urgently.'],
  ])('refuses %s in a string with 400, storing nothing', async (_, summary) => {
    const before = await situationCount();
    const res = await client.call('originating', 'POST', `/api/tables/${cast.tableId}/situations`, {
      payload: draftBody({ summary }),
    });
    expect(res.statusCode).toBe(400);
    const problem = expectProblem(res);
    expect(problem.invalidParams).toEqual([
      expect.objectContaining({ in: 'body', path: 'summary' }),
    ]);
    expect(await situationCount()).toBe(before);
  });

  it('refuses NUL in an identity and in a note', async () => {
    const identity = await client.write('originating', 'PUT', open, '/identity', {
      people: [{ givenName: 'A\u0000', familyName: 'B' }],
    });
    expect(identity.statusCode).toBe(400);
    expectProblem(identity);
  });

  /** A cursor of the list's default sort (last update, newest first) without filters. */
  const listCursor = (at: string, id: string) =>
    Buffer.from(JSON.stringify(['updated', 'desc', filterFingerprint({}), at, id])).toString(
      'base64url',
    );

  it.each([
    ['not base64 JSON', 'not-a-cursor'],
    ['an impossible date', listCursor('2026-02-30 10:00:00+00', SOME_ID)],
    ['an impossible hour', listCursor('2026-01-01 25:00:00+00', SOME_ID)],
    ['a malformed id', listCursor('2026-01-01 10:00:00+00', 'x')],
  ])('refuses a situation-list cursor that is %s with 400', async (_, cursor) => {
    const res = await client.get(
      'coordinator',
      `/api/tables/${cast.tableId}/situations?cursor=${cursor}`,
    );
    expect(res.statusCode).toBe(400);
    expect(expectProblem(res).invalidParams?.[0]).toMatchObject({ in: 'query', path: 'cursor' });
  });

  it('accepts a well-formed cursor of a real instant (the control for the refusals above)', async () => {
    const cursor = listCursor('2026-01-01 10:00:00.123456+00', SOME_ID);
    const res = await client.get(
      'coordinator',
      `/api/tables/${cast.tableId}/situations?cursor=${cursor}`,
    );
    expect(res.statusCode).toBe(200);
  });

  it.each(['9999999999999999999', '0', '-1', '1e3', 'abc'])(
    'refuses the audit cursor %s with 400',
    async (cursor) => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/audit/events?cursor=${cursor}`,
        headers: privacyOfficer.headers,
      });
      expect(res.statusCode).toBe(400);
      expect(expectProblem(res).invalidParams?.[0]).toMatchObject({ in: 'query', path: 'cursor' });
    },
  );

  it.each([2 ** 31, 1e15])('refuses the out-of-range number %d with 400', async (position) => {
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/admin/code-lists/situation_type',
      headers: admin.headers,
    });
    const code = list.json().items[0].code as string;
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/code-lists/situation_type/${code}`,
      headers: admin.headers,
      payload: { position },
    });
    expect(res.statusCode).toBe(400);
    expect(expectProblem(res).invalidParams?.[0]).toMatchObject({ in: 'body', path: 'position' });
  });

  it.each(['not-a-uuid', "' or 1=1 --", 'ABCDEF00-0000-4000-8000-000000000000'])(
    'refuses a signed token whose subject is %j with 401',
    async (sub) => {
      const token = t.app.jwt.sign({ sub, sid: randomUUID(), epoch: 0, mfa: false });
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/me',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.statusCode).toBe(401);
      expect(expectProblem(res).code).toBe('UNAUTHENTICATED');
    },
  );

  it.each([
    ['malformed percent-encoding', '%E0%A4%A'],
    ['an encoded lone surrogate', '%ED%A0%80'],
    ['an encoded NUL', 'review%00'],
    ['an overlong purpose', 'a'.repeat(201)],
    ['an overlong header', '%41'.repeat(1000)],
  ])('refuses an Access-Purpose with %s with 400', async (_, purpose) => {
    const before = await t.database.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('action', '=', 'situation.identity.view')
      .executeTakeFirstOrThrow();
    const res = await client.get('lead', `/api/situations/${open}/identity`, {
      'access-purpose': purpose,
    });
    expect(res.statusCode).toBe(400);
    expect(expectProblem(res).invalidParams?.[0]).toMatchObject({
      in: 'headers',
      path: 'access-purpose',
    });
    const after = await t.database.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('action', '=', 'situation.identity.view')
      .executeTakeFirstOrThrow();
    expect(after.n).toEqual(before.n);
  });

  it.each([
    ['bad percent-encoding', '/api/situations/%E0%A4%A'],
    ['an overlong parameter', `/api/situations/${'a'.repeat(500)}`],
  ])('answers a path with %s as problem+json, without echoing it', async (_, url) => {
    const res = await client.get('lead', url);
    const problem = expectProblem(res);
    expect(problem.code).toBe('BAD_REQUEST');
    expect(res.body).not.toContain('aaaa');
    expect(res.body).not.toContain('%E0');
  });

  it('answers a malformed id in a path with 400, naming the field', async () => {
    const res = await client.get('lead', `/api/situations/${open}x`);
    expect(res.statusCode).toBe(400);
    expect(expectProblem(res).invalidParams?.[0]).toMatchObject({ in: 'params', path: 'id' });
  });
});
