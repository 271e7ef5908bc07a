/**
 * The exports as streams: a database that fails before the first byte answers 503 (after the
 * export was recorded), one that fails later cuts the download short (never a complete-looking
 * file), and 50,000 facts stream out whole.
 */
import { text } from 'node:stream/consumers';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import type { KyselyPlugin, Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app';
import type { DB } from '../../../src/db/schema';
import type { DatabaseHandle } from '../../../src/db/database';
import { isDatabaseUnavailable } from '../../../src/lib/database-errors';
import { exportsRoutes } from '../../../src/modules/statistics/exports.routes';
import { createExportsService } from '../../../src/modules/statistics/exports.service';
import {
  createAgency,
  createTable,
  createUser,
  signIn,
  type SignedIn,
} from '../../helpers/fixtures';
import { insertFacts, type FactInput } from '../../helpers/statistics-facts';
import { createTestDatabase } from '../../helpers/test-database';
import { testConfig, testSecrets } from '../../helpers/test-app';

/** Lets `allowed` queries through, then fails each as a lost connection would. */
class FailingAfter implements KyselyPlugin {
  seen = 0;
  constructor(public allowed: number) {}
  transformQuery<T>(args: { node: T }): T {
    this.seen += 1;
    if (this.seen > this.allowed) {
      throw Object.assign(new Error('connection reset (test)'), { code: 'ECONNRESET' });
    }
    return args.node;
  }
  async transformResult<R>(args: { result: R }): Promise<R> {
    return args.result;
  }
}

let database: DatabaseHandle;
let app: FastifyInstance;
let session: SignedIn;
let analystId: string;
let small: { id: string };
let large: { id: string };
const failing = new FailingAfter(Infinity);
const LARGE = 50_000;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  app = await buildApp(testConfig(), {
    database,
    secrets: testSecrets(),
    // The same routes again under /api/broken, reading through a database that fails on demand.
    extraApiRoutes: async (api) => {
      await api.register(exportsRoutes, {
        prefix: '/broken',
        db,
        readDb: db.withPlugin(failing),
        threshold: 5,
      });
    },
  });
  await app.ready();
  const agency = await createAgency(db);
  small = await createTable(db, { agencyIds: [agency.id] });
  large = await createTable(db, { agencyIds: [agency.id] });
  const analyst = await createUser(db, {
    agencyId: agency.id,
    memberships: [
      { tableId: small.id, role: 'analyst' },
      { tableId: large.id, role: 'analyst' },
    ],
  });
  analystId = analyst.id;
  session = await signIn(app, analyst.email);
  const owner = { agencyId: agency.id, userId: analyst.id };
  // Two table-years, so the walk reads the second after the first has been sent.
  const twoYears: FactInput[] = ['2025-03', '2026-03'].flatMap((month) =>
    Array.from({ length: 6 }, () => ({ month })),
  );
  await insertFacts(db, { ...owner, tableId: small.id }, twoYears);
  const bands = ['12_15', '18_24', '25_29', '30_39', '40_59', '60_plus'];
  const types = ['individual', 'family', 'group', 'location'];
  const genders = ['female', 'male', 'another', 'unknown'];
  await insertFacts(
    db,
    { ...owner, tableId: large.id },
    Array.from({ length: LARGE }, (_, i) => ({
      month: `${2021 + (i % 6)}-${String(1 + ((i * 7) % 12)).padStart(2, '0')}`,
      situationType: types[(i * 13) % 4 === 0 ? 1 : i % 97 === 0 ? 2 + (i % 2) : 0]!,
      ageBand: bands[(i * 31) % bands.length]!,
      gender: genders[i % 53 === 0 ? 2 + (i % 2) : i % 2]!,
      outcome: i % 4 === 0 ? ('rejected' as const) : ('accepted' as const),
    })),
  );
}, 300_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const exportEvents = (userId: string) =>
  database.db
    .selectFrom('audit_event')
    .select(['table_id'])
    .where('action', '=', 'statistics.export')
    .where('outcome', '=', 'allowed')
    .where('user_id', '=', userId)
    .execute();

describe('a database failure', () => {
  it('before the first byte answers 503 problem+json, the export being already recorded', async () => {
    failing.seen = 0;
    failing.allowed = 0;
    const before = (await exportEvents(analystId)).length;
    for (const format of ['csv', 'json']) {
      const res = await app.inject({
        method: 'GET',
        url: `/api/broken/stats/export.${format}?tableId=${small.id}&from=2025-01&to=2026-12`,
        headers: session.headers,
      });
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body).not.toContain('ECONNRESET');
    }
    expect((await exportEvents(analystId)).length).toBe(before + 2);
  });

  it('after the first byte cuts the download short: never a complete-looking file', async () => {
    for (const format of ['csv', 'json'] as const) {
      // Two queries (the first table-year and its rows) succeed; the next one fails.
      failing.seen = 0;
      failing.allowed = 2;
      // The response is destroyed mid-way: the client sees a broken download, not a file.
      await expect(
        app.inject({
          method: 'GET',
          url: `/api/broken/stats/export.${format}?tableId=${small.id}&from=2025-01&to=2026-12`,
          headers: session.headers,
        }),
      ).rejects.toThrow(/destroyed before completion/);
      expect(failing.seen).toBeGreaterThan(2);
    }
  });

  it('after the first byte destroys the stream the service hands out', async () => {
    failing.seen = 0;
    failing.allowed = 2;
    const service = createExportsService({
      db: database.db,
      readDb: database.db.withPlugin(failing) as Kysely<DB>,
      threshold: 5,
    });
    const download = await service.open(
      {
        userId: analystId,
        agencyId: null,
        isAdministrator: false,
        secondFactor: false,
        memberships: [{ tableId: small.id, role: 'analyst', agreementAccepted: true }],
      },
      { tableId: [small.id], from: '2025-01', to: '2026-12', preset: 'fourfold' },
      'csv',
      { requestId: 'test' },
    );
    const error = await text(download.body).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(download.body.destroyed).toBe(true);
  });
});

describe('a large export', () => {
  it(`streams ${LARGE.toLocaleString('en')} facts, every class at least the threshold`, async () => {
    failing.allowed = Infinity;
    const res = await app.inject({
      method: 'GET',
      url: `/api/stats/export.csv?tableId=${large.id}&from=2021-01&to=2026-12`,
      headers: session.headers,
    });
    expect(res.statusCode).toBe(200);
    const rows = parse(res.body, { columns: true, comment: '#' }) as Record<string, string>[];
    const last = res.body.trimEnd().split('\n').at(-1)!;
    const count = (name: string) => Number(new RegExp(`${name}: (\\d+)`).exec(last)![1]);
    expect(count('rows')).toBe(rows.length);
    expect(count('rows') + count('withheld')).toBe(LARGE);
    expect(rows.length).toBeGreaterThan(LARGE * 0.9);
    const sizes = new Map<string, number>();
    for (const r of rows) {
      const key = [r.table, r.period, r.situationType, r.ageBand, r.gender].join('|');
      sizes.set(key, (sizes.get(key) ?? 0) + 1);
    }
    for (const size of sizes.values()) expect(size).toBeGreaterThanOrEqual(5);
  }, 120_000);
});
