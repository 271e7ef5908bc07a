/**
 * Retention and key rotation: identity, intervention notes and the summary are destroyed the
 * configured number of days after closure (at once with 0), each destruction audited; `identity:rekey` re-seals
 * everything with the current key.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app';
import { keyRingFrom } from '../../../src/lib/identity-vault';
import { rekeyIdentityData } from '../../../src/modules/situations/rekey.service';
import {
  purgeExpiredIdentities,
  scheduleIdentityPurge,
} from '../../../src/modules/situations/retention.service';
import {
  TEST_IDENTITY_KEY,
  testSecrets,
  closeTestApp,
  createTestApp,
  testConfig,
  type TestApp,
} from '../../helpers/test-app';
import {
  IDENTITY,
  NOTE_TEXT,
  SituationClient,
  createCast,
  expectNoLeaksIn,
  situationAt,
  type Cast,
} from '../../helpers/situations';
import { signIn } from '../../helpers/fixtures';

const NEW_KEY = `test2:${Buffer.alloc(32, 9).toString('base64')}`;

describe('identity retention after closure (30 days)', () => {
  let t: TestApp;
  let cast: Cast;
  let client: SituationClient;
  beforeAll(async () => {
    t = await createTestApp({ environment: { IDENTITY_RETENTION_DAYS: '30' } });
    cast = await createCast(t.app, t.database.db);
    client = new SituationClient(t.app, t.database.db, cast);
  });
  afterAll(async () => closeTestApp(t));

  const closedDaysAgo = async (id: string, days: number) =>
    t.database.db
      .updateTable('situation')
      .set({ closed_at: sql<Date>`now() - make_interval(days => ${days})` })
      .where('id', '=', id)
      .execute();

  const heldRows = async (id: string) => ({
    identity: await t.database.db
      .selectFrom('situation_identity')
      .select('situation_id')
      .where('situation_id', '=', id)
      .execute(),
    notes: await t.database.db
      .selectFrom('intervention_note')
      .select('id')
      .where('situation_id', '=', id)
      .execute(),
  });

  it('keeps identity and notes while the retention runs, then destroys both, audited', async () => {
    const expired = await situationAt(client, cast, 'closed');
    const recent = await situationAt(client, cast, 'closed');
    await closedDaysAgo(expired, 31);
    await closedDaysAgo(recent, 29);

    const result = await purgeExpiredIdentities(t.database.db, 30);
    expect(result).toEqual({ situations: 1, identities: 1, notes: 1 });

    expect(await heldRows(expired)).toEqual({ identity: [], notes: [] });
    expect((await heldRows(recent)).identity).toHaveLength(1);
    expect((await heldRows(recent)).notes).toHaveLength(1);

    const situation = await client.get('originating', `/api/situations/${expired}`);
    expect(situation.json()).toMatchObject({
      identityStatus: 'destroyed',
      steps: { identityDestroyed: { at: expect.any(String), by: null } },
      // The summary went with the identity; the coded facts stay, for statistics.
      summary: null,
      freeTextDestroyedAt: situation.json().steps.identityDestroyed.at,
      situationType: 'individual',
      riskFactors: ['alcohol.abuse', 'antisocial.threats'],
      conclusion: expect.any(String),
    });
    const kept = await client.get('originating', `/api/situations/${recent}`);
    expect(kept.json()).toMatchObject({ summary: expect.any(String), freeTextDestroyedAt: null });
    const identity = await client.get('originating', `/api/situations/${expired}/identity`);
    expect(identity.statusCode).toBe(404);
    expect(identity.json().detail).toMatch(/destroyed/);
    const notes = await client.get('lead', `/api/situations/${expired}/notes`);
    expect(notes.statusCode).toBe(200);
    expect(notes.json().items).toEqual([]);

    const events = await t.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'situation.identity.purge')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      situation_id: expired,
      table_id: cast.tableId,
      user_id: null,
      data_category: 'identity',
      outcome: 'allowed',
    });

    // A second run finds nothing more to do.
    expect(await purgeExpiredIdentities(t.database.db, 30)).toEqual({
      situations: 0,
      identities: 0,
      notes: 0,
    });
  });

  it('purges in batches until nothing expired is left', async () => {
    const ids = [
      await situationAt(client, cast, 'closed'),
      await situationAt(client, cast, 'closed'),
      await situationAt(client, cast, 'closed'),
    ];
    for (const id of ids) await closedDaysAgo(id, 40);
    const result = await purgeExpiredIdentities(t.database.db, 30, { batchSize: 2 });
    expect(result.situations).toBe(3);
    for (const id of ids) expect((await heldRows(id)).identity).toEqual([]);
  });

  it('runs at start and on a timer that does not hold the process, and stops cleanly', async () => {
    const id = await situationAt(client, cast, 'closed');
    await closedDaysAgo(id, 45);
    const logged: string[] = [];
    const log = {
      info: (_: object, message: string) => logged.push(message),
      error: (_: object, message: string) => logged.push(message),
    };
    const schedule = scheduleIdentityPurge({ db: t.database.db, retentionDays: 30, log });
    await schedule.settled();
    await schedule.stop();
    expect((await heldRows(id)).identity).toEqual([]);
    expect(logged).toEqual(['identity retention purge']);
  });

  describe('rekey', () => {
    it('re-seals every identity and note with the current key, once audited', async () => {
      const open = await situationAt(client, cast, 'filter4');
      expect(
        (await client.write('lead', 'POST', open, '/notes', { body: NOTE_TEXT })).statusCode,
      ).toBe(201);
      const before = await t.database.db
        .selectFrom('situation_identity')
        .select(['situation_id', 'sealed'])
        .where('key_id', '=', 'test1')
        .execute();
      const notesBefore = await t.database.db
        .selectFrom('intervention_note')
        .select('id')
        .where('key_id', '=', 'test1')
        .execute();
      expect(before.length).toBeGreaterThan(0);

      const ring = keyRingFrom(NEW_KEY, [TEST_IDENTITY_KEY]);
      const result = await rekeyIdentityData(t.database.db, ring, { batchSize: 2 });
      expect(result).toEqual({
        currentKeyId: 'test2',
        identities: before.length,
        notes: notesBefore.length,
        repaired: 0,
        unreadable: 0,
      });
      const keys = await t.database.db
        .selectFrom('situation_identity')
        .select('key_id')
        .distinct()
        .execute();
      expect(keys.map((k) => k.key_id)).toEqual(['test2']);
      const noteKeys = await t.database.db
        .selectFrom('intervention_note')
        .select('key_id')
        .distinct()
        .execute();
      expect(noteKeys.map((k) => k.key_id)).toEqual(['test2']);

      // An app that knows only the new key opens everything.
      const rekeyed = await buildApp(testConfig(), {
        database: t.database,
        secrets: { ...testSecrets(), identityKeys: keyRingFrom(NEW_KEY) },
      });
      await rekeyed.ready();
      try {
        const session = await signIn(rekeyed, cast.users.lead.email);
        const identity = await rekeyed.inject({
          method: 'GET',
          url: `/api/situations/${open}/identity`,
          headers: session.headers,
        });
        expect(identity.statusCode).toBe(200);
        expect(identity.json().people).toEqual(IDENTITY.people);
        const notes = await rekeyed.inject({
          method: 'GET',
          url: `/api/situations/${open}/notes`,
          headers: session.headers,
        });
        expect(notes.json().items[0].body).toBe(NOTE_TEXT);
      } finally {
        await rekeyed.close();
      }

      const audited = await t.database.db
        .selectFrom('audit_event')
        .selectAll()
        .where('action', '=', 'situation.identity.rekey')
        .execute();
      expect(audited).toHaveLength(1);
      expect(audited[0]).toMatchObject({ user_id: null, data_category: 'identity' });

      // Nothing left to do on a second run (still one event per run).
      expect(await rekeyIdentityData(t.database.db, ring)).toMatchObject({
        identities: 0,
        notes: 0,
      });
    });

    it('counts values no configured key opens, and leaves them as they are', async () => {
      const id = await situationAt(client, cast, 'filter3');
      await t.database.db
        .updateTable('situation_identity')
        .set({ key_id: 'lost' })
        .where('situation_id', '=', id)
        .execute();
      const result = await rekeyIdentityData(
        t.database.db,
        keyRingFrom(NEW_KEY, [TEST_IDENTITY_KEY]),
      );
      expect(result.unreadable).toBe(1);
      const row = await t.database.db
        .selectFrom('situation_identity')
        .select('key_id')
        .where('situation_id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.key_id).toBe('lost');
    });
  });

  it('let no personal value out in any response of this file', () => {
    expectNoLeaksIn(client.responses);
  });
});

describe('identity retention of 0 days', () => {
  let t: TestApp;
  let cast: Cast;
  let client: SituationClient;
  beforeAll(async () => {
    t = await createTestApp({ environment: { IDENTITY_RETENTION_DAYS: '0' } });
    cast = await createCast(t.app, t.database.db);
    client = new SituationClient(t.app, t.database.db, cast);
  });
  afterAll(async () => closeTestApp(t));

  it('destroys identity and notes in the closing transaction', async () => {
    const id = await situationAt(client, cast, 'closed');
    const situation = await client.get('coordinator', `/api/situations/${id}`);
    expect(situation.json()).toMatchObject({ stage: 'closed', identityStatus: 'destroyed' });
    const row = await t.database.db
      .selectFrom('situation')
      .select(['closed_at', 'identity_destroyed_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.identity_destroyed_at).toEqual(row.closed_at);
    const freeText = await t.database.db
      .selectFrom('situation')
      .select(['summary', 'free_text_destroyed_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(freeText).toEqual({ summary: null, free_text_destroyed_at: row.closed_at });
    const held = await t.database.db
      .selectFrom('situation_identity')
      .select('situation_id')
      .where('situation_id', '=', id)
      .execute();
    expect(held).toEqual([]);
    const notes = await t.database.db
      .selectFrom('intervention_note')
      .select('id')
      .where('situation_id', '=', id)
      .execute();
    expect(notes).toEqual([]);
    const events = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'request_id', 'user_id'])
      .where('situation_id', '=', id)
      .where('action', 'in', ['situation.close', 'situation.identity.purge'])
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['situation.close', 'situation.identity.purge']);
    expect(events[0]!.request_id).toBe(events[1]!.request_id);
    const identity = await client.get('originating', `/api/situations/${id}/identity`);
    expect(identity.statusCode).toBe(404);
  });
});
