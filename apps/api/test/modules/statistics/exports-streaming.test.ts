/**
 * The exports as streams: a database that fails before the first byte answers 503 (after the
 * export was recorded), one that fails later cuts the download short (never a complete-looking
 * file), 50,000 facts stream out whole, read in batches of classes the file is the one a whole
 * table-year at once would give, and a fact that changes class between the reads of its year
 * never makes a class smaller than the threshold nor appears twice.
 */
import { text } from 'node:stream/consumers';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { sql, type KyselyPlugin, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app';
import type { DB } from '../../../src/db/schema';
import type { DatabaseHandle } from '../../../src/db/database';
import { isDatabaseUnavailable } from '../../../src/lib/database-errors';
import {
  generaliseTableYear,
  periodOverlaps,
} from '../../../src/modules/statistics/export-generalisation';
import { exportRowOf } from '../../../src/modules/statistics/export-presets';
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
      // Three queries (the first table-year, its classes and their rows) succeed; the next one
      // fails.
      failing.seen = 0;
      failing.allowed = 3;
      // The response is destroyed mid-way: the client sees a broken download, not a file.
      await expect(
        app.inject({
          method: 'GET',
          url: `/api/broken/stats/export.${format}?tableId=${small.id}&from=2025-01&to=2026-12`,
          headers: session.headers,
        }),
      ).rejects.toThrow(/destroyed before completion/);
      expect(failing.seen).toBeGreaterThan(3);
    }
  });

  it('after the first byte destroys the stream the service hands out', async () => {
    failing.seen = 0;
    failing.allowed = 3;
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

/** The analyst as the service sees them, on the tables given. */
const analystOn = (...tableIds: string[]) => ({
  userId: analystId,
  agencyId: null,
  isAdministrator: false,
  secondFactor: false,
  memberships: tableIds.map((tableId) => ({
    tableId,
    role: 'analyst' as const,
    agreementAccepted: true,
  })),
});

/**
 * The rows an export of one table should hold, in order, computed as the export once did: every
 * fact of each table-year in memory, each placed by `generaliseTableYear`, the published ones in
 * the window sorted by period, type, band, gender and content. An oracle for the batched reads.
 */
async function wholeYearExport(tableId: string, from: string, to: string) {
  const { name } = await database.db
    .selectFrom('situation_table')
    .select('name')
    .where('id', '=', tableId)
    .executeTakeFirstOrThrow();
  const rows: unknown[] = [];
  let [withheld, generalisedPeriod, generalisedAgeBand] = [0, 0, 0];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    const facts = await database.db
      .selectFrom('situation_fact')
      .selectAll()
      .select(sql<string>`to_char(period, 'YYYY-MM')`.as('month'))
      .where('table_id', '=', tableId)
      .where('period', '>=', `${year}-01-01`)
      .where('period', '<', `${year + 1}-01-01`)
      .execute();
    const placements = generaliseTableYear(
      facts.map((f) => ({
        month: f.month,
        situationType: f.situation_type,
        ageBand: f.age_band,
        gender: f.gender,
      })),
      5,
    );
    const keyed: { key: string; row: unknown }[] = [];
    placements.forEach((placement, i) => {
      if (placement.withheld) {
        withheld += 1;
        return;
      }
      if (!periodOverlaps(placement.period, from, to)) return;
      const fact = facts[i]!;
      if (placement.level !== 'month') generalisedPeriod += 1;
      if (placement.ageBand !== fact.age_band) generalisedAgeBand += 1;
      const row = exportRowOf({
        tableName: name,
        period: placement.period,
        ageBand: placement.ageBand,
        fact,
      });
      const key = [placement.period, fact.situation_type, placement.ageBand, fact.gender];
      keyed.push({ key: [...key, JSON.stringify(row)].join('\u001f'), row });
    });
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    rows.push(...keyed.map(({ row }) => row));
  }
  return { rows, withheld, generalisedPeriod, generalisedAgeBand };
}

type JsonExport<Row = unknown> = {
  rows: Row[];
  notes: { rows: number; withheld: number; generalisedPeriod: number; generalisedAgeBand: number };
};

describe('an export read in batches of classes', () => {
  it('is the file a whole table-year read at once gives: the same rows, in the same order', async () => {
    failing.allowed = Infinity;
    // Besides the large table, one year of sparse facts: many classes widened to the quarter,
    // the year and the wide age band, or withheld.
    const agency = await createAgency(database.db);
    const sparse = await createTable(database.db, { agencyIds: [agency.id] });
    const bands = ['12_15', '16_17', '18_24', '25_29', '30_39', '40_59', '60_plus'];
    // A fixed pseudo-random sequence (an LCG): classes of every size, not a few regular ones.
    let state = 20261202;
    const pick = <T>(list: readonly T[]): T => {
      state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
      return list[(state >>> 8) % list.length]!;
    };
    await insertFacts(
      database.db,
      { agencyId: agency.id, userId: analystId, tableId: sparse.id },
      Array.from({ length: 3_000 }, () => ({
        month: `2026-${pick(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'])}`,
        situationType: pick(['individual', 'individual', 'family', 'group']),
        ageBand: pick(bands),
        gender: pick(['female', 'male', 'female', 'male', 'another', 'unknown']),
        outcome: pick(['accepted', 'accepted', 'rejected'] as const),
      })),
    );
    const seen = { rows: 0, generalisedPeriod: 0, generalisedAgeBand: 0, withheld: 0 };
    for (const [table, from, to] of [
      [large.id, '2021-01', '2026-12'],
      [large.id, '2023-05', '2024-08'],
      [sparse.id, '2026-01', '2026-12'],
      [sparse.id, '2026-02', '2026-04'],
    ] as const) {
      const expected = await wholeYearExport(table, from, to);
      seen.rows += expected.rows.length;
      seen.generalisedPeriod += expected.generalisedPeriod;
      seen.generalisedAgeBand += expected.generalisedAgeBand;
      seen.withheld += expected.withheld;
      // Batches of thousands of rows (the route's), and of one class each.
      const files: JsonExport[] = [];
      for (const batchRows of [undefined, 1]) {
        const service = createExportsService({ db: database.db, threshold: 5, batchRows });
        const download = await service.open(
          analystOn(table),
          { tableId: [table], from, to, preset: 'fourfold' },
          'json',
          { requestId: 'test' },
        );
        files.push(JSON.parse(await text(download.body)) as JsonExport);
      }
      for (const file of files) {
        expect(file.rows).toEqual(expected.rows);
        expect(file.notes).toMatchObject({
          rows: expected.rows.length,
          withheld: expected.withheld,
          generalisedPeriod: expected.generalisedPeriod,
          generalisedAgeBand: expected.generalisedAgeBand,
        });
      }
    }
    // Real content: rows published by month and generalised, bands widened, rows withheld.
    expect(seen.rows).toBeGreaterThan(10_000);
    expect(seen.generalisedPeriod).toBeGreaterThan(100);
    expect(seen.generalisedAgeBand).toBeGreaterThan(10);
    expect(seen.withheld).toBeGreaterThan(10);
  }, 120_000);

  it('withholds a class whose facts changed after they were counted, and sends no fact twice', async () => {
    failing.allowed = Infinity;
    const agency = await createAgency(database.db);
    const table = await createTable(database.db, { agencyIds: [agency.id] });
    // Three classes of one year, published with their months (threshold 5), in this order.
    await insertFacts(database.db, { agencyId: agency.id, userId: analystId, tableId: table.id }, [
      ...Array.from({ length: 5 }, () => ({ month: '2026-03' })),
      ...Array.from({ length: 5 }, () => ({ month: '2026-04' })),
      ...Array.from({ length: 6 }, () => ({ month: '2026-05' })),
    ]);
    const idsOf = async (month: string) =>
      (
        await database.db
          .selectFrom('situation_fact')
          .select('situation_id')
          .where('table_id', '=', table.id)
          .where('period', '=', `${month}-01`)
          .orderBy('situation_id')
          .execute()
      ).map((row) => row.situation_id);
    const [march, april, may] = [
      await idsOf('2026-03'),
      await idsOf('2026-04'),
      await idsOf('2026-05'),
    ];
    const move = (id: string, month: string) =>
      database.db
        .updateTable('situation_fact')
        .set({ period: `${month}-01` })
        .where('situation_id', '=', id)
        .execute();

    const service = createExportsService({ db: database.db, threshold: 5, batchRows: 1 });
    // The year's classes are counted and March's rows read (and ready to send) before it returns.
    const download = await service.open(
      analystOn(table.id),
      { tableId: [table.id], from: '2026-01', to: '2026-12', preset: 'fourfold' },
      'json',
      { requestId: 'test' },
    );
    // Then situations are written: a March fact (already read) moves to April and an April fact
    // leaves it, so April still holds five rows but only four not sent; a May fact leaves May.
    await move(march[0]!, '2026-04');
    await move(april[0]!, '2026-07');
    await move(may[0]!, '2026-07');
    const file = JSON.parse(await text(download.body)) as JsonExport<{ period: string }>;
    expect(file.rows.map((row) => row.period)).toEqual(Array(5).fill('2026-03'));
    expect(file.notes.rows).toBe(5);
    // April's four unsent rows and May's five are counted withheld; never published short.
    expect(file.notes.withheld).toBe(9);

    // Read again now that nothing moves, the same facts publish April and May whole, and March's
    // four with July's two as their year.
    const again = await service.open(
      analystOn(table.id),
      { tableId: [table.id], from: '2026-01', to: '2026-12', preset: 'fourfold' },
      'json',
      { requestId: 'test' },
    );
    const settled = JSON.parse(await text(again.body)) as JsonExport<{ period: string }>;
    expect(settled.rows.map((row) => row.period)).toEqual([
      ...Array(6).fill('2026'),
      ...Array(5).fill('2026-04'),
      ...Array(5).fill('2026-05'),
    ]);
    expect(settled.notes).toMatchObject({ rows: 16, withheld: 0 });
  }, 60_000);
});
