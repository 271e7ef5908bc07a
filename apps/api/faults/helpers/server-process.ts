/**
 * The real API server as a child process (`node --import tsx src/server.ts`, the code under test
 * rather than a possibly stale build), on a free port of 127.0.0.1, its output kept for the
 * checks on what it logged.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './ports';

const apiDir = fileURLToPath(new URL('../..', import.meta.url));

export type ServerProcess = {
  baseUrl: string;
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Null while it runs. */
  exit(): { code: number | null; signal: NodeJS.Signals | null } | null;
  waitUntilReady(timeoutMs?: number): Promise<void>;
  /** SIGTERM, then SIGKILL after 10 s; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL, and wait for the exit. */
  kill(): Promise<void>;
};

export async function startServer(environment: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('src', 'server.ts')], {
    cwd: apiDir,
    // Only what the server needs: nothing from the harness's environment points it elsewhere.
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      ...environment,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  let exitInfo: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exitInfo = { code, signal };
      resolve();
    }),
  );

  return {
    baseUrl,
    child,
    output: () => output,
    exit: () => exitInfo,
    async waitUntilReady(timeoutMs = 90_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (exitInfo) {
          throw new Error(
            `The server exited (${JSON.stringify(exitInfo)}) before it was ready:\n${output}`,
          );
        }
        const status = await fetch(`${baseUrl}/api/health/ready`, {
          signal: AbortSignal.timeout(3_000),
        }).then(
          (res) => res.status,
          () => 0,
        );
        if (status === 200) return;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`The server was not ready within ${timeoutMs / 1000} s:\n${output}`);
    },
    async stop() {
      if (!exitInfo) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      return (exitInfo as { code: number | null } | null)?.code ?? null;
    },
    async kill() {
      if (!exitInfo) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Fragments of driver error messages, which can quote values: none may reach a log line. */
export const DRIVER_MESSAGES = [
  /terminating connection/i,
  /Connection terminated/i,
  /the database system is/i,
  /connect ECONNREFUSED/i,
  /not queryable/i,
  /timeout exceeded when trying to connect/i,
  /server closed the connection/i,
];
