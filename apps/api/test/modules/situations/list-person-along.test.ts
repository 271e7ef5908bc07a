/**
 * The situation list reads the acting person inside its own statement (lib/person-along.ts, #12):
 * one round trip instead of two. It must refuse exactly as a route whose person is read before the
 * handler: a token that no longer stands answers 401 with nothing of the page, a membership
 * removed a moment ago takes the list away at once, a denial is audited with who was denied, and a
 * hidden table answers 404 even to a request whose cursor is malformed. Each case reads a table
 * that holds situations, so that a page that leaked would be seen.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';
import { createUser, signIn, type SignedIn } from '../../helpers/fixtures';
import { SituationClient, createCast, situationAt, type Cast } from '../../helpers/situations';

describe('the situation list with the person read in its own statement', () => {
  let t: TestApp;
  let cast: Cast;
  let references: string[];
  let member: { id: string; email: string };
  let session: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.app, t.database.db);
    const client = new SituationClient(t.app, t.database.db, cast);
    for (const stage of ['filter2', 'filter4'] as const) await situationAt(client, cast, stage);
    references = (await t.database.db.selectFrom('situation').select('reference').execute()).map(
      (row) => row.reference,
    );
    expect(references.length).toBeGreaterThan(0);
  }, 120_000);
  afterAll(async () => {
    await closeTestApp(t);
  });

  // A representative of their own for each case: the cases change the person.
  beforeEach(async () => {
    member = await createUser(t.database.db, {
      agencyId: cast.agencies.uninvolved,
      memberships: [{ tableId: cast.tableId, role: 'agency_rep' }],
    });
    session = await signIn(t.app, member.email);
  });

  const list = (signedIn: SignedIn, query = '') =>
    t.app.inject({
      method: 'GET',
      url: `/api/tables/${cast.tableId}/situations${query}`,
      headers: signedIn.headers,
    });

  /** Neither a reference nor an item: the refusal carries nothing the statement read. */
  function expectNothingListed(body: string) {
    expect(body).not.toContain('"items"');
    for (const reference of references) expect(body).not.toContain(reference);
  }

  it('lists for a member', async () => {
    const res = await list(session);
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as { items: unknown[] }).items.length).toBe(references.length);
  });

  it('refuses a deactivated person on the very next request (401)', async () => {
    expect((await list(session)).statusCode).toBe(200);
    await t.database.db
      .updateTable('app_user')
      .set({ active: false })
      .where('id', '=', member.id)
      .execute();
    const res = await list(session);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
    expectNothingListed(res.body);
  });

  it('refuses a session that was signed out, and a token of an older session epoch (401)', async () => {
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: session.headers,
    });
    expect(out.statusCode).toBe(204);
    const afterLogout = await list(session);
    expect(afterLogout.statusCode).toBe(401);
    expectNothingListed(afterLogout.body);

    const again = await signIn(t.app, member.email);
    await t.database.db
      .updateTable('app_user')
      .set((eb) => ({ session_epoch: eb('session_epoch', '+', 1) }))
      .where('id', '=', member.id)
      .execute();
    const afterEpoch = await list(again);
    expect(afterEpoch.statusCode).toBe(401);
    expectNothingListed(afterEpoch.body);
  });

  it('takes the list away as soon as the membership is removed, and audits the denial', async () => {
    await t.database.db.deleteFrom('table_membership').where('user_id', '=', member.id).execute();
    const res = await list(session);
    expect(res.statusCode).toBe(404);
    expectNothingListed(res.body);
    const denied = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'outcome', 'user_id'])
      .where('user_id', '=', member.id)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied).toEqual([
      { action: 'situation.viewDeidentified', outcome: 'denied', user_id: member.id },
    ]);
  });

  it('answers 404 to the coordinator of another table, with or without a valid cursor', async () => {
    for (const query of ['', '?cursor=not-a-cursor']) {
      const res = await list(cast.sessions.outsider, query);
      expect(res.statusCode, query).toBe(404);
      expectNothingListed(res.body);
    }
    // A member with the same malformed cursor is told what is wrong with it.
    const bad = await list(session, '?cursor=not-a-cursor');
    expect(bad.statusCode).toBe(400);
  });

  it('refuses a token that is not signed by the API (401) before any statement', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/tables/${cast.tableId}/situations`,
      headers: { authorization: 'Bearer not.a.token' },
    });
    expect(res.statusCode).toBe(401);
    expectNothingListed(res.body);
  });
});
