/** The statistics section of docs/benchmarks.md, from one run. */
import type { Machine } from './lib/machine';
import type { ProfileSummary } from './lib/profile';
import { megabytes } from './lib/memory';
import { latency, ms, ratio, table, thousands, measuredOn } from './lib/report';
import type { ExportResult } from './suites/export';
import type { GenerationResult } from './suites/generate';
import type { SummaryCaseResult } from './suites/summary';
import type { Breakdown } from './suites/summary-breakdown';

export type BenchRun = {
  date: string;
  size: { situations: number; tables: number; seed: number };
  suites: string[];
  options: { durationMs: number; connections: number };
  machine: Machine;
  loadAverageEnd?: [number, number, number];
  generation?: GenerationResult;
  analyzeSeconds?: number;
  generationProfile?: ProfileSummary;
  apiProfile?: ProfileSummary;
  /** What the API logged as errors during the run, by class and code. */
  apiErrors?: Record<string, number>;
  data?: {
    facts: number;
    tables: number;
    firstMonth: string;
    lastMonth: string;
    cellsByDimension: { dimension: string; cells: number; n: number }[];
  };
  summary?: SummaryCaseResult[];
  breakdown?: Record<string, Breakdown>;
  rollupPlan?: string;
  export?: ExportResult;
};

const GOALS = {
  summaryMs: 1000,
  exportMemoryMiB: 150,
  generationPerSecond: 50_000,
};

const verdict = (ok: boolean) => (ok ? 'meets the goal' : '**misses the goal**');

export const blockNames = ['intro', 'generate', 'summary', 'export'] as const;
export type BlockName = (typeof blockNames)[number];
export type ReportBlocks = Partial<Record<BlockName, string>>;

export function renderReport(run: BenchRun): ReportBlocks {
  const blocks: ReportBlocks = {};
  blocks.intro = `## Statistics at the scale of a province (\`pnpm bench\`)

Goals (issue #10): the summary "well under a second" for a province (100 tables, 1,000,000
situations); the export streaming with at most ~150 MB of memory above idle; generation at 50,000
situations/s or more. Each suite below says when it last ran and on what.

To reproduce, on a machine with PostgreSQL 15 listening on 127.0.0.1:5432 (trust for
\`postgres\`) and psql: \`pnpm install && pnpm bench\` (drops and recreates the database
\`fourfold_bench\`, generates 1,000,000 situations across 10 tables (100,000 a table), runs every suite and
rewrites the blocks of this section it ran). Smaller: \`pnpm bench --situations 100000 --tables
100\`; one suite on the database already generated: \`pnpm bench --suites summary\` (or
\`export\`); where the time goes: \`--profile\`; the rest: \`pnpm bench --help\`.`;

  if (run.generation) {
    const g = run.generation;
    blocks.generate = `### Generation

${measuredOn(run)}

\`pnpm data:generate --tables ${g.tables} --situations ${g.situations} --seed ${g.seed} --json\`
(its CLI, \`node --import tsx src/cli/data-generate.ts\` in apps/api, without the pnpm wrappers)
into an empty, migrated database. The goal is for the load of the base tables (generate and COPY,
then their secondary indexes and the check phase: the foreign-key check and, since the generator
writes the two columns the codes' and items' triggers keep, their set-based check):
**${thousands(g.loadPerSecond)} situations/s** (base tables alone ${thousands(g.baseTablesPerSecond)}/s) —
${verdict(g.loadPerSecond >= GOALS.generationPerSecond)} (≥ ${thousands(GOALS.generationPerSecond)}/s).
The derived statistics (\`situation_fact\`, ${thousands(g.cells)} \`stats_cell\` rows and their
totals, built set-based by the statistics module's rebuild in the same transaction) are counted
separately. From start to exit: ${g.seconds.toFixed(1)} s (${thousands(g.situationsPerSecond)} situations/s).
\`vacuum analyze\` afterwards: ${run.analyzeSeconds?.toFixed(1) ?? '—'} s (not counted).

${table(
  ['Phase', 'Seconds'],
  Object.entries(g.phases).map(([phase, seconds]) => [phase, seconds.toFixed(1)]),
)}

${table(
  ['Table', 'Rows', 'Size (MiB, with indexes)'],
  Object.keys(g.rows).map((name) => [
    `\`${name}\``,
    thousands(g.rows[name]!),
    g.sizesMiB[name]!.toFixed(0),
  ]),
)}${run.generationProfile ? `\n\n${renderProfile('the generator', run.generationProfile)}` : ''}`;
  }

  let data = '';
  if (run.data) {
    data = `Data read: ${thousands(run.data.facts)} discussed situations
(\`situation_fact\` rows) across ${run.data.tables} tables, ${run.data.firstMonth} to
${run.data.lastMonth}; the summary's windows end at the last month with data.

<details><summary>\`stats_cell\` rows per dimension (cells, and the situations they count)</summary>

${table(
  ['Dimension', 'Cells', 'Sum of n', 'n per cell'],
  run.data.cellsByDimension.map((d) => [
    d.dimension,
    thousands(d.cells),
    thousands(d.n),
    (d.n / d.cells).toFixed(1),
  ]),
)}

</details>`;
  }

  if (run.summary) {
    const o = run.options;
    const rows = run.summary.flatMap((r) => {
      const api = r.api;
      return [
        [
          `(${r.case.name}) ${r.case.label}`,
          api ? latency(api.sequential) : `HTTP ${r.status}`,
          latency(r.rollup.sequential),
          latency(r.direct.sequential),
          latency(r.naive.sequential),
          api ? ratio(api.sequential.p50, r.rollup.sequential.p50) : '—',
          api ? ratio(r.naive.sequential.p50, api.sequential.p50) : '—',
          ratio(r.naive.sequential.p50, r.rollup.sequential.p50),
        ],
      ];
    });
    const concurrentRows = run.summary.map((r) => [
      `(${r.case.name})`,
      r.api ? latency(r.api.concurrent) : '—',
      r.api ? thousands(r.api.concurrent.perSecond) : '—',
      latency(r.rollup.concurrent),
      thousands(r.rollup.concurrent.perSecond),
    ]);
    const worst = Math.max(
      ...run.summary.map((r) => (r.api ? r.api.sequential.p95 : Number.POSITIVE_INFINITY)),
    );
    const summary: string[] = [];
    summary.push(`### Summary

${measuredOn(run)}

${data}

\`GET /api/stats/summary\` as an analyst of every table, against three baselines, each timed by
the same closed loop (sequential calls for ${o.durationMs / 1000} s after a warm-up, at least 20,
or 3 for the slow ones; then ${o.connections} concurrent callers):

- "Rollup SQL": the aggregate the summary runs, the repository's own \`summaryCells\` through
  Kysely and pg with nothing around it (over more than half of the tables: the all-tables totals
  of \`stats_cell_total\` less the tables left out; otherwise the tables' own cells);
- "stats_cell summed": the tables' own cells of \`stats_cell\` summed directly, as the summary did
  before migration 0016;
- "Naive SQL": the same cells grouped from the base tables (\`situation\` ⋈ \`situation_code\` ⋈
  \`code\` ⋈ \`agency\`): every dimension of \`stats_fact_cells\` — coded lists, categories, by age band
  and gender, pairs — but the four read from timestamps and repeats.

Milliseconds, p50 / p95; ratios of the sequential p50s.

${table(
  [
    'Case',
    'API',
    'Rollup SQL',
    'stats_cell summed',
    'Naive SQL',
    'API ÷ rollup',
    'Naive ÷ API',
    'Naive ÷ rollup',
  ],
  rows,
)}

${
  Number.isFinite(worst)
    ? `Slowest API p95: ${ms(worst)} ms — ${verdict(worst < GOALS.summaryMs)} ("well under a second").`
    : 'The summary route did not answer 200 (HTTP status in the table): not measured.'
}

With ${o.connections} concurrent callers (p50 / p95 ms, and calls per second):

${table(['Case', 'API', 'API calls/s', 'Rollup SQL', 'Rollup calls/s'], concurrentRows)}

${table(
  ['Case', 'Response (bytes)', 'Rollup cells', 'Naive cells', 'Naive cells equal to the rollup'],
  run.summary.map((r) => [
    `(${r.case.name})`,
    thousands(r.bytes),
    thousands(r.rollup.rows),
    thousands(r.naive.rows),
    `${thousands(r.naive.sameAsRollup)} (${((100 * r.naive.sameAsRollup) / r.naive.rows).toFixed(1)} %)`,
  ]),
)}`);
    if (run.breakdown) {
      const b = run.breakdown;
      const cases = run.summary.map((r) => r.case.name).filter((name) => b[name]);
      const step = (label: string, pick: (x: Breakdown) => number) => [
        label,
        ...cases.map((name) => ms(pick(b[name]!))),
      ];
      const api = run.summary.map((r) => (r.api ? ms(r.api.sequential.p50) : '—'));
      summary.push(`Where a summary request's time goes: each step of \`statistics.service.ts\`'s
\`summary\` run on its own with the app's own functions (median of ${b[cases[0]!]?.calls ?? 0} calls, ms), and an
authenticated request that does nothing (\`GET /api/me\`) for what signing in as an analyst of
every table costs each request.

${table(
  ['Step', ...cases.map((name) => `(${name})`)],
  [
    step('Authentication (GET /api/me, whole request)', (x) => x.authenticatedNoop),
    step('Rollup query (summaryCells)', (x) => x.summaryCells),
    step('Code order query (codeOrder)', (x) => x.codeOrder),
    step('Disclosure control (buildSummary)', (x) => x.buildSummary),
    step('Response schema + JSON', (x) => x.serialise),
    [
      'Audit: one event per table, one transaction',
      ...cases.map((name) => `${ms(b[name]!.audit)} (${b[name]!.auditEvents} events)`),
    ],
    step(
      'Sum of the steps',
      (x) =>
        x.authenticatedNoop + x.summaryCells + x.codeOrder + x.buildSummary + x.serialise + x.audit,
    ),
    ['API p50 (above)', ...api],
  ],
)}`);
    }
    if (run.rollupPlan) {
      summary.push(`<details><summary>Plan of stats_cell summed directly (the pre-0016 statement), case (a)</summary>

\`\`\`
${run.rollupPlan}
\`\`\`

</details>`);
    }
    const failed = run.summary.flatMap((r) =>
      (
        [
          ['API', r.api?.sequential],
          ['API, concurrent', r.api?.concurrent],
          ['rollup SQL', r.rollup.sequential],
          ['stats_cell summed', r.direct.sequential],
          ['rollup SQL, concurrent', r.rollup.concurrent],
          ['naive SQL', r.naive.sequential],
        ] as const
      )
        .filter(([, result]) => result?.failures)
        .map(
          ([what, result]) =>
            `(${r.case.name}) ${what}: ${result!.failures} × "${result!.firstFailure}"`,
        ),
    );
    if (failed.length > 0) {
      summary.splice(
        2,
        0,
        `Failed calls: ${failed.join('; ')}. Errors the API logged during the run: ${
          Object.entries(run.apiErrors ?? {})
            .map(([name, count]) => `${count} × ${name}`)
            .join(', ') || 'none'
        } (57014 is PostgreSQL cancelling a statement at DATABASE_STATEMENT_TIMEOUT_MS, 15 s by default).`,
      );
    }
    blocks.summary = summary.join('\n\n');
  }

  if (run.export) {
    const e = run.export;
    const b = e.baseline;
    const notes = e.runs.find((r) => r.notes)?.notes;
    const rows = e.runs.map((r, i) => [
      String(i + 1),
      r.status === 200 ? thousands(r.rows) : `HTTP ${r.status}`,
      `${megabytes(r.bytes).toFixed(1)}`,
      r.seconds.toFixed(2),
      ms(r.firstByteMs),
      thousands(r.rowsPerSecond),
      ratio(b.rowsPerSecond, r.rowsPerSecond),
      megabytes(r.idleRss).toFixed(0),
      `${megabytes(r.peakRss - r.idleRss).toFixed(0)} (${verdict(megabytes(r.peakRss - r.idleRss) <= GOALS.exportMemoryMiB)})`,
    ]);
    blocks.export = `### Export

${measuredOn(run)}${run.summary ? '' : `\n\n${data}`}

\`GET /api/stats/export.csv\` for every table, ${e.from} to ${e.to}, streamed to the bench and
counted (rows = lines − header − comment lines), against \`psql -c "\\copy (select … from
situation_fact join situation_table … order by table, period) to '/dev/null' csv"\` of the same
rows (${thousands(b.rows)} rows in ${b.seconds.toFixed(2)} s: **${thousands(b.rowsPerSecond)} rows/s**).
The API child's VmRSS (/proc/<pid>/status) is sampled every 100 ms; idle is the median of ten
samples just before the request. Goal: ≤ ${GOALS.exportMemoryMiB} MB above idle. psql's time
includes its start-up.${notes ? `\n\nThe export's own last line: \`${notes}\`` : ''}

${table(
  [
    'Run',
    'Rows',
    'MiB',
    'Seconds',
    'First byte (ms)',
    'Rows/s',
    'psql ÷ API',
    'Idle RSS (MiB)',
    'Peak above idle (MiB)',
  ],
  rows,
)}`;
  }

  // The API's profile covers the whole run; it goes with the last suite that ran.
  if (run.apiProfile) {
    const profile = renderProfile('the API (the whole run)', run.apiProfile);
    if (blocks.export) blocks.export += `\n\n${profile}`;
    else if (blocks.summary) blocks.summary += `\n\n${profile}`;
  }
  return blocks;
}

function renderProfile(title: string, p: ProfileSummary): string {
  const pct = (x: number) => `${((100 * x) / p.totalMs).toFixed(1)} %`;
  return `<details><summary>CPU profile of ${title}: ${(p.totalMs / 1000).toFixed(1)} s, idle
(waiting on PostgreSQL or the client) ${pct(p.idleMs)}, garbage collection ${pct(p.gcMs)}</summary>

${table(
  ['Where (self time)', 'ms', 'Share'],
  p.byPlace.map((x) => [x.place, ms(x.ms), pct(x.ms)]),
)}

${table(
  ['Function (self time)', 'ms', 'Share'],
  p.top.map((x) => [x.fn.replaceAll('|', '\\|'), ms(x.ms), pct(x.ms)]),
)}

</details>`;
}
