/**
 * The synthetic-data generator writes through COPY (PGlite's /dev/blob here, or PostgreSQL's
 * COPY FROM STDIN with TEST_DATABASE_URL) rows the app accepts, and derives the statistics with
 * the statistics module's own rebuild, so they are what `pnpm stats:rebuild` would make.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { identitySchema } from '@fourfold/shared/situations';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createIdentityVault, keyRingFrom, sealContext } from '../../../src/lib/identity-vault';
import { rebuildStatisticsIn } from '../../../src/modules/statistics/facts.service';
import {
  apportion,
  createTables,
  generateSituations,
  idSequence,
  loadCodeLists,
} from '../../../src/modules/synthetic-data/generator';
import {
  copyField,
  kyselyOver,
  pgliteLoader,
  postgresLoader,
  type Loader,
  type Value,
} from '../../../src/modules/synthetic-data/loaders';
import {
  checkDerivedColumns,
  generateData,
} from '../../../src/modules/synthetic-data/synthetic-data.service';
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
    const rows = await db.loader.query<{
      prefix: string;
      agencies: number;
      members: number;
      meets: string;
    }>(
      `select t.reference_prefix as prefix, t.meeting_weekday || ' ' || t.meeting_time as meets,
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
      // A weekday and a time on the hour (binary COPY's smallint and time on PostgreSQL).
      expect(row.meets).toMatch(/^[1-5] (09|1[0-4]):00:00$/);
    }
  });

  it('writes the situations asked for, and the statistics a rebuild from them makes', async () => {
    const [count] = await db.loader.query<{ n: number }>(
      'select count(*)::int as n from situation where table_id = any($1::uuid[])',
      [tableIds],
    );
    expect(count?.n).toBe(400);

    const snapshot = async () => ({
      facts: await db.loader.query<Record<string, unknown>>(
        `select * from situation_fact where table_id = any($1::uuid[]) order by situation_id`,
        [tableIds],
      ),
      cells: await db.loader.query<Record<string, unknown>>(
        `select table_id, period::text as period, dimension, key, n, seed, rounded
         from stats_cell where table_id = any($1::uuid[])
         order by table_id, period, dimension, key`,
        [tableIds],
      ),
      totals: await db.loader.query<Record<string, unknown>>(
        `select period::text as period, dimension, key, n, rounded from stats_cell_total
         order by period, dimension, key`,
      ),
    });
    const generatedStatistics = await snapshot();
    expect(generatedStatistics.facts).toHaveLength(generated.discussed);
    expect(generatedStatistics.cells.length).toBeGreaterThan(generated.discussed);
    expect(generated.cells).toBe(generatedStatistics.cells.length);
    // Rounded to base 5 by the database, within 4 of the true count.
    for (const cell of generatedStatistics.cells as Array<{ n: number; rounded: number }>) {
      expect(cell.rounded % 5).toBe(0);
      expect(Math.abs(cell.rounded - cell.n)).toBeLessThan(5);
    }

    const rebuilt = await db.inTransaction((loader) => rebuildStatisticsIn(kyselyOver(loader)));
    expect(rebuilt.changedCells).toBe(0);
    expect(await snapshot()).toEqual(generatedStatistics);
  });

  it('gives every assigned situation its first-contact action item, done once contacted', async () => {
    const [row] = await db.loader.query<{
      assigned: number;
      items: number;
      wrong_status: number;
      closed_items: number;
    }>(
      `select count(*)::int as assigned,
              count(a.id)::int as items,
              count(*) filter (where a.status <> case when s.first_contact_at is null
                then 'open' else 'done' end)::int as wrong_status,
              count(a.id) filter (where s.stage = 'closed')::int as closed_items
       from situation s
       left join action_item a on a.situation_id = s.id and a.kind = 'first_contact'
       where s.table_id = any($1::uuid[]) and s.assigned_at is not null`,
      [tableIds],
    );
    expect(row?.assigned).toBeGreaterThan(0);
    expect(row?.items).toBe(row?.assigned);
    expect(row?.wrong_status).toBe(0);
    expect(row?.closed_items).toBeGreaterThan(0);
  });

  it('writes the counts and due times the triggers keep, and leaves the triggers as they were', async () => {
    const [row] = await db.loader.query<{ wrong_count: number; wrong_due: number; due: number }>(
      `select count(*) filter (where s.risk_factor_count <> (select count(*) from situation_code c
                where c.situation_id = s.id and c.list = 'risk_factor'))::int as wrong_count,
              count(*) filter (where s.first_contact_due_at is distinct from a.due_at)::int as wrong_due,
              count(s.first_contact_due_at)::int as due
       from situation s
       left join action_item a on a.situation_id = s.id and a.kind = 'first_contact'
       where s.table_id = any($1::uuid[])`,
      [tableIds],
    );
    expect(row).toEqual({ wrong_count: 0, wrong_due: 0, due: expect.any(Number) });
    expect(row?.due).toBeGreaterThan(0);
    await expect(checkDerivedColumns(db.loader, generated.tables)).resolves.toBeUndefined();
    // The load's own check sees a count that is off (and the transaction rolls it back).
    await expect(
      db.inTransaction(async (loader) => {
        await loader.query(
          `update situation set risk_factor_count = risk_factor_count + 1
           where id = (select id from situation where table_id = any($1::uuid[]) limit 1)`,
          [tableIds],
        );
        await checkDerivedColumns(loader, generated.tables);
      }),
    ).rejects.toThrow(/derived columns/);
    const triggers = await db.loader.query<{ name: string; mode: string }>(
      `select tgname as name, tgenabled as mode from pg_trigger
       where tgname in ('situation_code_count_insert', 'situation_first_contact_due_insert')
       order by 1`,
    );
    expect(triggers).toEqual([
      { name: 'situation_code_count_insert', mode: 'A' },
      { name: 'situation_first_contact_due_insert', mode: 'A' },
    ]);
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

  // 3,000 situations through the embedded database and its statistics rebuild: slow on a busy
  // machine.
  it('shapes the situations like the published reports', { timeout: 180_000 }, async () => {
    const shaped = await db.inTransaction((loader) =>
      generateData(loader, {
        tables: 5,
        situations: 3000,
        seed: 'shape',
        years: 2,
        now: NOW,
        vault,
        identityRetentionDays: 30,
      }),
    );
    const facts = (
      await db.loader.query<{ line: string }>(
        `select concat_ws(e'\\t', situation_id, table_id, period, situation_type, age_band, gender,
           outcome, coalesce(rejection_reason, '\\N'), originating_sector, coalesce(lead_sector, '\\N'),
           assisting_sectors, risk_factors, risk_categories, protective_factors, study_flags,
           coalesce(conclusion_reason, '\\N'),
           case when risk_lowered then 't' when not risk_lowered then 'f' else '\\N' end,
           coalesce(days_to_first_contact::text, '\\N'),
           case when first_contact_within_target then 't'
             when not first_contact_within_target then 'f' else '\\N' end) as line
         from situation_fact where table_id = any($1::uuid[])`,
        [shaped.tables.map((t) => t.id)],
      )
    ).map((row) => row.line.split('\t'));
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
});

describe('the generator without a database', () => {
  /** Captures the rows a run would write, as COPY text, per table. */
  function capture() {
    const rows = new Map<string, string[]>();
    const loader: Loader = {
      kind: 'postgres',
      query: async () => [] as never[],
      execute: async () => ({ rows: [] as never[], affected: 0 }),
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
          take() {
            count = 0;
            return async () => undefined;
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
      // The base tables only: the statistics derived from them are the rebuild's (tested above).
      const nextId = idSequence();
      const codes = await loadCodeLists(withCodes);
      const tables = await createTables(withCodes, 2, { seed: 'same', now: NOW, nextId, codes });
      await generateSituations(
        withCodes,
        tables,
        codes,
        {
          openStages: true,
          situations: 300,
          seed: 'same',
          years: 1,
          now: NOW,
          vault,
          identityRetentionDays: 30,
        },
        nextId,
      );
      const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
      const tablesOf = ['situation', 'situation_code', 'situation_agency_present', 'action_item'];
      return tablesOf.flatMap((table) => rows.get(table)!).map((line) => line.replace(uuid, 'ID'));
    };
    expect(await run()).toEqual(await run());
  });

  it('apportions a total by weights exactly', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(7, [0.5, 0, 1.5]).reduce((a, b) => a + b, 0)).toBe(7);
  });
});
