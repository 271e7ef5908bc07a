import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@fourfold/shared/access-policy';
import { openStatisticsDatabase } from '../../../src/modules/statistics/statistics-database';
import { createStatisticsService } from '../../../src/modules/statistics/statistics.service';
import { createTable } from '../../helpers/fixtures';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';
import { countFacts, fact } from './fixtures';

let t: TestApp;
let tableId: string;
const url = () => (t.database as { url?: string }).url;

beforeAll(async () => {
  t = await createTestApp();
  tableId = (await createTable(t.database.db)).id;
  const facts = Array.from({ length: 12 }, () => fact({ tableId, period: '2025-03-01' }));
  await countFacts(t.database.db, facts);
});
afterAll(async () => closeTestApp(t));

const analyst = (): Actor => ({
  userId: randomUUID(),
  agencyId: randomUUID(),
  isAdministrator: false,
  secondFactor: false,
  memberships: [{ tableId, role: 'analyst', agreementAccepted: true }],
});

describe('the statistics read handle', () => {
  it('is the primary on the embedded database or without DATABASE_READ_URL', async () => {
    const embedded = openStatisticsDatabase(
      { kind: 'embedded', dataDir: '/nonexistent' },
      t.database.db,
    );
    expect(embedded.db).toBe(t.database.db);
    const noReplica = openStatisticsDatabase(
      {
        kind: 'postgres',
        url: 'postgres://x',
        poolMax: 2,
        connectTimeoutMs: 1000,
        statementTimeoutMs: 1000,
      },
      t.database.db,
    );
    expect(noReplica.db).toBe(t.database.db);
    await embedded.close();
    await noReplica.close();
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'reads through its own pool on DATABASE_READ_URL, and audits on the primary',
    async () => {
      const readUrl = url()!;
      const replica = openStatisticsDatabase(
        {
          kind: 'postgres',
          url: readUrl,
          readUrl,
          poolMax: 4,
          connectTimeoutMs: 5000,
          statementTimeoutMs: 15000,
        },
        t.database.db,
      );
      try {
        expect(replica.db).not.toBe(t.database.db);
        const name = await sql<{
          name: string;
        }>`select current_setting('application_name') as name`.execute(replica.db);
        expect(name.rows[0]!.name).toBe('fourfold-statistics');
        const service = createStatisticsService({
          db: t.database.db,
          readDb: replica.db,
          threshold: 5,
        });
        const actor = analyst();
        const summary = await service.summary(
          actor,
          { tableId: [tableId], from: '2025-03', to: '2025-03', interval: 'month' },
          { requestId: 'read-handle-test' },
        );
        const discussions = summary.breakdowns.find((b) => b.dimension === 'discussions')!;
        expect([10, 15]).toContain(discussions.rows[0]!.total);
        const events = await t.database.db
          .selectFrom('audit_event')
          .select('action')
          .where('user_id', '=', actor.userId)
          .execute();
        expect(events).toEqual([{ action: 'statistics.read' }]);
      } finally {
        await replica.close();
      }
    },
  );
});
