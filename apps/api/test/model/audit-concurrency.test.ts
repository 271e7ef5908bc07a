/**
 * Concurrency at volume (#12, point 7): 1,000 audited writes at once across 50 situations through
 * the real API leave the audit hash chain valid and exactly one event per write.
 *
 * PostgreSQL only: the embedded PGlite has one connection (its pool is one client), so its
 * requests run one after another and the chain's advisory lock is never contended — the test
 * would prove nothing there that the sequential tests do not. The writes are action items and
 * report-backs at filter 4: audited, and taking no If-Match, so that all 1,000 succeed at once
 * instead of most of them answering 412 to each other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { openDatabase } from '../../src/db/database';
import { verifyAuditChain } from '../../src/modules/audit/audit.service';
import { SituationClient, createCast, situationAt, type Cast } from '../helpers/situations';
import { closeTestApp, testConfig, testSecrets, type TestApp } from '../helpers/test-app';
import { createTestDatabase } from '../helpers/test-database';
import { startTestMailServer } from '../helpers/test-mail';
import { silentLog, testDatabaseUrl } from '../helpers/test-env';

const SITUATIONS = 50;
const WRITES = 1000;

describe.runIf(testDatabaseUrl())('audit chain under 1,000 concurrent writes (PostgreSQL)', () => {
  let t: TestApp;
  let cast: Cast;
  let client: SituationClient;
  let testDatabase: Awaited<ReturnType<typeof createTestDatabase>>;
  const situationIds: string[] = [];

  beforeAll(async () => {
    // The test database, opened again with production's pool (ten connections) and a wait for a
    // connection long enough for a 1,000-request burst: with the test pool's 5 s, queued writes
    // answer 503 DATABASE_UNAVAILABLE (as designed) and are not written, which is not this test.
    testDatabase = await createTestDatabase();
    const database = await openDatabase(
      {
        kind: 'postgres',
        url: testDatabase.url!,
        poolMax: 10,
        connectTimeoutMs: 120_000,
        statementTimeoutMs: 15_000,
      },
      silentLog,
    );
    const mail = await startTestMailServer();
    const config = testConfig({ SMTP_URL: mail.url });
    const app = await buildApp(config, { database, secrets: testSecrets() });
    await app.ready();
    t = { app, database, config, mail };
    cast = await createCast(t.app, t.database.db);
    client = new SituationClient(t.app, t.database.db, cast);
    for (let i = 0; i < SITUATIONS; i++) {
      situationIds.push(await situationAt(client, cast, 'filter4', { identity: false }));
    }
    client.responses.length = 0;
  }, 300_000);
  afterAll(async () => {
    await closeTestApp(t);
    await testDatabase.close();
  });

  it('records one event per write, in one unbroken chain', async () => {
    const dueAt = new Date(Date.now() + 86_400_000).toISOString();
    const responses = await Promise.all(
      Array.from({ length: WRITES }, (_, i) => {
        const id = situationIds[i % SITUATIONS]!;
        return i % 2 === 0
          ? t.app.inject({
              method: 'POST',
              url: `/api/situations/${id}/action-items`,
              headers: cast.sessions.lead.headers,
              payload: {
                ownerAgencyId: cast.agencies.assisting,
                description: `Call the landlord, item ${i}`,
                dueAt,
              },
            })
          : t.app.inject({
              method: 'POST',
              url: `/api/situations/${id}/report-backs`,
              headers: cast.sessions.lead.headers,
              payload: { statusUpdate: `Visited; engaged with services, update ${i}` },
            });
      }),
    );
    const failed = responses.filter((res) => res.statusCode !== 201);
    expect(failed.map((res) => `${res.statusCode} ${res.body}`).slice(0, 3)).toEqual([]);

    const requestIds = responses.map((res) => String(res.headers['x-request-id']));
    const events = await t.database.db
      .selectFrom('audit_event')
      .select(['request_id', 'situation_id', 'outcome'])
      .where('request_id', 'in', requestIds)
      .execute();
    const perRequest = new Map<string, number>();
    for (const event of events) {
      perRequest.set(event.request_id!, (perRequest.get(event.request_id!) ?? 0) + 1);
      expect(event.outcome).toBe('allowed');
    }
    expect(events).toHaveLength(WRITES);
    expect(requestIds.every((id) => perRequest.get(id) === 1)).toBe(true);
    expect(new Set(events.map((event) => event.situation_id))).toEqual(new Set(situationIds));

    expect(await verifyAuditChain(t.database.db)).toEqual({
      intact: true,
      checked: Number(
        (
          await t.database.db
            .selectFrom('audit_event')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    });
  }, 300_000);
});
