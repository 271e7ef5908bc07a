/**
 * Helpers for the administration tests: a small world (an agency on a table, an administrator, a
 * coordinator and a representative, all signed in), a way to call a route as someone, and the
 * audit rows a request left behind.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { DB } from '../../src/db/schema';
import { createAgency, createTable, createUser, signIn, type SignedIn } from './fixtures';

export type AdminWorld = Awaited<ReturnType<typeof createAdminWorld>>;

export async function createAdminWorld(app: FastifyInstance, db: Kysely<DB>) {
  const agency = await createAgency(db);
  const table = await createTable(db, { agencyIds: [agency.id] });
  const admin = await createUser(db, { isAdministrator: true });
  const coordinator = await createUser(db, {
    agencyId: agency.id,
    memberships: [{ tableId: table.id, role: 'coordinator' }],
  });
  const rep = await createUser(db, {
    agencyId: agency.id,
    memberships: [{ tableId: table.id, role: 'agency_rep' }],
  });
  const [adminSession, coordinatorSession, repSession] = await Promise.all([
    signIn(app, admin.email),
    signIn(app, coordinator.email),
    signIn(app, rep.email),
  ]);
  return {
    agency,
    table,
    admin: { ...admin, session: adminSession },
    coordinator: { ...coordinator, session: coordinatorSession },
    rep: { ...rep, session: repSession },
  };
}

/** Calls a route with the person's access token. */
export function callAs(
  app: FastifyInstance,
  session: SignedIn,
  method: InjectOptions['method'],
  url: string,
  payload?: object,
) {
  return app.inject({
    method,
    url,
    headers: session.headers,
    ...(payload === undefined ? {} : { payload }),
  });
}

export function requestIdOf(res: LightMyRequestResponse): string {
  const id = res.headers['x-request-id'];
  if (typeof id !== 'string') throw new Error('no x-request-id');
  return id;
}

/** Every column of the audit rows one request left. */
export function auditRowsOf(db: Kysely<DB>, res: LightMyRequestResponse) {
  return db
    .selectFrom('audit_event')
    .selectAll()
    .where('request_id', '=', requestIdOf(res))
    .orderBy('id')
    .execute();
}

export async function countRows(
  db: Kysely<DB>,
  table: 'agency' | 'situation_table' | 'app_user' | 'table_membership' | 'table_agency' | 'code',
) {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countAudit(db: Kysely<DB>) {
  const row = await db
    .selectFrom('audit_event')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const letters = (length: number) =>
  Array.from({ length }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join('');

/** A reference prefix no other test is likely to have taken (26^6 choices). */
export const uniquePrefix = () => letters(6);
export const uniqueName = (what: string) => `${what} ${randomUUID().slice(0, 8)}`;

/** A user who was invited and has not set a password yet. */
export async function createInvitedUser(db: Kysely<DB>, agencyId: string | null) {
  return db
    .insertInto('app_user')
    .values({
      email: `invited-${randomUUID().slice(0, 8)}@test.example`,
      display_name: uniqueName('Invited'),
      agency_id: agencyId,
      is_administrator: agencyId === null,
    })
    .returning(['id', 'email'])
    .executeTakeFirstOrThrow();
}

/**
 * The request left exactly one audit row: an allowed administration event by the administrator,
 * with no value of what was written in any column.
 */
export async function expectOneAdminAudit(
  db: Kysely<DB>,
  res: LightMyRequestResponse,
  expected: { action: string; adminId: string; tableId?: string | null; target: string | null },
  writtenValues: readonly string[] = [],
) {
  const rows = await auditRowsOf(db, res);
  expect(rows).toHaveLength(1);
  const row = rows[0]!;
  expect(row).toEqual({
    id: expect.any(String),
    occurred_at: expect.any(Date),
    user_id: expected.adminId,
    agency_id: null,
    role: 'administrator',
    table_id: expected.tableId ?? null,
    situation_id: null,
    action: expected.action,
    data_category: 'administration',
    purpose: null,
    outcome: 'allowed',
    request_id: requestIdOf(res),
    prev_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    target: expected.target,
  });
  const text = JSON.stringify(row).toLowerCase();
  for (const value of writtenValues) expect(text).not.toContain(value.toLowerCase());
}

/** The request was refused to a non-administrator and the refusal is in the audit log. */
export async function expectDeniedAndAudited(
  db: Kysely<DB>,
  res: LightMyRequestResponse,
  callerId: string,
  { hidden }: { hidden: boolean },
) {
  // With an id in the path the authentication plugin answers as if the resource did not exist.
  expect(res.statusCode).toBe(hidden ? 404 : 403);
  expect(res.json().code).toBe(hidden ? 'NOT_FOUND' : 'FORBIDDEN');
  const rows = await auditRowsOf(db, res);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({
    user_id: callerId,
    action: 'admin.manage',
    data_category: 'administration',
    outcome: 'denied',
  });
}
