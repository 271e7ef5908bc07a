import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditVerificationSchema } from '@fourfold/shared/audit';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';
import {
  createAgency,
  createTable,
  createUser,
  signIn,
  type SignedIn,
} from '../../helpers/fixtures';
import { auditEvent, eventsOfRequest, getAs } from './audit-fixtures';

/** Its own database: this file breaks the chain on purpose. */
describe('GET /api/audit/verify on a tampered log', () => {
  let t: TestApp;
  let officer: SignedIn;
  let tableId: string;
  beforeAll(async () => {
    t = await createTestApp();
    const agencyId = (await createAgency(t.database.db)).id;
    tableId = (await createTable(t.database.db, { agencyIds: [agencyId] })).id;
    const user = await createUser(t.database.db, {
      agencyId,
      memberships: [{ tableId, role: 'privacy_officer' }],
    });
    officer = await signIn(t.app, user.email);
    for (let i = 0; i < 5; i += 1) {
      await auditEvent(t.database.db, { action: 'situation.viewDeidentified', tableId });
    }
  });
  afterAll(async () => closeTestApp(t));

  const verify = async () => {
    const res = await getAs(t.app, officer.headers, '/api/audit/verify');
    expect(res.statusCode).toBe(200);
    return { res, result: auditVerificationSchema.parse(res.json()) };
  };

  it('says intact while no row was touched', async () => {
    const { result } = await verify();
    expect(result).toEqual({ intact: true, checked: expect.any(Number) });
  });

  it('names the first row altered behind the trigger’s back, and still records the check', async () => {
    const target = await t.database.db
      .selectFrom('audit_event')
      .select('id')
      .where('action', '=', 'situation.viewDeidentified')
      .orderBy('id')
      .offset(2)
      .executeTakeFirstOrThrow();
    const db = t.database.db;
    await sql`alter table audit_event disable trigger audit_event_immutable`.execute(db);
    await sql`update audit_event set purpose = 'rewritten' where id = ${target.id}`.execute(db);
    await sql`alter table audit_event enable trigger audit_event_immutable`.execute(db);

    const { res, result } = await verify();
    expect(result).toEqual({
      intact: false,
      checked: expect.any(Number),
      firstBrokenId: String(target.id),
      problem: 'hash_mismatch',
    });
    expect(await eventsOfRequest(db, res.headers['x-request-id'])).toMatchObject([
      { action: 'audit.verify', outcome: 'allowed' },
    ]);
  });
});
