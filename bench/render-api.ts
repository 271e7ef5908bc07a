/** The API section of docs/benchmarks.md (`<!-- bench:api-* -->` blocks), from one run. */
import type { Machine } from './lib/machine';
import type { ProfileSummary } from './lib/profile';
import { ms, table, thousands, measuredOn } from './lib/report';
import type { ApiSuiteResult, Comparison } from './suites/api';
import { median, type StartupResult } from './suites/startup';

export type ApiRun = {
  date: string;
  machine: Machine;
  loadAverageEnd?: [number, number, number];
  api?: ApiSuiteResult;
  startup?: StartupResult;
  /** What the API logged as errors during the api suite, by class and code. */
  apiErrors?: Record<string, number>;
  /** `--profile`: where the API's CPU time went during the api suite. */
  apiProfile?: ProfileSummary;
};

const GOALS = { throughput: 0.8, p99: 1.3 };

export const apiBlockNames = ['intro', 'list', 'situation', 'startup'] as const;
type ApiBlockName = (typeof apiBlockNames)[number];

const times = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '—');

/** Cells of one comparison: both servers' figures, the ratios, and whether the goal holds. */
function cells(c: Comparison, withGoal: boolean): string[] {
  const throughput = c.api.requestsPerSecond / c.bare.requestsPerSecond;
  const p99 = c.api.p99 / c.bare.p99;
  const failed = c.api.non2xx + c.api.errors + c.bare.non2xx + c.bare.errors;
  const row = [
    thousands(c.api.requestsPerSecond),
    ms(c.api.p99),
    thousands(c.bare.requestsPerSecond),
    ms(c.bare.p99),
    `**${times(throughput)}**`,
    `**${times(p99)}**`,
  ];
  if (withGoal) {
    row.push(
      failed > 0
        ? `not comparable: ${failed} failed answers`
        : throughput >= GOALS.throughput && p99 <= GOALS.p99
          ? 'meets the goal'
          : '**misses the goal**',
    );
  }
  return row;
}

const header = [
  'API req/s',
  'API p99 (ms)',
  'Bare req/s',
  'Bare p99 (ms)',
  'Throughput ratio',
  'p99 ratio',
];

/** `--profile`: the API's CPU time during the suite, by place and by function. */
function renderProfile(p: ProfileSummary): string {
  const share = (value: number) => `${((100 * value) / p.totalMs).toFixed(1)} %`;
  return `<details><summary>Where the API's time goes (CPU profile over the whole suite: ${(
    p.totalMs / 1000
  ).toFixed(1)} s, ${share(p.idleMs)} idle, ${share(p.gcMs)} garbage collection)</summary>

${table(
  ['Place', 'Self time (ms)', 'Share'],
  p.byPlace.map((x) => [x.place, ms(x.ms), share(x.ms)]),
)}

${table(
  ['Function', 'Self time (ms)', 'Share'],
  p.top.map((x) => [`\`${x.fn}\``, ms(x.ms), share(x.ms)]),
)}

</details>`;
}

export function renderApiReport(run: ApiRun): Partial<Record<ApiBlockName, string>> {
  const blocks: Partial<Record<ApiBlockName, string>> = {};
  blocks.intro = `## The API against bare baselines (\`pnpm bench --suites api,startup\`)

Goal (issue #12, point 4): the authenticated, policy-checked situation list at ≥ ${GOALS.throughput}× the
throughput of a bare Fastify route running the same SQL through pg on the same database, and a p99
at most ${GOALS.p99}× its p99. The bare server (\`bench/bare-server.ts\`) has no authentication, policy,
schemas or audit of reads; it runs in its own process with a pool of the API's size. Both are
loaded by autocannon with the same connections and duration, one after the other in the same run
(a short warm-up thrown away before each). The list's SQL is the one the API's repository compiles
(\`listSituations\` run against a recording Kysely), and before each figure both servers are checked
to answer the same ids for the same page: if the list's SQL drifts from the repository's, the bench
stops and says so. The API sends that page in one statement with the person, their session and
memberships read inside it (\`lib/person-along.ts\`: deactivation still acts on the next request),
prepared once per connection (\`db/prepared-statements.ts\`); the bare route sends the page's SQL
alone, unnamed, and reads no person. Ratios are API ÷ bare: throughput above 1 and p99 below 1
would be the API ahead.`;

  if (run.api) {
    const a = run.api;
    const list = a.list.map((c) => [
      c.role === 'agency_rep' ? 'representative' : 'coordinator',
      c.page === 1 ? 'first' : `${c.page} (after ${thousands(c.offset)} rows)`,
      ...cells(c, true),
    ]);
    blocks.list = `### The situation list

${measuredOn(run)}

Data: ${thousands(a.data.situations)} situations across ${a.data.tables} tables; the largest table
(${thousands(a.tableSituations)} situations) read by a representative and a coordinator of two of its
member agencies, signed in through the real sign-in route. ${a.pageSize} a page, no filter, most
recently updated first; the deep page reached by following the API's own cursors.
${a.connections} connections; ${a.rounds} rounds of ${a.durationSeconds} s for each server, alternating
(bare, API, bare, API…), each figure the median of its server's rounds.

${table(['Reader', 'Page', ...header, 'Goal'], list)}
${
  run.apiErrors && Object.keys(run.apiErrors).length
    ? `\nErrors the API logged: ${Object.entries(run.apiErrors)
        .map(([name, n]) => `${name} × ${n}`)
        .join(', ')}.\n`
    : ''
}${run.apiProfile ? `\n${renderProfile(run.apiProfile)}\n` : ''}
<details><summary>The list's SQL (first page, as compiled by the repository)</summary>

\`\`\`sql
${a.list[0]?.sql.trim() ?? ''}
\`\`\`

</details>`;

    blocks.situation = `### One situation and a draft edit

${measuredOn(run)}

No goal is set for these; the issue sets round-trip targets instead (one situation ≤ 4, a workflow
write ≤ 8 with its audit event). The bare routes are the least a server needs for the same answer:
one situation in one statement (row, codes, agencies, staff of each step, first-contact due
time), and a draft edit with If-Match as one statement (the row at the version given, its codes,
the audit event) followed by the view. Before the figures both are checked to agree (the same
situation; a write moves the version by one and records one audit event). The edits alternate
between two summaries on drafts of the representative's agency, one draft per connection. The
API reads the situation with a text compiled once and prepared once per connection
(\`findSituation\`); the bare routes send theirs unnamed. Both writes' audit events go through the
same chain trigger, which chains them at COMMIT under the chain's one lock (migration 0026): the
API's write holds the lock for its commit only, not from its event's insert (the 4th of its 8
statements) to the end, as it did before (0.32× the bare write with 5 s rounds before that change,
0.42× after, on the same machine and data).
${a.connections} connections; ${a.rounds} rounds of ${a.durationSeconds} s for each server, alternating
(bare, API, bare, API…), each figure the median of its server's rounds.

${table(
  ['Request', ...header],
  [
    [`GET one situation (${a.situation.stage})`, ...cells(a.situation, false)],
    ['PUT a draft (If-Match)', ...cells(a.draftEdit, false)],
  ],
)}`;
  }

  if (run.startup) {
    const s = run.startup;
    const seconds = (value: number) => (value / 1000).toFixed(1);
    const list = (values: number[]) => values.map(seconds).join(', ');
    blocks.startup = `### Start-up in embedded mode

${measuredOn(run)}

\`node apps/api/dist/server.js\` (what \`pnpm start\` runs once built) without DATABASE_URL, so on the
embedded PGlite database in a temporary DATA_DIR, on an ephemeral port; timed from spawn to the
first 200 from \`/api/health\`. Cold: a fresh data directory (database created, migrated, demo
seeded); warm: the same directory again.

${table(
  ['Start', 'Median (s)', 'Runs (s)'],
  [
    ['cold (migrate and seed)', seconds(median(s.coldMs)), list(s.coldMs)],
    ['warm', seconds(median(s.warmMs)), list(s.warmMs)],
  ],
)}`;
  }
  return blocks;
}
