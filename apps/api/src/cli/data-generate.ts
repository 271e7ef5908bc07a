/**
 * `pnpm data:generate --tables N --situations N [--seed S] [--years Y]`: realistic synthetic
 * situation tables and situations, for trying the statistics and measuring the app at scale.
 * Connects like the app (DATABASE_URL: PostgreSQL through COPY FROM STDIN; otherwise the embedded
 * database in DATA_DIR through PGlite's COPY from a blob, holding the data-dir lock), migrates
 * first, writes everything in one transaction, and analyzes the tables it filled.
 *
 * Phases, each timed: start-up (connect, migrate), base tables (generate and COPY, the next batch
 * generated while the database takes the last), indexes (on PostgreSQL, a large load drops the
 * secondary indexes of the tables it fills and builds them again after, which is faster than
 * keeping them row by row; the constraints' own indexes stay), statistics (the statistics
 * module's rebuild, set-based), check (parents of a load without foreign-key triggers), analyze.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { SingleBar } from 'cli-progress';
import pg from 'pg';
import pino from 'pino';
import { ConfigError, loadConfig } from '../config';
import { embeddedDatabase, openDatabase, type DatabaseHandle } from '../db/database';
import { lockDataDir } from '../db/data-dir-lock';
import { migrateToLatest } from '../db/migrator';
import { resolveSecrets } from '../lib/app-secrets';
import { createIdentityVault } from '../lib/identity-vault';
import { GENERATED_TABLES } from '../modules/synthetic-data/generator';
import { pgliteLoader, postgresLoader, type Loader } from '../modules/synthetic-data/loaders';
import {
  checkDerivedColumns,
  generateData,
  validateLoad,
  type GenerateDataResult,
} from '../modules/synthetic-data/synthetic-data.service';

const usage = `Usage: pnpm data:generate --tables N --situations N [--seed S] [--years Y]

Creates N situation tables (with 6–12 member agencies, a coordinator and one representative each)
and spreads N situations over them and over the last Y years, shaped like published
situation-table reports. Writes their statistics too. Deterministic for a given seed.

  --tables N               tables to create (1–1000, default 10)
  --situations N           situations to generate (0–10000000, default 10000)
  --seed S                 seed of the random choices (default "fourfold")
  --years Y                years of history (1–10, default 2)
  --check-foreign-keys     keep foreign-key checks on during the load (slower; by default a
                           superuser on PostgreSQL loads with them off and checks afterwards)
  --json                   print the result as one JSON object (counts and each phase's seconds)
  --help                   this text

A progress bar is drawn on a terminal (stderr); otherwise only the result is printed.

Database and keys: configured as for the app. DATABASE_URL set: PostgreSQL, with the app's
variables (IDENTITY_KEY seals the identity of open situations); unset: the embedded database in
DATA_DIR and its local keys (stop the app first).`;

type Options = {
  tables: number;
  situations: number;
  seed: string;
  years: number;
  checkForeignKeys: boolean;
  json: boolean;
};

function parseOptions(argv: string[]): Options | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      tables: { type: 'string', default: '10' },
      situations: { type: 'string', default: '10000' },
      seed: { type: 'string', default: 'fourfold' },
      years: { type: 'string', default: '2' },
      'check-foreign-keys': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';
  const integer = (name: string, text: string, min: number, max: number) => {
    if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
      throw new UsageError(`--${name} must be a whole number from ${min} to ${max}.`);
    }
    return Number(text);
  };
  if (values.seed.length === 0 || values.seed.length > 100) {
    throw new UsageError('--seed must be 1 to 100 characters.');
  }
  return {
    tables: integer('tables', values.tables, 1, 1000),
    situations: integer('situations', values.situations, 0, 10_000_000),
    seed: values.seed,
    years: integer('years', values.years, 1, 10),
    checkForeignKeys: values['check-foreign-keys'],
    json: values.json,
  };
}

class UsageError extends Error {}

type Phase = 'start-up' | 'base tables' | 'indexes' | 'statistics' | 'check' | 'analyze';

/** Seconds per phase, in the order they ran. */
function phaseClock() {
  const seconds = new Map<Phase, number>();
  let current: Phase = 'start-up';
  let since = Date.now();
  return {
    seconds,
    next(phase: Phase) {
      seconds.set(current, (seconds.get(current) ?? 0) + (Date.now() - since) / 1000);
      current = phase;
      since = Date.now();
    },
    stop() {
      seconds.set(current, (seconds.get(current) ?? 0) + (Date.now() - since) / 1000);
    },
  };
}

/**
 * Drops the secondary indexes of the filled tables (not those of a primary key or unique
 * constraint, which the statistics' upserts need) and returns their definitions, to build them
 * again after the load. Only when the load is at least as large as what the tables hold already:
 * otherwise keeping the indexes costs less than rebuilding them. Inside the load's transaction,
 * so a failed load leaves them as they were.
 */
async function dropSecondaryIndexes(loader: Loader, situations: number): Promise<string[]> {
  const [size] = await loader.query<{ rows: number }>(
    `select greatest(reltuples, 0)::float8 as rows from pg_class where oid = 'situation'::regclass`,
  );
  if ((size?.rows ?? 0) > situations) return [];
  const indexes = await loader.query<{ name: string; definition: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
     from pg_index i
     where i.indrelid = any($1::regclass[])
       and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
     order by 1`,
    [GENERATED_TABLES],
  );
  for (const index of indexes) await loader.query(`drop index ${index.name}`);
  return indexes.map((index) => index.definition);
}

async function main(): Promise<void> {
  let options: Options | 'help';
  try {
    options = parseOptions(process.argv.slice(2).filter((arg) => arg !== '--'));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    process.exitCode = 2;
    return;
  }
  if (options === 'help') {
    console.log(usage);
    return;
  }
  const started = Date.now();
  const clock = phaseClock();
  const config = loadConfig();
  const log = pino({ level: config.logLevel === 'info' ? 'warn' : config.logLevel });
  const vault = createIdentityVault((await resolveSecrets(config)).identityKeys);

  const bar = process.stderr.isTTY
    ? new SingleBar({
        format: '{phase} [{bar}] {percentage}% {value}/{total} situations {rate}/s',
        stream: process.stderr,
        hideCursor: true,
      })
    : null;
  let loadStarted = Date.now();
  const onProgress = (done: number) =>
    bar?.update(done, {
      rate: Math.round(done / Math.max(0.001, (Date.now() - loadStarted) / 1000)),
    });
  const enter = (phase: Phase) => {
    clock.next(phase);
    bar?.update({ phase });
  };

  const run = async (loader: Loader, replica: boolean, large: boolean) => {
    enter('base tables');
    loadStarted = Date.now();
    bar?.start(options.situations, 0, { rate: 0, phase: 'base tables' });
    const dropped = large ? await dropSecondaryIndexes(loader, options.situations) : [];
    const result = await generateData(loader, {
      ...options,
      vault,
      identityRetentionDays: config.identityRetentionDays,
      onProgress,
      onPhase: async () => {
        if (dropped.length > 0) {
          enter('indexes');
          for (const definition of dropped) await loader.query(definition);
        }
        enter('statistics');
      },
    });
    enter('check');
    // The situations' trigger-maintained columns, written by the generator with the triggers off.
    await checkDerivedColumns(loader, result.tables);
    if (replica) {
      await validateLoad(loader, result.tables, {
        situations: result.situations,
        facts: result.discussed,
      });
    }
    return result;
  };

  let result: GenerateDataResult;
  let foreignKeys: string;
  if (config.database.kind === 'postgres') {
    const handle = await openDatabase(config.database, log);
    try {
      await migrateToLatest(handle.db);
    } finally {
      await handle.close();
    }
    const client = new pg.Client({
      connectionString: config.database.url,
      application_name: 'fourfold-data-generate',
    });
    await client.connect();
    try {
      const loader = postgresLoader(client);
      const [role] = await loader.query<{ superuser: boolean }>(
        `select current_setting('is_superuser') = 'on' as superuser`,
      );
      const replica = !options.checkForeignKeys && role?.superuser === true;
      foreignKeys = replica ? 'off during the load, checked after' : 'checked per row';
      await client.query('begin');
      try {
        // Foreign-key triggers cost about a third of the load (see doc-data.md); a superuser may
        // turn them off for this transaction, and validateLoad checks the parents afterwards.
        if (replica) await client.query('set local session_replication_role = replica');
        // The statistics' GROUP BY (millions of cells) and the index builds in memory, not in
        // temporary files; for this transaction only.
        await client.query(`set local work_mem = '256MB'`);
        await client.query(`set local maintenance_work_mem = '512MB'`);
        result = await run(loader, replica, true);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      }
      enter('analyze');
      await analyze(loader);
    } finally {
      await client.end();
    }
  } else {
    const dataDir = config.database.dataDir;
    await mkdir(dataDir, { recursive: true });
    const unlock = await lockDataDir(dataDir, log);
    const pglite = await PGlite.create(path.join(dataDir, 'pgdata'));
    const handle: DatabaseHandle = embeddedDatabase(pglite, log, async () => {
      await pglite.close();
      await unlock();
    });
    try {
      await migrateToLatest(handle.db);
      // One process, one connection: foreign keys stay on (PGlite spends its time elsewhere).
      foreignKeys = 'checked per row';
      result = await pglite.transaction((tx) => run(pgliteLoader(tx), false, false));
      enter('analyze');
      await analyze(pgliteLoader(pglite));
    } finally {
      await handle.close();
    }
  }
  clock.stop();
  bar?.update(result.situations);
  bar?.stop();
  const seconds = (Date.now() - started) / 1000;
  const phases = Object.fromEntries(
    [...clock.seconds].map(([phase, s]) => [phase, Math.round(s * 1000) / 1000]),
  );
  const load = clock.seconds.get('base tables') ?? 0;
  if (options.json) {
    console.log(
      JSON.stringify({
        database: config.database.kind,
        tables: result.tables.length,
        situations: result.situations,
        discussed: result.discussed,
        identities: result.identities,
        repeats: result.repeats,
        facts: result.facts,
        cells: result.cells,
        rows: result.rows,
        foreignKeys,
        seconds,
        phases,
      }),
    );
    return;
  }
  console.log(
    `Generated ${result.tables.length} tables and ${result.situations} situations ` +
      `(${result.discussed} discussed, ${result.identities} identities, ${result.repeats} ` +
      `repeats, ${result.cells} statistics cells) on ${config.database.kind === 'postgres' ? 'PostgreSQL' : 'the embedded database'} ` +
      `in ${seconds.toFixed(1)} s, base tables ${Math.round(result.situations / Math.max(load, 0.001))} ` +
      `situations/s (foreign keys ${foreignKeys}). Phases: ` +
      [...clock.seconds].map(([phase, s]) => `${phase} ${s.toFixed(1)} s`).join(', ') +
      '.',
  );
}

async function analyze(loader: Loader): Promise<void> {
  for (const table of GENERATED_TABLES) await loader.query(`analyze ${table}`);
}

try {
  await main();
} catch (error) {
  if (error instanceof ConfigError) console.error(error.message);
  else if (error instanceof Error && error.name === 'DataDirInUseError')
    console.error(error.message);
  // The class and message of our own errors; a driver's message can quote values, so not theirs.
  else if (error instanceof Error && !('code' in error)) console.error(`Failed: ${error.message}`);
  else console.error(`Failed: ${error instanceof Error ? error.name : 'unknown error'}`);
  process.exitCode = 1;
}
