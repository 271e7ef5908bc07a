/**
 * The overdue sweep marks each open item past due once (two sweeps at once included), tells the
 * open meetings with the situation on their agenda, and leaves done and future items alone.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepOverdueActionItems } from '../../../src/modules/action-items/action-items.sweep';
import { SituationClient, createCast, situationAt, type Cast } from '../../helpers/situations';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';
import { openMeetingWith } from './meeting-fixtures';

describe('the overdue sweep', () => {
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
  const firstContactOf = (id: string) =>
    db()
      .selectFrom('action_item')
      .selectAll()
      .where('situation_id', '=', id)
      .where('kind', '=', 'first_contact')
      .executeTakeFirstOrThrow();
  /** As if assigned more than the table's 48 hours ago. */
  const assignedLongAgo = async (id: string) =>
    db()
      .updateTable('action_item')
      .set({ due_at: sql<Date>`now() - interval '3 hours'` })
      .where('situation_id', '=', id)
      .execute();

  it('marks an overdue first contact once and tells the open meeting', async () => {
    const id = await situationAt(client, cast, 'filter4');
    const meeting = await openMeetingWith(db(), cast, id);
    await assignedLongAgo(id);
    const now = new Date();
    expect(await sweepOverdueActionItems(db(), now)).toBeGreaterThanOrEqual(1);
    expect((await firstContactOf(id)).overdue_notified_at).not.toBeNull();
    expect(await sweepOverdueActionItems(db(), now)).toBe(0);
    const events = await db()
      .selectFrom('meeting_event')
      .select('kind')
      .where('meeting_id', '=', meeting.meetingId)
      .execute();
    expect(events).toEqual([{ kind: 'action_item.changed' }]);
    const list = await client.get('lead', `/api/situations/${id}/action-items`);
    expect(list.json().items[0]).toMatchObject({ kind: 'first_contact', overdue: true });
  });

  it('marks an item once when two sweeps run at once', async () => {
    const ids = [
      await situationAt(client, cast, 'filter4'),
      await situationAt(client, cast, 'filter4'),
    ];
    for (const id of ids) await assignedLongAgo(id);
    const now = new Date();
    const [a, b] = await Promise.all([
      sweepOverdueActionItems(db(), now, { batchSize: 1 }),
      sweepOverdueActionItems(db(), now, { batchSize: 1 }),
    ]);
    expect(a + b).toBe(2);
    for (const id of ids) expect((await firstContactOf(id)).overdue_notified_at).not.toBeNull();
  });

  it('leaves items that are done or not yet due', async () => {
    const future = await situationAt(client, cast, 'filter4');
    const contacted = await situationAt(client, cast, 'filter4');
    await client.write('lead', 'POST', contacted, '/contact', {
      at: new Date().toISOString(),
      outcome: 'engaged',
    });
    await assignedLongAgo(contacted);
    expect(await sweepOverdueActionItems(db())).toBe(0);
    expect((await firstContactOf(future)).overdue_notified_at).toBeNull();
    expect((await firstContactOf(contacted)).overdue_notified_at).toBeNull();
  });
});
