/**
 * The synthetic-data generator writes through COPY (PGlite's /dev/blob here, or PostgreSQL's
 * COPY FROM STDIN with TEST_DATABASE_URL) rows the app accepts, and statistics cells that agree
 * with the facts by the contract's cellsOf.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { identitySchema } from '@fourfold/shared/situations';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createIdentityVault, keyRingFrom, sealContext } from '../../../src/lib/identity-vault';
import { cellsOf, type SituationFact } from '../../../src/modules/statistics/situation-facts';
import { apportion } from '../../../src/modules/synthetic-data/generator';
import {
  copyField,
  pgliteLoader,
  postgresLoader,
  type Loader,
  type Value,
} from '../../../src/modules/synthetic-data/loaders';
import { generateData } from '../../../src/modules/synthetic-data/synthetic-data.service';
import { adminQuery, testDatabaseUrl, withDatabase } from '../../helpers/test-env';

const vault = createIdentityVault(keyRingFrom(`test1:${randomBytes(32).toString('base64')}`));
const NOW = new Date('2026-11-30T15:00:00Z');

type Db = { loader: Loader; inTransaction<T>(run: (loader: Loader) => Promise<T>): Promise<T> };
let db: Db;
let close: () => Promise<void>;

beforeAll(async () => {
  const serverUrl = testDatabaseUrl();
  const template = inject('templateDatabase');
  if (serverUrl && template) {
    const name = `fourfold_gen_${randomBytes(6).toString('hex')}`;
    await adminQuery(serverUrl, `create database ${name} template ${template}`);
    const client = new pg.Client({ connectionString: withDatabase(serverUrl, name) });
    await client.connect();
    const loader = postgresLoader(client);
    db = {
      loader,
      async inTransaction(run) {
        await client.query('begin');
        try {
          const result = await run(loader);
          await client.query('commit');
          return result;
        } catch (error) {
          await client.query('rollback');
          throw error;
        }
      },
    };
    close = async () => {
      await client.end();
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    };
  } else {
    const pglite = await PGlite.create({
      loadDataDir: new Blob([await readFile(inject('templateDump')!)]),
    });
    db = {
      loader: pgliteLoader(pglite),
      inTransaction: (run) => pglite.transaction((tx) => run(pgliteLoader(tx))),
    };
    close = () => pglite.close();
  }
});

afterAll(async () => {
  await close?.();
});

describe('pnpm data:generate', () => {
  let tableIds: string[] = [];
  let generated: Awaited<ReturnType<typeof generateData>>;

  beforeAll(async () => {
    generated = await db.inTransaction((loader) =>
      generateData(loader, {
        tables: 3,
        situations: 400,
        seed: 'test',
        years: 1,
        now: NOW,
        vault,
        identityRetentionDays: 30,
        batchSize: 150,
      }),
    );
    tableIds = generated.tables.map((t) => t.id);
  });

  it('creates tables with 6 to 12 member agencies, a coordinator and representatives', async () => {
    const rows = await db.loader.query<{ prefix: string; agencies: number; members: number }>(
      `select t.reference_prefix as prefix,
              (select count(*)::int from table_agency a where a.table_id = t.id) as agencies,
              (select count(*)::int from table_membership m where m.table_id = t.id) as members
       from situation_table t where t.id = any($1::uuid[])`,
      [tableIds],
    );
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.prefix).toMatch(/^[A-Z]{2,6}$/);
      expect(row.agencies).toBeGreaterThanOrEqual(6);
      expect(row.agencies).toBeLessThanOrEqual(12);
      expect(row.members).toBe(row.agencies + 1);
    }
  });

  it('writes the situations asked for, and statistics cells that sum the facts by cellsOf', async () => {
    const [count] = await db.loader.query<{ n: number }>(
      'select count(*)::int as n from situation where table_id = any($1::uuid[])',
      [tableIds],
    );
    expect(count?.n).toBe(400);

    const facts = await db.loader.query<Record<string, unknown>>(
      `select situation_id, table_id, period::text as period, situation_type, age_band, gender,
              outcome, rejection_reason, originating_sector, lead_sector, assisting_sectors,
              risk_factors, risk_categories, protective_factors, study_flags, conclusion_reason,
              risk_lowered, days_to_first_contact, first_contact_within_target, days_open, is_repeat
       from situation_fact where table_id = any($1::uuid[])`,
      [tableIds],
    );
    const expected = new Map<string, number>();
    for (const row of facts) {
      const fact = factOf(row);
      for (const cell of cellsOf(fact)) {
        const key = [fact.tableId, fact.period, cell.dimension, cell.key].join('\u0001');
        expected.set(key, (expected.get(key) ?? 0) + 1);
      }
    }
    const cells = await db.loader.query<{
      table_id: string;
      period: string;
      dimension: string;
      key: string;
      n: number;
      rounded: number;
    }>(
      `select table_id, period::text as period, dimension, key, n, rounded
       from stats_cell where table_id = any($1::uuid[])`,
      [tableIds],
    );
    const actual = new Map(
      cells.map((c) => [[c.table_id, c.period, c.dimension, c.key].join('\u0001'), c.n]),
    );
    expect(actual.size).toBe(expected.size);
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
    expect(generated.cells).toBe(cells.length);
    // Rounded to base 5 by the database, within 4 of the true count.
    for (const cell of cells) {
      expect(cell.rounded % 5).toBe(0);
      expect(Math.abs(cell.rounded - cell.n)).toBeLessThan(5);
    }
  });

  it('counts every discussed situation once in discussions, and no draft or filter-2 one', async () => {
    const [row] = await db.loader.query<{
      discussed: number;
      discussions: number;
      undecided_facts: number;
      undecided: number;
      wrong_period: number;
    }>(
      `select
         (select count(*)::int from situation s where s.table_id = any($1::uuid[])
            and s.stage not in ('draft', 'filter2')) as discussed,
         (select coalesce(sum(n), 0)::int from stats_cell c where c.table_id = any($1::uuid[])
            and c.dimension = 'discussions') as discussions,
         (select count(*)::int from situation_fact f join situation s on s.id = f.situation_id
            where f.table_id = any($1::uuid[]) and s.stage in ('draft', 'filter2')) as undecided_facts,
         (select count(*)::int from situation s where s.table_id = any($1::uuid[])
            and s.stage in ('draft', 'filter2')) as undecided,
         (select count(*)::int from situation_fact f join situation s on s.id = f.situation_id
            join situation_table t on t.id = s.table_id
            where f.table_id = any($1::uuid[])
              and f.period <> date_trunc('month', s.decided_at at time zone t.time_zone)::date)
           as wrong_period`,
      [tableIds],
    );
    expect(row?.discussions).toBe(row?.discussed);
    expect(row?.discussed).toBe(generated.discussed);
    expect(row?.undecided_facts).toBe(0);
    expect(row?.undecided).toBeGreaterThan(0);
    expect(row?.wrong_period).toBe(0);
  });

  it('keeps identity only while it would be held, sealed as the app seals it', async () => {
    const rows = await db.loader.query<{
      id: string;
      stage: string;
      summary: string | null;
      destroyed: boolean;
      key_id: string | null;
      sealed: string | null;
      closed_long_ago: boolean;
    }>(
      `select s.id, s.stage, s.summary, s.identity_destroyed_at is not null as destroyed,
              i.key_id, i.sealed,
              coalesce(s.closed_at < $2::timestamptz - interval '30 days', false) as closed_long_ago
       from situation s left join situation_identity i on i.situation_id = s.id
       where s.table_id = any($1::uuid[])`,
      [tableIds, NOW.toISOString()],
    );
    for (const row of rows) {
      const destroyed = row.stage === 'rejected' || row.closed_long_ago;
      expect(row.destroyed).toBe(destroyed);
      expect(row.summary === null).toBe(destroyed);
      expect(row.sealed === null).toBe(destroyed);
      if (row.sealed !== null) {
        const identity = vault.openJson(
          { keyId: row.key_id!, sealed: row.sealed },
          sealContext.identity(row.id),
        );
        expect(identitySchema.safeParse(identity).success).toBe(true);
      }
    }
    expect(rows.some((row) => row.sealed !== null)).toBe(true);
  });

  it('lets the app continue the reference series after the generated numbers', async () => {
    const rows = await db.loader.query<{ last_number: number; highest: number }>(
      `select c.last_number,
              (select max(split_part(s.reference, '-', 3)::int) from situation s
               join situation_table t on t.id = s.table_id
               where s.table_id = c.table_id
                 and s.reference like t.reference_prefix || '-' || c.year || '-%') as highest
       from situation_reference_counter c where c.table_id = any($1::uuid[])`,
      [tableIds],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.last_number).toBe(row.highest);
  });

  it('keeps no risk factor, lead or assisting agency in the facts of a rejected situation', async () => {
    const [row] = await db.loader.query<{ n: number; rejected: number }>(
      `select count(*) filter (where cardinality(risk_factors) > 0 or lead_sector is not null
                or cardinality(assisting_sectors) > 0 or cardinality(protective_factors) > 0)::int as n,
              count(*)::int as rejected
       from situation_fact where table_id = any($1::uuid[]) and outcome = 'rejected'`,
      [tableIds],
    );
    expect(row?.rejected).toBeGreaterThan(0);
    expect(row?.n).toBe(0);
  });
});

describe('the generator without a database', () => {
  /** Captures the rows a run would write, as COPY text, per table. */
  function capture() {
    const rows = new Map<string, string[]>();
    const loader: Loader = {
      kind: 'postgres',
      query: async () => [] as never[],
      buffer(table) {
        let count = 0;
        return {
          add(row: readonly Value[]) {
            count += 1;
            const list = rows.get(table) ?? [];
            list.push(row.map(copyField).join('\t'));
            rows.set(table, list);
          },
          get rows() {
            return count;
          },
          async flush() {
            count = 0;
          },
        };
      },
    };
    return { loader, rows };
  }

  it('gives the same data for the same seed (ids and ciphertext aside)', async () => {
    const run = async () => {
      const { loader, rows } = capture();
      // A capture loader has no code lists: the test's own database has them.
      const withCodes: Loader = {
        ...loader,
        query: (text, params) =>
          text.includes('from code') ? db.loader.query(text, params) : loader.query(text, params),
      };
      await generateData(withCodes, {
        tables: 2,
        situations: 300,
        seed: 'same',
        years: 1,
        now: NOW,
        vault,
        identityRetentionDays: 30,
      });
      const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
      return rows
        .get('situation_fact')!
        .concat(rows.get('situation')!)
        .map((line) => line.replace(uuid, 'ID'));
    };
    expect(await run()).toEqual(await run());
  });

  it('shapes the situations like the published reports', async () => {
    const { loader, rows } = capture();
    const withCodes: Loader = {
      ...loader,
      query: (text, params) =>
        text.includes('from code') ? db.loader.query(text, params) : loader.query(text, params),
    };
    await generateData(withCodes, {
      tables: 5,
      situations: 3000,
      seed: 'shape',
      years: 2,
      now: NOW,
      vault,
      identityRetentionDays: 30,
    });
    const facts = rows.get('situation_fact')!.map((line) => line.split('\t'));
    const accepted = facts.filter((f) => f[6] === 'accepted');
    const share = (n: number, of: number) => n / of;
    expect(share(accepted.length, facts.length)).toBeGreaterThan(0.84);
    expect(share(accepted.length, facts.length)).toBeLessThan(0.92);
    const individual = facts.filter((f) => f[3] === 'individual').length;
    expect(share(individual, facts.length)).toBeGreaterThan(0.7);
    const factorCounts = accepted.map((f) => f[11]!.slice(1, -1).split(',').length);
    const mean = factorCounts.reduce((a, b) => a + b, 0) / factorCounts.length;
    expect(mean).toBeGreaterThan(5);
    expect(mean).toBeLessThan(9);
    const closed = accepted.filter((f) => f[15] !== '\\N');
    const lowered = closed.filter((f) => f[16] === 't').length;
    expect(share(lowered, closed.length)).toBeGreaterThan(0.62);
    expect(share(lowered, closed.length)).toBeLessThan(0.78);
    const withinTarget = accepted.filter((f) => f[18] === 't').length;
    const contacted = accepted.filter((f) => f[18] !== '\\N').length;
    expect(share(withinTarget, contacted)).toBeGreaterThan(0.7);
    const mentalHealth = accepted.filter((f) => f[12]!.includes('mental_health')).length;
    const gambling = accepted.filter((f) => f[12]!.includes('gambling')).length;
    expect(mentalHealth).toBeGreaterThan(gambling * 5);
  });

  it('apportions a total by weights exactly', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(7, [0.5, 0, 1.5]).reduce((a, b) => a + b, 0)).toBe(7);
  });
});

function factOf(row: Record<string, unknown>): SituationFact {
  return {
    situationId: row.situation_id as string,
    tableId: row.table_id as string,
    period: row.period as string,
    situationType: row.situation_type as string,
    ageBand: row.age_band as string,
    gender: row.gender as string,
    outcome: row.outcome as 'accepted' | 'rejected',
    rejectionReason: row.rejection_reason as string | null,
    originatingSector: row.originating_sector as string,
    leadSector: row.lead_sector as string | null,
    assistingSectors: row.assisting_sectors as string[],
    riskFactors: row.risk_factors as string[],
    riskCategories: row.risk_categories as string[],
    protectiveFactors: row.protective_factors as string[],
    studyFlags: row.study_flags as string[],
    conclusionReason: row.conclusion_reason as string | null,
    riskLowered: row.risk_lowered as boolean | null,
    daysToFirstContact: row.days_to_first_contact as number | null,
    firstContactWithinTarget: row.first_contact_within_target as boolean | null,
    daysOpen: row.days_open as number | null,
    isRepeat: row.is_repeat as boolean,
  };
}
