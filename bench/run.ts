/**
 * `pnpm bench`: statistics at the scale of a province, each figure beside a bare baseline.
 *
 *   pnpm bench                                   1,000,000 situations, 10 tables, every suite
 *   pnpm bench --situations 50000 --tables 10    smaller
 *   pnpm bench --suites summary,export           reuse the bench database as it is
 *
 * Generation drops and recreates the database `fourfold_bench` on the local PostgreSQL, migrates
 * it and runs the real generator (`pnpm data:generate`). Then the real API starts in a child
 * process on an ephemeral port, an analyst of every table signs in through the sign-in route, and
 * the summary and export suites run against it and against their SQL baselines. The results go
 * into docs/benchmarks.md (their own section; other sections are kept) and to stdout.
 *
 * The api suite sets the API against bare Fastify + pg routes (the situation list, one situation, a
 * draft edit) and the startup suite times the built server's start in embedded mode; they write
 * their own section (bench/render-api.ts).
 *
 * Never part of `pnpm test` or CI: it takes minutes and wants a quiet machine.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../apps/api/src/config';
import { createAnalyst } from './lib/analyst';
import { startApi, type ApiProcess } from './lib/api-process';
import { benchEnvironment, connect, freshDatabase, migrate, withDatabase } from './lib/database';
import type { LoadOptions } from './lib/load';
import { describeMachine } from './lib/machine';
import { profileDirectory, summariseProfiles } from './lib/profile';
import { writeBlocks } from './lib/report';
import { blockNames, renderReport, type BenchRun } from './render';
import { apiBlockNames, renderApiReport, type ApiRun } from './render-api';
import { runApiSuite } from './suites/api';
import { runStartupSuite } from './suites/startup';
import { renderAuditVerify } from './render-audit';
import { runAuditVerify } from './suites/audit-verify';
import { runCopyBaseline, runExportOnce } from './suites/export';
import { runGeneration } from './suites/generate';
import { openBreakdownDatabase, summaryBreakdown } from './suites/summary-breakdown';
import { explain, rollupSql, runSummaryCase, type SummaryCase } from './suites/summary';
import { useAnalyst } from './suites/tokens';
import { renderWeb } from './render-web';
import { runWebSuite } from './suites/web';

const suites = ['generate', 'summary', 'export', 'api', 'startup', 'audit-verify', 'web'] as const;
type Suite = (typeof suites)[number];

const { values: args } = parseArgs({
  options: {
    situations: { type: 'string', default: '1000000' },
    // 100,000 situations a table: the size issue #12 measures the lists at.
    tables: { type: 'string', default: '10' },
    seed: { type: 'string', default: '20261130' },
    suites: { type: 'string', default: suites.join(',') },
    /** Seconds each timed loop runs (at least `min-calls` calls are made whatever it says). */
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '4' },
    'export-runs': { type: 'string', default: '2' },
    /** The api suite's deep page, reached by following cursors; start-ups of each kind timed. */
    'deep-page': { type: 'string', default: '200' },
    'startup-runs': { type: 'string', default: '3' },
    'audit-events': { type: 'string', default: '1000000' },
    database: { type: 'string', default: 'fourfold_bench' },
    'server-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    out: { type: 'string', default: 'docs/benchmarks.md' },
    'no-write': { type: 'boolean', default: false },
    /** CPU profiles of the generator and the API child, summarised in the report. */
    profile: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  console.log(
    'pnpm bench [--situations N] [--tables N] [--seed S]\n' +
      '           [--suites generate,summary,export,api,startup,audit-verify,web]\n' +
      '           [--deep-page N] [--startup-runs N]\n' +
      '           [--duration SECONDS] [--connections N] [--export-runs N] [--database NAME]\n' +
      '           [--audit-events N]   chained events for audit-verify (own database)\n' +
      '           [--server-url postgres://…/postgres] [--out docs/benchmarks.md] [--no-write]\n' +
      '           [--profile]   CPU profiles of the generator and the API (slows them a little)',
  );
  process.exit(0);
}

const positive = (name: string, value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`--${name} must be a whole number`);
  return number;
};
const chosen = new Set(
  args.suites.split(',').map((name) => {
    if (!suites.includes(name as Suite)) throw new Error(`unknown suite ${name}`);
    return name as Suite;
  }),
);
const size = {
  situations: positive('situations', args.situations),
  tables: positive('tables', args.tables),
  seed: positive('seed', args.seed),
};
const durationMs = positive('duration', args.duration) * 1000;
const connections = positive('connections', args.connections);
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

const sequential: LoadOptions = {
  concurrency: 1,
  warmup: 3,
  durationMs,
  minCalls: 20,
  maxCalls: 100_000,
};
const concurrent: LoadOptions = { ...sequential, concurrency: connections, minCalls: 40 };
// The base tables take seconds a query at full size: a few calls are enough to say how many.
const naive: LoadOptions = { concurrency: 1, warmup: 1, durationMs, minCalls: 3, maxCalls: 50 };

/** `YYYY-MM` moved by a number of months. */
function addMonths(month: string, delta: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const log = (message: string) => console.error(`[bench ${new Date().toISOString()}] ${message}`);

async function main() {
  // The web suite: the built app on its own (no bench database), its own block of the report.
  if (chosen.has('web')) {
    log('web: first download and Lighthouse on the built app');
    const web = await runWebSuite();
    const block = renderWeb(web);
    console.log(block);
    if (!args['no-write']) {
      await writeBlocks(
        fileURLToPath(new URL(args.out, `file://${repoRoot}/`)),
        ['lighthouse'],
        { lighthouse: block },
        'web',
      );
    }
    if (chosen.size === 1) return;
  }
  const run: BenchRun = {
    date: new Date().toISOString(),
    size,
    suites: [...chosen],
    options: { durationMs, connections },
    machine: undefined!,
  };
  const admin = await connect(args['server-url']);
  run.machine = await describeMachine(admin);
  await admin.end();

  // audit-verify: a database of its own (fourfold_bench_audit) and a block of its own.
  if (chosen.has('audit-verify')) {
    const result = await runAuditVerify({
      serverUrl: args['server-url'],
      database: 'fourfold_bench_audit',
      events: positive('audit-events', args['audit-events']),
      runs: 3,
      log,
    });
    const block = renderAuditVerify(result, run.machine, run.date);
    console.log(block);
    if (!args['no-write']) {
      await writeBlocks(
        fileURLToPath(new URL(args.out, `file://${repoRoot}/`)),
        ['verify'],
        { verify: block },
        'audit',
      );
    }
    if (chosen.size === 1) return;
  }

  const databaseUrl = withDatabase(args['server-url'], args.database);
  let environment = benchEnvironment(databaseUrl);
  if (chosen.has('generate')) {
    log(`creating ${args.database}`);
    await freshDatabase(args['server-url'], args.database);
    await migrate(environment);
    const client = await connect(databaseUrl);
    log(`generating ${size.situations} situations across ${size.tables} tables`);
    const profiles = args.profile ? await profileDirectory('generate') : undefined;
    run.generation = await runGeneration(
      client,
      environment,
      size,
      profiles ? ['--cpu-prof', `--cpu-prof-dir=${profiles}`] : [],
    );
    if (profiles) run.generationProfile = await summariseProfiles(profiles);
    log(`generated in ${run.generation.seconds.toFixed(1)} s`);
    // What a bulk load is followed by in production too: fresh planner statistics.
    const started = performance.now();
    await client.query('vacuum analyze');
    run.analyzeSeconds = (performance.now() - started) / 1000;
    await client.end();
  } else {
    await migrate(environment);
  }

  // --- The API against bare baselines, and start-up (#12, point 4) -------------------------
  const apiRun: ApiRun = { date: run.date, machine: run.machine };
  if (chosen.has('api')) {
    const client = await connect(databaseUrl);
    const apiEnvironment = benchEnvironment(databaseUrl);
    const profiles = args.profile ? await profileDirectory('api-suite') : undefined;
    log('api: starting the API and the bare baseline');
    const api = await startApi(
      apiEnvironment,
      profiles ? ['--cpu-prof', `--cpu-prof-dir=${profiles}`] : [],
    );
    const bare = await startApi(
      apiEnvironment,
      [],
      fileURLToPath(new URL('bare-server.ts', import.meta.url)),
    );
    try {
      apiRun.api = await runApiSuite({
        apiUrl: api.baseUrl,
        bareUrl: bare.baseUrl,
        client,
        load: { connections, durationSeconds: durationMs / 1000, warmupSeconds: 2 },
        deepPage: positive('deep-page', args['deep-page']),
        log,
      });
    } finally {
      apiRun.apiErrors = api.loggedErrors();
      await Promise.all([api.stop(), bare.stop(), client.end()]);
    }
    if (profiles) apiRun.apiProfile = await summariseProfiles(profiles);
  }
  if (chosen.has('startup')) {
    log('startup: the built server in embedded mode');
    apiRun.startup = await runStartupSuite(positive('startup-runs', args['startup-runs']), log);
  }
  if (apiRun.api || apiRun.startup) await finishApi(apiRun);
  // ------------------------------------------------------------------------------------------

  if (!chosen.has('summary') && !chosen.has('export')) {
    return chosen.has('generate') ? finish(run) : undefined;
  }

  const client = await connect(databaseUrl);
  const data = await client.query<{
    first: string | null;
    last: string | null;
    facts: string;
    tables: string;
  }>(
    `select to_char(min(period), 'YYYY-MM') as first, to_char(max(period), 'YYYY-MM') as last,
            count(*) as facts,
            count(distinct table_id) as tables from situation_fact`,
  );
  const { first, last } = data.rows[0]!;
  if (first === null || last === null)
    throw new Error('situation_fact is empty: run the generate suite first');
  const tableIds = (
    await client.query<{ id: string }>('select id from situation_table order by name')
  ).rows.map((row) => row.id);
  const largest = await client.query<{ table_id: string; facts: string }>(
    `select table_id, count(*) as facts from situation_fact
     where period between $1::date and $2::date
     group by table_id order by count(*) desc limit 1`,
    [`${addMonths(last, -11)}-01`, `${last}-01`],
  );
  const byDimension = await client.query<{ dimension: string; cells: string; n: string }>(
    `select dimension, count(*) as cells, sum(n) as n from stats_cell
     group by dimension order by count(*) desc`,
  );
  run.data = {
    cellsByDimension: byDimension.rows.map((row) => ({
      dimension: row.dimension,
      cells: Number(row.cells),
      n: Number(row.n),
    })),
    facts: Number(data.rows[0]!.facts),
    tables: tableIds.length,
    firstMonth: first,
    lastMonth: last,
  };
  const analyst = await createAnalyst(client);
  await client.end();

  // A fresh environment is fine: the API signs its own tokens with whatever secret it is given.
  environment = benchEnvironment(databaseUrl);
  log('starting the API');
  const apiProfiles = args.profile ? await profileDirectory('api') : undefined;
  const api: ApiProcess = await startApi(
    environment,
    apiProfiles ? ['--cpu-prof', `--cpu-prof-dir=${apiProfiles}`] : [],
  );
  const pool = new pg.Pool({ connectionString: databaseUrl, max: connections });
  try {
    useAnalyst(api.baseUrl, analyst);
    if (chosen.has('summary')) {
      const cases: SummaryCase[] = [
        {
          name: 'a',
          label: `all ${tableIds.length} tables × 12 months, by month`,
          tableIds: [],
          from: addMonths(last, -11),
          to: last,
          interval: 'month',
        },
        {
          name: 'b',
          label: 'one table (the largest) × 12 months, by month',
          tableIds: [largest.rows[0]!.table_id],
          from: addMonths(last, -11),
          to: last,
          interval: 'month',
        },
        {
          name: 'c',
          label: `all ${tableIds.length} tables × 24 months, by quarter`,
          tableIds: [],
          from: addMonths(last, -23),
          to: last,
          interval: 'quarter',
        },
      ];
      run.summary = [];
      const database = await openBreakdownDatabase(environment);
      try {
        for (const summaryCase of cases) {
          log(`summary (${summaryCase.name}) ${summaryCase.label}`);
          run.summary.push(
            await runSummaryCase(summaryCase, {
              baseUrl: api.baseUrl,
              pool,
              db: database.db,
              allTableIds: tableIds,
              sequential,
              concurrent,
              naive,
            }),
          );
        }
        log('summary: where the time goes');
        run.breakdown = {};
        for (const summaryCase of cases) {
          run.breakdown[summaryCase.name] = await summaryBreakdown(database, summaryCase, {
            baseUrl: api.baseUrl,
            tableIds: summaryCase.tableIds.length ? summaryCase.tableIds : tableIds,
            allTableIds: tableIds,
            analyst,
            threshold: loadConfig(environment).statistics.suppressionThreshold,
            calls: 5,
          });
        }
      } finally {
        await database.close();
      }
      const a = cases[0]!;
      run.rollupPlan = await explain(pool, rollupSql(a.interval), [
        tableIds,
        `${a.from}-01`,
        `${a.to}-01`,
      ]);
    }
    if (chosen.has('export')) {
      // The export reads and generalises one table and calendar year at a time, and publishes a
      // class that overlaps the window whole: a calendar year makes the rows the same as the
      // baseline's. The last complete year with data, else the last twelve months.
      const year = Number(last.slice(0, 4)) - (last.endsWith('-12') ? 0 : 1);
      const window =
        first <= `${year}-01`
          ? { from: `${year}-01`, to: `${year}-12` }
          : { from: addMonths(last, -11), to: last };
      log(`export ${window.from} to ${window.to}, every table`);
      const runs = [];
      for (let i = 0; i < positive('export-runs', args['export-runs']); i++) {
        runs.push(await runExportOnce(api.baseUrl, api.pid, window));
        log(`export run ${i + 1}: ${runs.at(-1)!.status}, ${runs.at(-1)!.rows} rows`);
      }
      const baseline = await runCopyBaseline(databaseUrl, window);
      run.export = { ...window, runs, baseline };
    }
  } finally {
    run.apiErrors = api.loggedErrors();
    await pool.end();
    await api.stop();
  }
  if (apiProfiles) run.apiProfile = await summariseProfiles(apiProfiles);
  return finish(run);
}

async function finishApi(apiRun: ApiRun) {
  apiRun.loadAverageEnd = os.loadavg() as [number, number, number];
  const blocks = renderApiReport(apiRun);
  console.log(
    apiBlockNames
      .map((name) => blocks[name] ?? '')
      .filter(Boolean)
      .join('\n\n'),
  );
  if (!args['no-write']) {
    const file = new URL(args.out, `file://${repoRoot}/`);
    await writeBlocks(fileURLToPath(file), apiBlockNames, blocks, 'api');
    log(`api blocks written to ${args.out}`);
  }
}

async function finish(run: BenchRun) {
  run.loadAverageEnd = os.loadavg() as [number, number, number];
  const blocks = renderReport(run);
  console.log(
    blockNames
      .map((name) => blocks[name] ?? '')
      .filter(Boolean)
      .join('\n\n'),
  );
  if (!args['no-write']) {
    const file = new URL(args.out, `file://${repoRoot}/`);
    await writeBlocks(fileURLToPath(file), blockNames, blocks);
    log(`written to ${args.out}`);
  }
}

await main();
