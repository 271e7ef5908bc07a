/**
 * The audit verification section of docs/benchmarks.md, between its own markers
 * (`<!-- bench:audit-verify:start/end -->`, written by lib/report.ts's writeBlocks).
 */
import type { Machine } from './lib/machine';
import { megabytes } from './lib/memory';
import { ratio, table, thousands } from './lib/report';
import type { AuditVerifyResult, VerificationRun } from './suites/audit-verify';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const mib = (bytes: number) => `${megabytes(bytes).toFixed(1)} MiB`;

function row(name: string, runs: VerificationRun[]): string[] {
  return [
    name,
    runs.map((run) => run.seconds.toFixed(2)).join(', '),
    `${thousands(runs[0]!.checked / median(runs.map((run) => run.seconds)))}`,
    mib(Math.max(...runs.map((run) => run.nodePeakAboveIdleBytes))),
    mib(Math.max(...runs.map((run) => run.backendPeakAnonBytes))),
  ];
}

export function renderAuditVerify(
  result: AuditVerifyResult,
  machine: Machine,
  date: string,
): string {
  const onePass = median(result.onePass.map((run) => run.seconds));
  const batched = median(result.batched.map((run) => run.seconds));
  return `## Audit chain verification (\`pnpm bench --suites audit-verify\`)

Goal (issue #12, point 7): the chain of 1,000,000 audit events verified in one SQL pass, in
seconds, with bounded memory. Measured ${date.slice(0, 16).replace('T', ' ')} UTC on
${machine.cpu} (${machine.cores} cores, ${machine.memoryGiB.toFixed(1)} GiB), Node
${machine.node}, PostgreSQL ${machine.postgres} with default settings; load average at the start
${machine.loadAverage.map((x) => x.toFixed(1)).join(', ')}.

${thousands(result.events)} chained events loaded by COPY into \`${result.database}\` in
${result.loadSeconds.toFixed(1)} s (hashes computed in Node in the digest's format; the table and
its indexes take ${result.tableMiB.toFixed(0)} MiB). Each verification recomputes every digest in
the database and found the chain intact. "One pass" is \`verifyAuditChain\` (what
\`pnpm audit:verify\` and \`GET /api/audit/verify\` run); "batched" is the walk it replaced, 5,000
rows a statement compared in Node, run on the same data in alternation.

${table(
  [
    'Verification',
    'Seconds, each run',
    'Events/s (median)',
    'Node peak above idle',
    'Backend peak private memory',
  ],
  [row('one pass (window + aggregate)', result.onePass), row('batched walk', result.batched)],
)}

One pass takes ${ratio(onePass, batched)} the time of the batched walk. Node's memory is the
resident size of the bench process above what it held before the run (sampled every 20 ms); the
backend's is the PostgreSQL process's private (anonymous) resident memory, without the shared
buffers it reads through (sampled every 50 ms).

To reproduce: \`pnpm bench --suites audit-verify\` (drops and recreates \`${result.database}\`;
\`--audit-events N\` for another size).`;
}
