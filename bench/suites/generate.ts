/**
 * Generation: the real generator (`pnpm data:generate`, COPY into PostgreSQL) against the fresh
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

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const counted = ['situation', 'situation_code', 'situation_fact', 'stats_cell'] as const;

export async function runGeneration(
  client: pg.Client,
  environment: Record<string, string>,
  options: { tables: number; situations: number; seed: number },
  /** NODE_OPTIONS for the generator's processes (a CPU profile). */
  nodeOptions?: string,
): Promise<GenerationResult> {
  const args = [
    'data:generate',
    '--tables',
    String(options.tables),
    '--situations',
    String(options.situations),
    '--seed',
    String(options.seed),
  ];
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn('pnpm', ['--silent', ...args], {
      cwd: repoRoot,
      env: {
        ...inheritedEnvironment(),
        ...environment,
        ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`pnpm ${args.join(' ')} exited with ${code}`)),
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
