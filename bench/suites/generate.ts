/**
 * Generation: the real generator (`pnpm data:generate`'s CLI, COPY into PostgreSQL) against the fresh
 * bench database, timed from start to exit, then what it left behind (rows, sizes).
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { inheritedEnvironment } from '../lib/environment';

export type GenerationResult = {
  tables: number;
  situations: number;
  seed: number;
  seconds: number;
  situationsPerSecond: number;
  rows: Record<string, number>;
  sizesMiB: Record<string, number>;
};

const apiRoot = fileURLToPath(new URL('../../apps/api', import.meta.url));
const counted = ['situation', 'situation_code', 'situation_fact', 'stats_cell'] as const;

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
  ];
  // What `pnpm data:generate` runs (apps/api: tsx src/cli/data-generate.ts), without the pnpm
  // wrappers, so that the process timed is the generator and it can carry --cpu-prof (which
  // NODE_OPTIONS refuses).
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...nodeArguments, '--import', 'tsx', 'src/cli/data-generate.ts', ...args],
      {
        cwd: apiRoot,
        env: { ...inheritedEnvironment(), ...environment },
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`data:generate ${args.join(' ')} exited with ${code}`)),
    );
  });
  const seconds = (performance.now() - started) / 1000;
  const rows: Record<string, number> = {};
  const sizesMiB: Record<string, number> = {};
  for (const table of counted) {
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
    rows,
    sizesMiB,
  };
}
