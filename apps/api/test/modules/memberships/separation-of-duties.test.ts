/**
 * Separation of duties (issue 8): an administrator never holds an agency or a table membership
 * (service and database), a member is never made an administrator, and a membership that can
 * reach identity (or confirm others) is pending — granting nothing — until a second person
 * confirms it: the table's coordinator, or for a table without one its privacy officer; never
 * the person who asked, never the member. A table's very first coordinator is the one exception.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../src/db/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminMemberSchema } from '@fourfold/shared/admin';
import { membershipGrantSchema, membershipReviewSchema } from '@fourfold/shared/memberships';
import {
  auditRowsOf,
  callAs,
  countAudit,
  countRows,
  createAdminWorld,
  type AdminWorld,
} from '../../helpers/admin-fixtures';
import {
  createAgency,
  createTable,
  createUser,
  signIn,
  type SignedIn,
} from '../../helpers/fixtures';
import { draftBody } from '../../helpers/situations';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';

describe('separation of duties: memberships', () => {
  let t: TestApp;
  let w: AdminWorld;
  const db = () => t.database.db;
  type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
  const as = (session: SignedIn, method: Method, url: string, payload?: object) =>
    callAs(t.app, session, method, url, payload);
  const asAdmin = (method: Method, url: string, payload?: object) =>
    as(w.admin.session, method, url, payload);
  const membersUrl = (tableId: string) => `/api/admin/tables/${tableId}/members`;
  const confirmUrl = (id: string) => `/api/membership-reviews/${id}/confirm`;
  const declineUrl = (id: string) => `/api/membership-reviews/${id}/decline`;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createAdminWorld(t.app, db());
  });
  afterAll(async () => closeTestApp(t));

  /** The SQLSTATE of a statement the database refused, or null when it ran. */
  async function refusedWith(statement: Promise<unknown>): Promise<string | null> {
    try {
      await statement;
      return null;
    } catch (error) {
      return (error as { code?: string }).code ?? 'unknown';
    }
  }

  /** The admin asks for a membership of a new person of the world's agency. */
  async function requestMember(
    role: 'agency_rep' | 'coordinator' | 'privacy_officer',
    tableId = w.table.id,
  ) {
    const user = await createUser(db(), { agencyId: w.agency.id });
    const res = await asAdmin('POST', membersUrl(tableId), { userId: user.id, role });
    expect(res.statusCode, res.body).toBe(201);
    const member = adminMemberSchema.parse(res.json());
    const { id } = await db()
      .selectFrom('table_membership')
      .select('id')
      .where('table_id', '=', tableId)
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    return { user, member, membershipId: id };
  }

  describe('an administrator holds no agency and no membership', () => {
    it('refuses to create an administrator with an agency (422 naming agencyId)', async () => {
      const before = await countRows(db(), 'app_user');
      const res = await asAdmin('POST', '/api/admin/users', {
        email: `admin-agency-${Date.now()}@test.example`,
        displayName: 'Would-be administrator',
        agencyId: w.agency.id,
        isAdministrator: true,
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().invalidParams[0].path).toBe('agencyId');
      expect(await countRows(db(), 'app_user')).toBe(before);
    });

    it('refuses to give an administrator an agency, even their own account', async () => {
      const res = await asAdmin('PATCH', `/api/admin/users/${w.admin.id}`, {
        agencyId: w.agency.id,
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().invalidParams[0].path).toBe('agencyId');
      expect(await auditRowsOf(db(), res)).toEqual([]);
    });

    it('refuses to add an administrator to a table, in any role (422 naming userId)', async () => {
      const other = await createUser(db(), { isAdministrator: true });
      for (const userId of [w.admin.id, other.id]) {
        for (const role of ['coordinator', 'agency_rep', 'analyst', 'privacy_officer']) {
          const [rows, audit] = [await countRows(db(), 'table_membership'), await countAudit(db())];
          const res = await asAdmin('POST', membersUrl(w.table.id), { userId, role });
          expect(res.statusCode, `${role} ${res.body}`).toBe(422);
          expect(res.json().invalidParams[0].path).toBe('userId');
          expect(await countRows(db(), 'table_membership')).toBe(rows);
          expect(await countAudit(db())).toBe(audit);
        }
      }
    });

    it('refuses to make a table member an administrator, with or without their agency', async () => {
      for (const body of [{ isAdministrator: true }, { isAdministrator: true, agencyId: null }]) {
        const res = await asAdmin('PATCH', `/api/admin/users/${w.rep.id}`, body);
        expect(res.statusCode, res.body).toBe(422);
        expect(res.json().invalidParams[0].path).toBe('isAdministrator');
      }
      const row = await db()
        .selectFrom('app_user')
        .select(['is_administrator', 'agency_id'])
        .where('id', '=', w.rep.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ is_administrator: false, agency_id: w.agency.id });
    });

    it('the database refuses an administrator with an agency or a membership, whatever writes it', async () => {
      const admin = await createUser(db(), { isAdministrator: true });
      expect(
        await refusedWith(
          db()
            .updateTable('app_user')
            .set({ agency_id: w.agency.id })
            .where('id', '=', admin.id)
            .execute(),
        ),
      ).toBe('23514');
      expect(
        await refusedWith(
          db()
            .insertInto('table_membership')
            .values({
              table_id: w.table.id,
              user_id: admin.id,
              role: 'analyst',
              status: 'not_required',
              confirmed_at: new Date(),
            })
            .execute(),
        ),
      ).toBe('23514');
      // And the other way round: a member made administrator, agency cleared in the same write.
      expect(
        await refusedWith(
          db()
            .updateTable('app_user')
            .set({ is_administrator: true, agency_id: null })
            .where('id', '=', w.rep.id)
            .execute(),
        ),
      ).toBe('23514');
      expect(
        await refusedWith(
          db()
            .insertInto('app_user')
            .values({
              email: `sql-admin-${Date.now()}@test.example`,
              display_name: 'SQL administrator',
              agency_id: w.agency.id,
              is_administrator: true,
            })
            .execute(),
        ),
      ).toBe('23514');
    });
  });

  describe('the database holds when two writes race', () => {
    /**
     * Runs `first` in a transaction held open until `second` has been sent, so that on PostgreSQL
     * the second waits on the first's row lock (on PGlite, with one connection, it queues). Returns
     * the SQLSTATE each ended with (null when it committed).
     */
    async function race(
      first: (trx: Transaction<DB>) => Promise<unknown>,
      second: (trx: Transaction<DB>) => Promise<unknown>,
    ) {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let firstDone!: () => void;
      const firstWritten = new Promise<void>((resolve) => (firstDone = resolve));
      const one = refusedWith(
        db()
          .transaction()
          .execute(async (trx) => {
            await first(trx);
            firstDone();
            await gate;
          }),
      );
      await firstWritten;
      const two = refusedWith(db().transaction().execute(second));
      await new Promise((resolve) => setTimeout(resolve, 200));
      release();
      return [await one, await two];
    }

    const membershipOf = (userId: string) => ({
      table_id: w.table.id,
      user_id: userId,
      role: 'analyst' as const,
      status: 'not_required' as const,
      confirmed_at: new Date(),
    });

    it('making someone an administrator while a membership is added: one of the two is refused', async () => {
      const user = await createUser(db(), { agencyId: w.agency.id });
      const outcome = await race(
        (trx) =>
          trx
            .updateTable('app_user')
            .set({ is_administrator: true, agency_id: null })
            .where('id', '=', user.id)
            .execute(),
        (trx) => trx.insertInto('table_membership').values(membershipOf(user.id)).execute(),
      );
      expect(outcome).toEqual([null, '23514']);
    });

    it('adding a membership while the person is made an administrator: one of the two is refused', async () => {
      const user = await createUser(db(), { agencyId: w.agency.id });
      const outcome = await race(
        (trx) => trx.insertInto('table_membership').values(membershipOf(user.id)).execute(),
        (trx) =>
          trx
            .updateTable('app_user')
            .set({ is_administrator: true, agency_id: null })
            .where('id', '=', user.id)
            .execute(),
      );
      expect(outcome).toEqual([null, '23514']);
    });
  });

  describe('a membership that can reach identity is pending until a second person confirms it', () => {
    it('a representative is pending, grants nothing (404 on the table and its situations), then is confirmed by the coordinator', async () => {
      // A draft of the world's agency: a confirmed representative of that agency may see it.
      const draft = await as(
        w.coordinator.session,
        'POST',
        `/api/tables/${w.table.id}/situations`,
        draftBody(),
      );
      expect(draft.statusCode, draft.body).toBe(201);
      const situationId: string = draft.json().id;

      const { user, member, membershipId } = await requestMember('agency_rep');
      expect(member).toMatchObject({
        role: 'agency_rep',
        status: 'pending',
        requestedBy: { id: w.admin.id },
        confirmedBy: null,
        confirmedAt: null,
      });
      const session = await signIn(t.app, user.email);
      expect((await as(session, 'GET', '/api/me')).json().memberships).toEqual([]);
      for (const url of [
        `/api/tables/${w.table.id}/situations`,
        `/api/tables/${w.table.id}/agreement`,
        `/api/situations/${situationId}`,
      ]) {
        expect((await as(session, 'GET', url)).statusCode, url).toBe(404);
      }
      const accept = await as(session, 'POST', `/api/tables/${w.table.id}/agreement/acceptance`, {
        version: 1,
      });
      expect(accept.statusCode).toBe(404);

      // The coordinator sees it waiting, and may confirm it.
      const review = membershipReviewSchema.parse(
        (
          await as(w.coordinator.session, 'GET', `/api/membership-reviews?tableId=${w.table.id}`)
        ).json(),
      );
      expect(review.pending.find((p) => p.id === membershipId)).toMatchObject({
        member: { id: user.id },
        role: 'agency_rep',
        status: 'pending',
        requestedBy: { id: w.admin.id },
        canConfirm: true,
      });

      const confirmed = await as(w.coordinator.session, 'POST', confirmUrl(membershipId));
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      expect(membershipGrantSchema.parse(confirmed.json())).toMatchObject({
        status: 'confirmed',
        confirmedBy: { id: w.coordinator.id },
      });
      const audit = await auditRowsOf(db(), confirmed);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        action: 'membership.confirm',
        outcome: 'allowed',
        user_id: w.coordinator.id,
        role: 'coordinator',
        table_id: w.table.id,
        target: `user:${user.id}`,
      });

      // In effect: the member's session moved on; a fresh one reaches the table.
      expect((await as(session, 'GET', '/api/me')).statusCode).toBe(401);
      const fresh = await signIn(t.app, user.email);
      expect(
        (await as(fresh, 'POST', `/api/tables/${w.table.id}/agreement/acceptance`, { version: 1 }))
          .statusCode,
      ).toBe(200);
      expect((await as(fresh, 'GET', `/api/situations/${situationId}`)).statusCode).toBe(200);

      // And it is listed among the recent grants.
      const after = membershipReviewSchema.parse(
        (await as(w.coordinator.session, 'GET', '/api/membership-reviews')).json(),
      );
      expect(after.pending.some((p) => p.id === membershipId)).toBe(false);
      expect(after.recent.find((g) => g.id === membershipId)).toMatchObject({
        status: 'confirmed',
        confirmedBy: { id: w.coordinator.id },
      });
    });

    it('neither the administrator who asked nor the member can confirm; a representative cannot either', async () => {
      const { user, membershipId } = await requestMember('coordinator');
      const memberSession = await signIn(t.app, user.email);
      for (const [session, status] of [
        [w.admin.session, 404],
        [memberSession, 404],
        [w.rep.session, 404],
      ] as const) {
        const res = await as(session, 'POST', confirmUrl(membershipId));
        expect(res.statusCode, res.body).toBe(status);
        const row = await db()
          .selectFrom('table_membership')
          .select('status')
          .where('id', '=', membershipId)
          .executeTakeFirstOrThrow();
        expect(row.status).toBe('pending');
      }
      // The database holds the same rule, whatever writes it.
      for (const confirmedBy of [user.id, w.admin.id]) {
        expect(
          await refusedWith(
            db()
              .updateTable('table_membership')
              .set({ status: 'confirmed', confirmed_by: confirmedBy, confirmed_at: new Date() })
              .where('id', '=', membershipId)
              .execute(),
          ),
          confirmedBy,
        ).toBe('23514');
      }
      // A confirmer who is not a coordinator or privacy officer of the table.
      expect(
        await refusedWith(
          db()
            .updateTable('table_membership')
            .set({ status: 'confirmed', confirmed_by: w.rep.id, confirmed_at: new Date() })
            .where('id', '=', membershipId)
            .execute(),
        ),
      ).toBe('23514');
      // Pending yet "in effect" is refused too.
      expect(
        await refusedWith(
          db()
            .updateTable('table_membership')
            .set({ confirmed_at: new Date() })
            .where('id', '=', membershipId)
            .execute(),
        ),
      ).toBe('23514');
    });

    it('a coordinator declines: the membership is gone, never took effect, and the decision is audited', async () => {
      const { membershipId, user } = await requestMember('agency_rep');
      const res = await as(w.coordinator.session, 'POST', declineUrl(membershipId));
      expect(res.statusCode, res.body).toBe(204);
      expect(
        await db()
          .selectFrom('table_membership')
          .select('id')
          .where('id', '=', membershipId)
          .execute(),
      ).toEqual([]);
      expect(await auditRowsOf(db(), res)).toMatchObject([
        { action: 'membership.decline', user_id: w.coordinator.id, target: `user:${user.id}` },
      ]);
      const again = await as(w.coordinator.session, 'POST', confirmUrl(membershipId));
      expect(again.statusCode).toBe(404);
    });

    it('refuses to confirm twice (409) and records nothing the second time', async () => {
      const { membershipId } = await requestMember('agency_rep');
      expect((await as(w.coordinator.session, 'POST', confirmUrl(membershipId))).statusCode).toBe(
        200,
      );
      const audit = await countAudit(db());
      const again = await as(w.coordinator.session, 'POST', confirmUrl(membershipId));
      expect(again.statusCode).toBe(409);
      expect(await countAudit(db())).toBe(audit);
    });

    it('a confirmation whose audit event cannot be written does not take effect (one transaction)', async () => {
      const { membershipId } = await requestMember('agency_rep');
      // This file's private database: make the audit log refuse exactly this event.
      await sql`
        create function refuse_confirm_event() returns trigger language plpgsql as $$
        begin
          if new.action = 'membership.confirm' then raise exception 'audit refused'; end if;
          return new;
        end $$`.execute(db());
      await sql`create trigger refuse_confirm_event before insert on audit_event
        for each row execute function refuse_confirm_event()`.execute(db());
      try {
        const res = await as(w.coordinator.session, 'POST', confirmUrl(membershipId));
        expect(res.statusCode).toBe(500);
      } finally {
        await sql`drop trigger refuse_confirm_event on audit_event`.execute(db());
        await sql`drop function refuse_confirm_event()`.execute(db());
      }
      const row = await db()
        .selectFrom('table_membership')
        .select(['status', 'confirmed_by'])
        .where('id', '=', membershipId)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'pending', confirmed_by: null });
    });

    it('moving a representative to another agency asks for the membership again', async () => {
      const otherAgency = await createAgency(db());
      await db()
        .insertInto('table_agency')
        .values({ table_id: w.table.id, agency_id: otherAgency.id })
        .execute();
      const user = await createUser(db(), {
        agencyId: w.agency.id,
        memberships: [{ tableId: w.table.id, role: 'agency_rep' }],
      });
      const res = await asAdmin('PATCH', `/api/admin/users/${user.id}`, {
        agencyId: otherAgency.id,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().memberships).toMatchObject([{ role: 'agency_rep', status: 'pending' }]);
      const session = await signIn(t.app, user.email);
      expect((await as(session, 'GET', `/api/tables/${w.table.id}/situations`)).statusCode).toBe(
        404,
      );
    });

    it('a privacy officer is pending too; an analyst takes effect at once', async () => {
      const { member } = await requestMember('privacy_officer');
      expect(member.status).toBe('pending');
      const analyst = await createUser(db(), { agencyId: w.agency.id });
      const res = await asAdmin('POST', membersUrl(w.table.id), {
        userId: analyst.id,
        role: 'analyst',
      });
      expect(res.json()).toMatchObject({ status: 'not_required', confirmedAt: expect.any(String) });
    });

    it('a role change to an identity-reaching role goes pending again; back to analyst takes effect at once', async () => {
      const user = await createUser(db(), {
        agencyId: w.agency.id,
        memberships: [{ tableId: w.table.id, role: 'analyst' }],
      });
      const toRep = await asAdmin('PATCH', `${membersUrl(w.table.id)}/${user.id}`, {
        role: 'agency_rep',
      });
      expect(toRep.json()).toMatchObject({ role: 'agency_rep', status: 'pending' });
      const session = await signIn(t.app, user.email);
      expect((await as(session, 'GET', `/api/tables/${w.table.id}/situations`)).statusCode).toBe(
        404,
      );
      const back = await asAdmin('PATCH', `${membersUrl(w.table.id)}/${user.id}`, {
        role: 'analyst',
      });
      expect(back.json()).toMatchObject({ role: 'analyst', status: 'not_required' });
    });
  });

  describe('who confirms, and the first coordinator', () => {
    it('on a table without a coordinator its privacy officer confirms; with one, the privacy officer cannot', async () => {
      const table = await createTable(db(), { agencyIds: [w.agency.id] });
      const officer = await createUser(db(), {
        agencyId: w.agency.id,
        memberships: [{ tableId: table.id, role: 'privacy_officer' }],
      });
      const officerSession = await signIn(t.app, officer.email);
      const { membershipId } = await requestMember('agency_rep', table.id);
      const review = membershipReviewSchema.parse(
        (await as(officerSession, 'GET', '/api/membership-reviews')).json(),
      );
      expect(review.pending.find((p) => p.id === membershipId)?.canConfirm).toBe(true);
      const res = await as(officerSession, 'POST', confirmUrl(membershipId));
      expect(res.statusCode, res.body).toBe(200);
      expect(await auditRowsOf(db(), res)).toMatchObject([
        { action: 'membership.confirm', role: 'privacy_officer', table_id: table.id },
      ]);

      // The world's table has a coordinator: its privacy officer may look, not confirm.
      const worldOfficer = await createUser(db(), {
        agencyId: w.agency.id,
        memberships: [{ tableId: w.table.id, role: 'privacy_officer' }],
      });
      const worldSession = await signIn(t.app, worldOfficer.email);
      const pending = await requestMember('agency_rep');
      const listed = membershipReviewSchema.parse(
        (await as(worldSession, 'GET', `/api/membership-reviews?tableId=${w.table.id}`)).json(),
      );
      expect(listed.pending.find((p) => p.id === pending.membershipId)?.canConfirm).toBe(false);
      const refused = await as(worldSession, 'POST', confirmUrl(pending.membershipId));
      expect(refused.statusCode).toBe(403);
      expect(await auditRowsOf(db(), refused)).toMatchObject([
        {
          action: 'membership.confirm',
          outcome: 'denied',
          user_id: worldOfficer.id,
          data_category: 'administration',
        },
      ]);
    });

    it('a table’s very first coordinator takes effect at once; the next one is pending', async () => {
      const table = await createTable(db(), { agencyIds: [w.agency.id] });
      const first = await requestMember('coordinator', table.id);
      expect(first.member.status).toBe('first_coordinator');
      const second = await requestMember('coordinator', table.id);
      expect(second.member.status).toBe('pending');
    });

    it('the exception does not reopen on a table that has situations, even with no confirmer left', async () => {
      const table = await createTable(db(), { agencyIds: [w.agency.id] });
      const chair = await createUser(db(), {
        agencyId: w.agency.id,
        memberships: [{ tableId: table.id, role: 'coordinator' }],
      });
      const chairSession = await signIn(t.app, chair.email);
      const draft = await as(
        chairSession,
        'POST',
        `/api/tables/${table.id}/situations`,
        draftBody(),
      );
      expect(draft.statusCode, draft.body).toBe(201);
      expect((await asAdmin('DELETE', `${membersUrl(table.id)}/${chair.id}`)).statusCode).toBe(204);
      const next = await requestMember('coordinator', table.id);
      expect(next.member.status).toBe('pending');
    });

    it('the review lists nothing of a table that is not the caller’s (404 when asked for)', async () => {
      const table = await createTable(db(), { agencyIds: [w.agency.id] });
      const res = await as(
        w.coordinator.session,
        'GET',
        `/api/membership-reviews?tableId=${table.id}`,
      );
      expect(res.statusCode).toBe(404);
      // A representative reviews no table's memberships at all.
      const rep = await as(w.rep.session, 'GET', '/api/membership-reviews');
      expect(rep.statusCode).toBe(403);
    });
  });
});
