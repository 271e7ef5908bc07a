import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableAgreementSchema } from '@fourfold/shared/agreements';
import { meSchema } from '@fourfold/shared/auth';
import { enrolSecondFactor } from '../../helpers/credentials';
import { createAgency, createTable, createUser, signIn } from '../../helpers/fixtures';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';

describe('confidentiality agreements', () => {
  let t: TestApp;
  let agencyId: string;
  let tableId: string;
  let otherTableId: string;
  beforeAll(async () => {
    t = await createTestApp();
    agencyId = (await createAgency(t.database.db)).id;
    tableId = (await createTable(t.database.db, { agencyIds: [agencyId] })).id;
    otherTableId = (await createTable(t.database.db, { agencyIds: [agencyId] })).id;
  });
  afterAll(async () => closeTestApp(t));

  const read = (table: string, headers?: Record<string, string>) =>
    t.app.inject({
      method: 'GET',
      url: `/api/tables/${table}/agreement`,
      ...(headers ? { headers } : {}),
    });
  const accept = (table: string, version: number, headers?: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: `/api/tables/${table}/agreement/acceptance`,
      payload: { version },
      ...(headers ? { headers } : {}),
    });
  const me = async (headers: Record<string, string>) =>
    meSchema.parse((await t.app.inject({ method: 'GET', url: '/api/me', headers })).json());

  async function member(
    table: string,
    options: { acceptAgreement?: boolean; role?: 'agency_rep' | 'analyst' } = {},
  ) {
    const user = await createUser(t.database.db, {
      agencyId,
      memberships: [
        {
          tableId: table,
          role: options.role ?? 'agency_rep',
          acceptAgreement: options.acceptAgreement ?? false,
        },
      ],
    });
    return { user, session: await signIn(t.app, user.email) };
  }

  async function publish(table: string, version: number) {
    await t.database.db
      .insertInto('confidentiality_agreement')
      .values({
        table_id: table,
        version,
        body_en: `Version ${version}: keep it confidential.`,
        body_fr: `Version ${version} : gardez-le confidentiel.`,
      })
      .execute();
  }

  describe('reading the agreement', () => {
    it('shows a member the current text in both languages and that they have not accepted it', async () => {
      const { session } = await member(tableId);
      const res = await read(tableId, session.headers);
      expect(res.statusCode).toBe(200);
      const body = tableAgreementSchema.parse(res.json());
      expect(body.table.id).toBe(tableId);
      expect(body.agreement).toMatchObject({
        version: 1,
        bodyEn: 'Keep it confidential.',
        bodyFr: 'Gardez-le confidentiel.',
      });
      expect(body.accepted).toBe(false);
      expect(body.acceptedAt).toBeNull();
    });

    it('refuses an anonymous caller', async () => {
      expect((await read(tableId)).statusCode).toBe(401);
    });

    it('answers 404 for another table’s agreement, and records the denial', async () => {
      const { user, session } = await member(otherTableId);
      const res = await read(tableId, session.headers);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
      const denied = await t.database.db
        .selectFrom('audit_event')
        .select(['action', 'outcome', 'table_id'])
        .where('user_id', '=', user.id)
        .execute();
      expect(denied).toContainEqual({ action: 'table.view', outcome: 'denied', table_id: tableId });
    });

    it('answers 404 to a person on no table and to an administrator', async () => {
      const loner = await createUser(t.database.db, { agencyId });
      const admin = await createUser(t.database.db, { isAdministrator: true });
      for (const user of [loner, admin]) {
        const session = await signIn(t.app, user.email);
        expect((await read(tableId, session.headers)).statusCode).toBe(404);
        expect((await accept(tableId, 1, session.headers)).statusCode).toBe(404);
      }
    });

    it('answers 404 for a table without a published agreement, and for an unknown table', async () => {
      const bare = (await createTable(t.database.db, { agencyIds: [agencyId], agreement: false }))
        .id;
      const { session } = await member(bare);
      expect((await read(bare, session.headers)).statusCode).toBe(404);
      const { session: other } = await member(tableId);
      expect((await read('00000000-0000-4000-8000-000000000000', other.headers)).statusCode).toBe(
        404,
      );
    });
  });

  describe('accepting it', () => {
    it('records the acceptance of the current version, audited once; /api/me then says accepted', async () => {
      const { user, session } = await member(tableId);
      expect((await me(session.headers)).memberships[0]!.agreement.accepted).toBe(false);

      const res = await accept(tableId, 1, session.headers);
      expect(res.statusCode).toBe(200);
      const body = tableAgreementSchema.parse(res.json());
      expect(body.accepted).toBe(true);
      expect(body.acceptedAt).not.toBeNull();
      expect((await me(session.headers)).memberships[0]!.agreement).toEqual({
        currentVersion: 1,
        acceptedVersion: 1,
        accepted: true,
      });
      expect(
        tableAgreementSchema.parse((await read(tableId, session.headers)).json()).accepted,
      ).toBe(true);

      // Accepting again changes nothing and records nothing more.
      expect((await accept(tableId, 1, session.headers)).statusCode).toBe(200);
      const events = await t.database.db
        .selectFrom('audit_event')
        .select(['action', 'outcome', 'data_category', 'table_id', 'role'])
        .where('user_id', '=', user.id)
        .where('action', '=', 'agreement.accept')
        .execute();
      expect(events).toEqual([
        {
          action: 'agreement.accept',
          outcome: 'allowed',
          data_category: 'administration',
          table_id: tableId,
          role: 'agency_rep',
        },
      ]);
    });

    it('any role of the table may accept (an analyst)', async () => {
      const { session } = await member(tableId, { role: 'analyst' });
      expect((await accept(tableId, 1, session.headers)).statusCode).toBe(200);
    });

    it('refuses another table’s agreement (404) and an anonymous caller (401)', async () => {
      const { session } = await member(otherTableId);
      expect((await accept(tableId, 1, session.headers)).statusCode).toBe(404);
      expect((await accept(tableId, 1)).statusCode).toBe(401);
    });

    it('refuses a stale version once a newer one is published: it must be read first', async () => {
      const table = (await createTable(t.database.db, { agencyIds: [agencyId] })).id;
      const { session } = await member(table, { acceptAgreement: true });
      expect((await me(session.headers)).memberships[0]!.agreement.accepted).toBe(true);

      await publish(table, 2);
      // The earlier acceptance no longer covers the current text.
      expect((await me(session.headers)).memberships[0]!.agreement).toEqual({
        currentVersion: 2,
        acceptedVersion: 1,
        accepted: false,
      });
      const stale = await accept(table, 1, session.headers);
      expect(stale.statusCode).toBe(409);
      expect(stale.json().code).toBe('CONFLICT');
      const current = tableAgreementSchema.parse((await read(table, session.headers)).json());
      expect(current.agreement.version).toBe(2);
      expect(current.agreement.bodyEn).toBe('Version 2: keep it confidential.');
      expect(current.accepted).toBe(false);

      expect((await accept(table, 2, session.headers)).statusCode).toBe(200);
      expect((await me(session.headers)).memberships[0]!.agreement.accepted).toBe(true);
      const acceptances = await t.database.db
        .selectFrom('agreement_acceptance as a')
        .innerJoin('confidentiality_agreement as c', 'c.id', 'a.agreement_id')
        .select(['c.version', 'a.accepted_at'])
        .where('c.table_id', '=', table)
        .orderBy('c.version')
        .execute();
      expect(acceptances.map((a) => a.version)).toEqual([1, 2]);
      expect(acceptances.every((a) => a.accepted_at instanceof Date)).toBe(true);
    });

    it('refuses a version that does not exist yet', async () => {
      const { session } = await member(tableId);
      expect((await accept(tableId, 9, session.headers)).statusCode).toBe(409);
    });
  });

  describe('a table that requires two-step verification', () => {
    let guarded: string;
    beforeAll(async () => {
      guarded = (
        await createTable(t.database.db, { agencyIds: [agencyId], requiresSecondFactor: true })
      ).id;
    });

    it('refuses its agreement to a session without the second factor', async () => {
      const { session } = await member(guarded);
      const res = await read(guarded, session.headers);
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('SECOND_FACTOR_REQUIRED');
      const post = await accept(guarded, 1, session.headers);
      expect(post.statusCode).toBe(403);
      expect(post.json().code).toBe('SECOND_FACTOR_REQUIRED');
    });

    it('serves it, and takes the acceptance, once the session has passed the second factor', async () => {
      const { session } = await member(guarded);
      const enrolled = await enrolSecondFactor(t.app, session);
      expect((await read(guarded, enrolled.headers)).statusCode).toBe(200);
      expect((await accept(guarded, 1, enrolled.headers)).statusCode).toBe(200);
      expect((await me(enrolled.headers)).memberships[0]!.agreement.accepted).toBe(true);
    });
  });
});
