/** The web section of docs/benchmarks.md (`<!-- bench:web-lighthouse:… -->`), from one run of the web suite. */
import { ms, table } from './lib/report';
import type { WebRun } from './suites/web';

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const load = (l: readonly number[]) => l.map((x) => x.toFixed(1)).join(', ');

export function renderWeb(run: WebRun): string {
  const { firstDownload: d, pages } = run.result;
  const goal = (ok: boolean) => (ok ? 'yes' : '**no**');
  return `## The web app: first download and Lighthouse (\`pnpm bench --suites web\`)

Goals (issue #12): signing in downloads at most 150 KB of gzip JavaScript; on the sign-in page,
a representative's home and one of their situations, Lighthouse's mobile profile scores
performance 0.9 or more, LCP 2.5 s or less, accessibility 1.0.

Measured ${run.date.slice(0, 16).replace('T', ' ')} UTC on ${run.machine}, Lighthouse ${run.lighthouse},
${run.browser}, against the built app (\`pnpm build\`) in embedded mode with the demo data, on
localhost. Load average (1, 5, 15 min) ${load(run.loadAverageStart)} at the start,
${load(run.loadAverageEnd)} at the end: Lighthouse's simulated throttling multiplies the CPU time
it observes, so a busy machine lowers the performance score and raises TBT and LCP.

First download (the entry and its static imports, from the build manifest; the compressed copies
the server sends): **${kb(d.jsGzipBytes)} of gzip JavaScript** (${kb(d.jsBrotliBytes)} brotli), goal
met: ${goal(d.jsGzipBytes <= 150_000)}; CSS ${kb(d.cssGzipBytes)} gzip.

${table(
  [
    'Page',
    'Performance',
    'LCP (ms)',
    'FCP (ms)',
    'TBT (ms)',
    'CLS',
    'Accessibility',
    'Transferred',
  ],
  pages.map((p) => [
    p.page,
    p.performance.toFixed(2),
    ms(p.lcpMs),
    ms(p.fcpMs),
    ms(p.tbtMs),
    p.cls.toFixed(3),
    p.accessibility.toFixed(2),
    kb(p.transferBytes),
  ]),
)}

Where the simulated LCP goes: Lighthouse estimates LCP as the mean of two simulations of the load
on a phone (150 ms round trips, 1.6 Mbit/s, the CPU time it observed × 4). In the optimistic one,
the page's HTML, its last script and its last API answer had arrived by these times; the
simulated main thread worked for the time shown (the simulation's CPU tasks, not overlapping one
another), and the simulation ended at its LCP:

${table(
  [
    'Page',
    'HTML (ms)',
    'Scripts (ms)',
    'API (ms)',
    'Main thread (ms)',
    'Downloaded',
    'Optimistic LCP (ms)',
  ],
  pages.map(({ page, lcpPath: l }) => [
    page,
    ms(l.documentMs),
    ms(l.scriptsMs),
    l.apiMs === undefined ? '—' : ms(l.apiMs),
    ms(l.cpuMs),
    kb(l.bytes),
    ms(l.endMs),
  ]),
)}

Goals met: ${pages
    .map(
      (p) => `${p.page}: ${goal(p.performance >= 0.9 && p.lcpMs <= 2500 && p.accessibility === 1)}`,
    )
    .join('; ')}.
`;
}
