/**
 * The first-contact clock on the situation (the due time of its first-contact action item, moved
 * by rescheduling that item) and concluding a situation with no first contact recorded, which
 * needs a reason from the code list `no_contact_reason` (and refuses one after a first contact).
 */
import { situationListSchema, situationSchema } from '@fourfold/shared/situations';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';
import { auditActions } from '../../helpers/meetings';
import { SituationClient, createCast, situationAt, type Cast } from '../../helpers/situations';

describe('the first-contact clock and concluding without first contact', () => {
  let t: TestApp;
  let cast: Cast;
  let client: SituationClient;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.app, t.database.db);
    client = new SituationClient(t.app, t.database.db, cast);
  });
  afterAll(async () => closeTestApp(t));

  const db = () => t.database.db;
  const view = async (id: string) =>
    situationSchema.parse((await client.get('coordinator', `/api/situations/${id}`)).json());
  const firstContactItem = (id: string) =>
    db()
      .selectFrom('action_item')
      .select(['id', 'due_at', 'version'])
      .where('situation_id', '=', id)
      .where('kind', '=', 'first_contact')
      .executeTakeFirstOrThrow();
  const row = (id: string) =>
    db()
      .selectFrom('situation')
      .select(['stage', 'version', 'closed_at', 'conclusion_reason', 'no_contact_reason'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const close = (id: string, body: Record<string, unknown>) =>
    client.write('coordinator', 'POST', id, '/close', body);
  const recordContact = async (id: string) =>
    expect(
      (
        await client.write('lead', 'POST', id, '/contact', {
          at: new Date().toISOString(),
          outcome: 'engaged',
        })
      ).statusCode,
    ).toBe(200);
  const invalidPaths = (body: string) =>
    (JSON.parse(body) as { invalidParams?: Array<{ path: string }> }).invalidParams?.map(
      (p) => p.path,
    );

  describe('firstContactDueAt', () => {
    it('is null before assignment', async () => {
      const id = await situationAt(client, cast, 'filter3');
      expect((await view(id)).firstContactDueAt).toBeNull();
    });

    it('is the due time of the first-contact action item, in the assignment’s answer, the view and the list, and moves when it is rescheduled', async () => {
      const id = await situationAt(client, cast, 'filter3');
      const assigned = await client.write('coordinator', 'POST', id, '/assignment', {
        leadAgencyId: cast.agencies.lead,
        assistingAgencyIds: [],
      });
      expect(assigned.statusCode).toBe(200);
      const item = await firstContactItem(id);
      const dueAt = new Date(item.due_at).toISOString();
      expect(situationSchema.parse(assigned.json()).firstContactDueAt).toBe(dueAt);
      expect((await view(id)).firstContactDueAt).toBe(dueAt);

      const later = new Date(new Date(item.due_at).getTime() + 24 * 3_600_000).toISOString();
      const moved = await client.call('lead', 'PATCH', `/api/action-items/${item.id}`, {
        payload: { dueAt: later },
        ifMatch: `"${item.version}"`,
      });
      expect(moved.statusCode).toBe(200);
      expect((await view(id)).firstContactDueAt).toBe(later);
      const list = situationListSchema.parse(
        (
          await client.get('coordinator', `/api/tables/${cast.tableId}/situations?stage=filter4`)
        ).json(),
      );
      expect(list.items.find((i) => i.id === id)).toMatchObject({
        firstContactDueAt: later,
        firstContactAt: null,
      });
    });
  });

  describe('closing with no first contact recorded', () => {
    it('refuses without a reason (422 naming the field) and changes nothing', async () => {
      const id = await situationAt(client, cast, 'filter4');
      const before = await row(id);
      const res = await close(id, { conclusion: 'still_unable_to_locate' });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(invalidPaths(res.body)).toEqual(['noContactReason']);
      expect(await row(id)).toEqual(before);
      expect(await auditActions(db(), res.headers['x-request-id'] as string)).toEqual([]);
    });

    it.each([
      ['an unknown code', 'forgot_to_go'],
      ['a code of another list', 'lowered_connected'],
      ['a retired code', 'deceased'],
    ])('refuses %s (422) and changes nothing', async (_, code) => {
      await sql`update code set retired_at = now() where list = 'no_contact_reason' and code = 'deceased'`.execute(
        db(),
      );
      try {
        const id = await situationAt(client, cast, 'filter4');
        const before = await row(id);
        const res = await close(id, {
          conclusion: 'still_unable_to_locate',
          noContactReason: code,
        });
        expect(res.statusCode).toBe(422);
        expect(invalidPaths(res.body)).toEqual(['noContactReason']);
        expect(res.body).not.toContain(code);
        expect(await row(id)).toEqual(before);
      } finally {
        await sql`update code set retired_at = null where list = 'no_contact_reason' and code = 'deceased'`.execute(
          db(),
        );
      }
    });

    it('closes with a reason: stored, shown, audited in the same write, the clock stopped', async () => {
      const id = await situationAt(client, cast, 'filter4');
      const res = await close(id, {
        conclusion: 'still_unable_to_locate',
        noContactReason: 'unable_to_locate',
      });
      expect(res.statusCode).toBe(200);
      const closed = situationSchema.parse(res.json());
      expect(closed).toMatchObject({
        stage: 'closed',
        conclusion: 'still_unable_to_locate',
        noContactReason: 'unable_to_locate',
        firstContact: null,
      });
      expect(closed.firstContactDueAt).not.toBeNull();
      expect(await row(id)).toMatchObject({
        stage: 'closed',
        no_contact_reason: 'unable_to_locate',
      });
      expect(await auditActions(db(), res.headers['x-request-id'] as string)).toEqual([
        expect.objectContaining({
          action: 'situation.close',
          situation_id: id,
          outcome: 'allowed',
          data_category: 'de_identified',
        }),
      ]);
      expect((await view(id)).noContactReason).toBe('unable_to_locate');
    });
  });

  describe('closing after a first contact', () => {
    it('refuses a no-contact reason (422) and changes nothing', async () => {
      const id = await situationAt(client, cast, 'filter4');
      await recordContact(id);
      const before = await row(id);
      const res = await close(id, {
        conclusion: 'lowered_connected',
        noContactReason: 'unable_to_locate',
      });
      expect(res.statusCode).toBe(422);
      expect(invalidPaths(res.body)).toEqual(['noContactReason']);
      expect(await row(id)).toEqual(before);
    });

    it('closes without one, storing none', async () => {
      const id = await situationAt(client, cast, 'filter4');
      await recordContact(id);
      const res = await close(id, { conclusion: 'lowered_connected' });
      expect(res.statusCode).toBe(200);
      expect(situationSchema.parse(res.json()).noContactReason).toBeNull();
      expect((await row(id)).no_contact_reason).toBeNull();
    });
  });
});
