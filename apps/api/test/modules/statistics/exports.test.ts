/**
 * GET /api/stats/export.csv|json: k-anonymous classes, the notes line, rejected rows stripped, the
 * same rows in both formats, windows that cannot be differenced into a small group, access and
 * audit, the provincial preset, and a large export streamed.
 */
import { parse } from 'csv-parse/sync';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportNotesSchema, exportRowSchema, wideAgeBands } from '@fourfold/shared/statistics';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';
import {
  createAgency,
  createTable,
  createUser,
  signIn,
  type SignedIn,
} from '../../helpers/fixtures';
import { insertFacts, type FactInput } from '../../helpers/statistics-facts';

const THRESHOLD = 5;
let t: TestApp;
let tableA: { id: string; name: string };
let tableB: { id: string; name: string };
let sessions: Record<'analystA' | 'analystAB' | 'coordinatorA' | 'repA' | 'privacyA', SignedIn>;
let users: Record<keyof typeof sessions, { id: string }>;
let factsInA = 0;

/** A small deterministic generator (mulberry32), so the data set is the same on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(next: () => number, weighted: ReadonlyArray<readonly [T, number]>): T => {
  const total = weighted.reduce((sum, [, w]) => sum + w, 0);
  let r = next() * total;
  for (const [value, w] of weighted) if ((r -= w) < 0) return value;
  return weighted[weighted.length - 1]![0];
};

/** Two years of skewed facts: big groups keep their month, small ones are generalised. */
function dataSet(count: number, seed: number): FactInput[] {
  const next = random(seed);
  return Array.from({ length: count }, () => {
    const outcome = pick(next, [
      ['accepted', 7],
      ['rejected', 3],
    ] as const);
    const month = `${pick(next, [
      ['2025', 1],
      ['2026', 2],
    ] as const)}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}`;
    return {
      month,
      situationType: pick(next, [
        ['individual', 30],
        ['family', 6],
        ['group', 1],
        ['location', 1],
      ] as const),
      ageBand: pick(next, [
        ['18_24', 12],
        ['25_29', 8],
        ['12_15', 3],
        ['16_17', 3],
        ['0_5', 1],
        ['6_11', 1],
        ['30_39', 4],
        ['40_59', 2],
        ['60_plus', 1],
        ['unknown', 1],
      ] as const),
      gender: pick(next, [
        ['female', 8],
        ['male', 8],
        ['another', 1],
        ['unknown', 1],
      ] as const),
      outcome,
      // A rejected fact that (wrongly) still carries accepted-only data: the export strips it.
      ...(outcome === 'rejected'
        ? {
            riskFactors: ['alcohol.abuse'],
            riskCategories: ['alcohol'],
            leadSector: 'housing',
            studyFlags: [],
            assistingSectors: ['education'],
            daysToFirstContact: 3,
          }
        : {
            conclusionReason: next() < 0.5 ? 'lowered_connected' : null,
            riskLowered: null,
            daysOpen: 12,
          }),
    };
  });
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const agency = await createAgency(db, { sector: 'police' });
  tableA = await createTable(db, { agencyIds: [agency.id] });
  tableB = await createTable(db, { agencyIds: [agency.id] });
  const member = (
    tableId: string,
    role: 'analyst' | 'coordinator' | 'agency_rep' | 'privacy_officer',
  ) => ({ tableId, role });
  users = {
    analystA: await createUser(db, {
      agencyId: agency.id,
      memberships: [member(tableA.id, 'analyst')],
    }),
    analystAB: await createUser(db, {
      agencyId: agency.id,
      memberships: [member(tableA.id, 'analyst'), member(tableB.id, 'analyst')],
    }),
    coordinatorA: await createUser(db, {
      agencyId: agency.id,
      memberships: [member(tableA.id, 'coordinator'), member(tableB.id, 'agency_rep')],
    }),
    repA: await createUser(db, {
      agencyId: agency.id,
      memberships: [member(tableA.id, 'agency_rep')],
    }),
    privacyA: await createUser(db, {
      agencyId: agency.id,
      memberships: [member(tableA.id, 'privacy_officer')],
    }),
  };
  sessions = {} as typeof sessions;
  for (const [who, user] of Object.entries(users)) {
    const { email } = await db
      .selectFrom('app_user')
      .select('email')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    sessions[who as keyof typeof sessions] = await signIn(t.app, email);
  }
  const owner = { agencyId: agency.id, userId: users.coordinatorA.id };
  const factsA = dataSet(600, 42);
  factsInA = factsA.length;
  await insertFacts(db, { ...owner, tableId: tableA.id }, factsA);
  await insertFacts(db, { ...owner, tableId: tableB.id }, dataSet(120, 7));
});

afterAll(async () => {
  if (t) await closeTestApp(t);
});

const get = (who: keyof typeof sessions, url: string) =>
  t.app.inject({ method: 'GET', url, headers: sessions[who].headers });

type CsvExport = {
  header: string[];
  rows: Record<string, string>[];
  notes: Record<string, number>;
};

/** The CSV's records and its final comment line, parsed with csv-parse. */
function parseCsv(res: LightMyRequestResponse): CsvExport {
  const lines = res.body.trimEnd().split('\n');
  const last = lines.at(-1)!;
  expect(last.startsWith('# rows: ')).toBe(true);
  const rows = parse(res.body, { columns: true, comment: '#', skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  const header = (parse(lines[0]!) as string[][])[0]!;
  const notes = Object.fromEntries(
    [
      ...last.matchAll(/(rows|generalised period|generalised age band|withheld|threshold): (\d+)/g),
    ].map((m) => [m[1]!, Number(m[2])]),
  );
  return { header, rows, notes };
}

const classKey = (row: Record<string, unknown>) =>
  [row.table, row.period, row.situationType, row.ageBand, row.gender].join('|');

function classSizes(rows: readonly Record<string, unknown>[]) {
  const sizes = new Map<string, number>();
  for (const row of rows) sizes.set(classKey(row), (sizes.get(classKey(row)) ?? 0) + 1);
  return sizes;
}

const wideOnly = new Set(Object.values(wideAgeBands).filter((band) => !(band in wideAgeBands)));

describe('the CSV export', () => {
  it('publishes only classes of at least the threshold, and its last line counts them right', async () => {
    const res = await get(
      'analystA',
      `/api/stats/export.csv?tableId=${tableA.id}&from=2025-01&to=2026-12`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="fourfold-statistics-2025-01-2026-12.csv"',
    );
    const { header, rows, notes } = parseCsv(res);
    expect(header).toEqual(Object.keys(exportRowSchema.shape));
    expect(rows.length).toBeGreaterThan(0);
    for (const size of classSizes(rows).values()) expect(size).toBeGreaterThanOrEqual(THRESHOLD);
    // The data set is skewed enough that every step of the generalisation is used.
    const generalisedPeriod = rows.filter((r) => !/^\d{4}-\d{2}$/.test(r.period!)).length;
    const generalisedBand = rows.filter((r) => wideOnly.has(r.ageBand!)).length;
    expect(notes).toEqual({
      rows: rows.length,
      'generalised period': generalisedPeriod,
      'generalised age band': generalisedBand,
      withheld: factsInA - rows.length,
      threshold: THRESHOLD,
    });
    expect(rows.some((r) => /^\d{4}-\d{2}$/.test(r.period!))).toBe(true);
    expect(rows.some((r) => /^\d{4}-Q\d$/.test(r.period!))).toBe(true);
    expect(rows.some((r) => /^\d{4}$/.test(r.period!))).toBe(true);
    expect(generalisedBand).toBeGreaterThan(0);
    expect(notes.withheld).toBeGreaterThan(0);
    expect(res.body).toContain('a quarter or year class appears whole');
    expect(rows.every((r) => r.table === tableA.name)).toBe(true);
  });

  it('strips a rejected row to its table, period, type, age band, gender, outcome and reason', async () => {
    const res = await get(
      'analystA',
      `/api/stats/export.csv?tableId=${tableA.id}&from=2025-01&to=2026-12`,
    );
    const rejected = parseCsv(res).rows.filter((r) => r.outcome === 'rejected');
    expect(rejected.length).toBeGreaterThan(0);
    for (const row of rejected) {
      expect(row.rejectionReason).toBe('single_agency');
      for (const field of [
        'originatingSector',
        'leadSector',
        'assistingSectors',
        'riskFactors',
        'protectiveFactors',
        'studyFlags',
        'conclusionReason',
        'daysToFirstContact',
        'daysOpen',
      ]) {
        expect(row[field], field).toBe('');
      }
    }
  });

  it('holds the same rows and notes in JSON as in CSV, each row valid', async () => {
    const url = `tableId=${tableA.id}&from=2025-03&to=2026-08`;
    const csv = parseCsv(await get('analystA', `/api/stats/export.csv?${url}`));
    const res = await get('analystA', `/api/stats/export.json?${url}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="fourfold-statistics-2025-03-2026-08.json"',
    );
    const json = res.json() as { rows: unknown[]; notes: unknown };
    const rows = json.rows.map((row) => exportRowSchema.parse(row));
    const notes = exportNotesSchema.parse(json.notes);
    const asCsv = rows.map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([k, v]) => [
          k,
          v === null ? '' : Array.isArray(v) ? v.join(';') : String(v),
        ]),
      ),
    );
    expect(asCsv).toEqual(csv.rows);
    expect(notes).toEqual({
      rows: csv.notes.rows,
      generalisedPeriod: csv.notes['generalised period'],
      generalisedAgeBand: csv.notes['generalised age band'],
      withheld: csv.notes.withheld,
      threshold: THRESHOLD,
    });
  });

  it('answers the same file twice', async () => {
    const url = `/api/stats/export.csv?tableId=${tableA.id}&from=2025-01&to=2026-12`;
    expect((await get('analystA', url)).body).toBe((await get('analystA', url)).body);
  });

  it('cannot be differenced: two overlapping windows differ by whole classes only', async () => {
    const windows = [
      ['2026-01', '2026-06'],
      ['2026-04', '2026-12'],
      ['2025-11', '2026-02'],
      ['2026-02', '2026-02'],
    ] as const;
    const exports = await Promise.all(
      windows.map(
        async ([from, to]) =>
          parseCsv(
            await get(
              'analystA',
              `/api/stats/export.csv?tableId=${tableA.id}&from=${from}&to=${to}`,
            ),
          ).rows,
      ),
    );
    for (const a of exports) {
      for (const b of exports) {
        // A − B as a multiset of rows, then grouped by class.
        const inB = new Map<string, number>();
        for (const row of b) inB.set(JSON.stringify(row), (inB.get(JSON.stringify(row)) ?? 0) + 1);
        const difference = a.filter((row) => {
          const key = JSON.stringify(row);
          const left = inB.get(key) ?? 0;
          if (left > 0) inB.set(key, left - 1);
          return left === 0;
        });
        for (const size of classSizes(difference).values())
          expect(size).toBeGreaterThanOrEqual(THRESHOLD);
      }
    }
    // A year-generalised class of 2026 appears whole in a Jan–Jun 2026 export.
    const yearRows = exports[0]!.filter((r) => r.period === '2026');
    const yearRowsFull = exports[1]!.filter((r) => r.period === '2026');
    expect(yearRows.length).toBeGreaterThan(0);
    expect(yearRows).toEqual(yearRowsFull);
  });

  it('exports every table the person may export when none is named', async () => {
    const res = await get('analystAB', '/api/stats/export.csv?from=2025-01&to=2026-12');
    const tables = new Set(parseCsv(res).rows.map((r) => r.table));
    expect(tables).toEqual(new Set([tableA.name, tableB.name]));
  });
});

describe('the provincial preset (ontario_rtd)', () => {
  it('names and orders the columns after the RTD, in words, with N/A where a rejection redacts', async () => {
    const res = await get(
      'analystA',
      `/api/stats/export.csv?tableId=${tableA.id}&from=2025-01&to=2026-12&preset=ontario_rtd`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="fourfold-statistics-2025-01-2026-12-rtd.csv"',
    );
    const { header, rows } = parseCsv(res);
    expect(header.slice(0, 6)).toEqual([
      'Situation Table',
      'Discussion Period',
      'Originating Agency Sector',
      'Level',
      'Age Group',
      'Gender',
    ]);
    const fourfold = parseCsv(
      await get('analystA', `/api/stats/export.csv?tableId=${tableA.id}&from=2025-01&to=2026-12`),
    ).rows;
    expect(rows).toHaveLength(fourfold.length);
    expect(new Set(rows.map((r) => r.Level))).toContain('Individual');
    const rejected = rows.filter((r) => r['AER Threshold Met'] === 'No');
    expect(rejected.length).toBeGreaterThan(0);
    for (const row of rejected) {
      expect(row['Risk Factors']).toBe('N/A');
      expect(row['Assisting Agency Sectors']).toBe('N/A');
      expect(row['Rejection Reason']).not.toBe('');
    }
    const accepted = rows.find((r) => r['AER Threshold Met'] === 'Yes')!;
    expect(accepted['Risk Factors']).toMatch(/Alcohol/);
    expect(accepted['Originating Agency Sector']).not.toBe('police');
    // The wide bands are in words too.
    expect(rows.some((r) => /^\d+–\d+$/.test(r['Age Group']!))).toBe(true);
  });
});

describe('access and audit', () => {
  const csvUrl = (tableId?: string) =>
    `/api/stats/export.csv?${tableId ? `tableId=${tableId}&` : ''}from=2026-01&to=2026-06`;
  const exportEvents = () =>
    t.database.db
      .selectFrom('audit_event')
      .select(['user_id', 'table_id', 'role', 'outcome', 'data_category'])
      .where('action', '=', 'statistics.export')
      .orderBy('id')
      .execute();

  it('answers 404 for a table the person may not export, as for a missing one', async () => {
    expect((await get('analystA', csvUrl(tableB.id))).statusCode).toBe(404);
    expect((await get('analystA', csvUrl('00000000-0000-4000-8000-000000000000'))).statusCode).toBe(
      404,
    );
    // Coordinator of A, agency representative of B.
    expect((await get('coordinatorA', csvUrl(tableB.id))).statusCode).toBe(404);
    const both = await get(
      'analystA',
      `/api/stats/export.json?tableId=${tableA.id}&tableId=${tableB.id}&from=2026-01&to=2026-06`,
    );
    expect(both.statusCode).toBe(404);
    expect(both.headers['content-type']).toMatch(/problem\+json/);
  });

  it('refuses agency representatives and privacy officers, whichever table they name', async () => {
    // The coarse check (plugins/authentication.ts) refuses a person who exports nowhere with 403,
    // the same with any table named or none: it tells nothing about the table.
    for (const who of ['repA', 'privacyA'] as const) {
      for (const tableId of [tableA.id, tableB.id, undefined]) {
        const res = await get(who, csvUrl(tableId));
        expect(res.statusCode).toBe(403);
        expect(res.body).not.toContain('# rows');
      }
    }
    const allowed = await exportEvents();
    expect(
      allowed.some(
        (e) =>
          e.outcome === 'allowed' &&
          (e.user_id === users.repA.id || e.user_id === users.privacyA.id),
      ),
    ).toBe(false);
  });

  it("lets a coordinator export their own table, and records each export's actor and tables", async () => {
    const before = (await exportEvents()).length;
    const res = await get('coordinatorA', csvUrl());
    expect(res.statusCode).toBe(200);
    expect(new Set(parseCsv(res).rows.map((r) => r.table))).toEqual(new Set([tableA.name]));
    await get(
      'analystAB',
      `/api/stats/export.json?tableId=${tableA.id}&tableId=${tableB.id}&from=2026-01&to=2026-06`,
    );
    // One event per table and export; the order of one export's events is not part of the rule.
    const byActorAndTable = (x: { user_id: string | null; table_id: string | null }) =>
      `${x.user_id}|${x.table_id}`;
    const sorted = <T extends { user_id: string | null; table_id: string | null }>(list: T[]) =>
      [...list].sort((a, b) => byActorAndTable(a).localeCompare(byActorAndTable(b)));
    const events = (await exportEvents()).slice(before);
    expect(sorted(events)).toEqual(
      sorted([
        {
          user_id: users.coordinatorA.id,
          table_id: tableA.id,
          role: 'coordinator',
          outcome: 'allowed',
          data_category: 'statistics',
        },
        ...[tableA.id, tableB.id].map((tableId) => ({
          user_id: users.analystAB.id,
          table_id: tableId,
          role: 'analyst',
          outcome: 'allowed',
          data_category: 'statistics',
        })),
      ]),
    );
  });

  it('answers a bad query 400 before anything is recorded', async () => {
    const before = (await exportEvents()).length;
    for (const query of [
      'from=2026-06&to=2026-01',
      'from=2026-13&to=2026-12',
      'from=2026-01',
      'from=2016-01&to=2026-12',
      'from=2026-01&to=2026-02&preset=other',
      'tableId=x&from=2026-01&to=2026-02',
    ]) {
      const res = await get('analystA', `/api/stats/export.csv?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    expect((await exportEvents()).length).toBe(before);
  });
});
