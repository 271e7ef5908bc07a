/**
 * Start-up in embedded mode (no DATABASE_URL: PGlite in DATA_DIR), as `pnpm start` runs it: the
 * built server (apps/api/dist/server.js, which scripts/start.mjs imports once built), timed from
 * spawn to the first 200 from /api/health. Cold: a fresh data directory (the database created,
 * migrated and the demo seeded); warm: the same directory again. A few runs each; the median.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { inheritedEnvironment } from '../lib/environment';

export type StartupResult = { coldMs: number[]; warmMs: number[] };

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const serverEntry = path.join(repoRoot, 'apps/api/dist/server.js');

/** A port free a moment ago (the server is told it; 0 would leave the bench to parse its log). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('port')),
      );
    });
  });
}

async function startOnce(dataDir: string): Promise<number> {
  const port = await freePort();
  const environment = inheritedEnvironment();
  delete environment.DATABASE_URL;
  const started = performance.now();
  const child = spawn(process.execPath, [serverEntry], {
    cwd: repoRoot,
    env: {
      ...environment,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      // The default without DATABASE_URL, set all the same: a cold start is migrate and seed.
      SEED_DEMO: 'true',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  try {
    for (;;) {
      if (exitCode !== undefined) throw new Error(`the server exited with ${exitCode}`);
      if (performance.now() - started > 120_000)
        throw new Error('no 200 from /api/health in 120 s');
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`)
        .then((response) => response.status === 200)
        .catch(() => false);
      if (ok) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    if (exitCode === undefined) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
  }
}

export async function runStartupSuite(
  runs: number,
  log: (message: string) => void,
): Promise<StartupResult> {
  if (!existsSync(serverEntry)) throw new Error('apps/api/dist/server.js is missing: pnpm build');
  const coldMs: number[] = [];
  const warmMs: number[] = [];
  const directories: string[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'fourfold-bench-startup-'));
      directories.push(dataDir);
      coldMs.push(await startOnce(dataDir));
      log(`start-up cold ${i + 1}: ${coldMs.at(-1)!.toFixed(0)} ms`);
    }
    for (let i = 0; i < runs; i++) {
      warmMs.push(await startOnce(directories[i]!));
      log(`start-up warm ${i + 1}: ${warmMs.at(-1)!.toFixed(0)} ms`);
    }
  } finally {
    for (const directory of directories) await rm(directory, { recursive: true, force: true });
  }
  return { coldMs, warmMs };
}

export const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
