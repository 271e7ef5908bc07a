/**
 * Generation: the real generator (`pnpm data:generate`'s CLI, COPY into PostgreSQL) against the fresh
 * bench database, timed from start to exit, with the seconds of each of its phases (its `--json`
 * result), then what it left behind (rows, sizes) in the ten tables it fills.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { GENERATED_TABLES } from '../../apps/api/src/modules/synthetic-data/generator';
import { inheritedEnvironment } from '../lib/environment';

export type GenerationResult = {
  tables: number;
  situations: number;
  seed: number;
  seconds: number;
  situationsPerSecond: number;
  /** The generator's own phases (start-up, base tables, indexes, statistics, check, analyze). */
  phases: Record<string, number>;
  /** Situations a second of the base tables' phase (generate and COPY). */
  baseTablesPerSecond: number;
  /** Base tables, indexes and check: the load without the derived statistics. */
  loadPerSecond: number;
  cells: number;
  rows: Record<string, number>;
  sizesMiB: Record<string, number>;
};

const apiRoot = fileURLToPath(new URL('../../apps/api', import.meta.url));

export async function runGeneration(
  client: pg.Client,
  environment: Record<string, string>,
  options: { tables: number; situations: number; seed: number },
  /** Node's own arguments for the generator's process (a CPU profile). */
  nodeArguments: string[] = [],
): Promise<GenerationResult> {
  const args = [
    '--tables',
    String(options.tables),
    '--situations',
    String(options.situations),
    '--seed',
    String(options.seed),
    '--json',
  ];
  // What `pnpm data:generate` runs (apps/api: tsx src/cli/data-generate.ts), without the pnpm
  // wrappers, so that the process timed is the generator and it can carry --cpu-prof (which
  // NODE_OPTIONS refuses).
  const started = performance.now();
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...nodeArguments, '--import', 'tsx', 'src/cli/data-generate.ts', ...args],
      {
        cwd: apiRoot,
        env: { ...inheritedEnvironment(), ...environment },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`data:generate ${args.join(' ')} exited with ${code}`)),
    );
  });
  const seconds = (performance.now() - started) / 1000;
  const report = JSON.parse(output.trim().split('\n').at(-1)!) as {
    cells: number;
    phases: Record<string, number>;
  };
  const phase = (name: string) => report.phases[name] ?? 0;
  const rows: Record<string, number> = {};
  const sizesMiB: Record<string, number> = {};
  for (const table of GENERATED_TABLES) {
    const result = await client.query<{ rows: string; bytes: string }>(
      `select count(*) as rows, pg_total_relation_size($1::regclass) as bytes from ${table}`,
      [table],
    );
    rows[table] = Number(result.rows[0]!.rows);
    sizesMiB[table] = Number(result.rows[0]!.bytes) / 1024 / 1024;
  }
  return {
    ...options,
    seconds,
    situationsPerSecond: options.situations / seconds,
    phases: report.phases,
    baseTablesPerSecond: options.situations / Math.max(phase('base tables'), 0.001),
    loadPerSecond:
      options.situations /
      Math.max(phase('base tables') + phase('indexes') + phase('check'), 0.001),
    cells: report.cells,
    rows,
    sizesMiB,
  };
}
