/**
 * Starts the real built server once for the whole run, as production would run it: `node
 * apps/api/dist/server.js` serving apps/web/dist, on a free port, with the embedded database in a
 * fresh temporary data directory. Tests get its base URL through inject('baseUrl'), and the
 * folder where it writes the e-mails it sends (no SMTP_URL: DATA_DIR/outbox) through
 * inject('outboxDir').
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import getPort from 'get-port';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    outboxDir: string;
  }
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const serverScript = path.join(repoRoot, 'apps/api/dist/server.js');
const webIndex = path.join(repoRoot, 'apps/web/dist/index.html');

/** The embedded database needs a few seconds to start; a slow CI machine gets ample margin. */
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

export default async function setup(project: TestProject) {
  const missing = [serverScript, webIndex].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `The browser tests need a built app, and these files are missing:\n` +
        missing.map((file) => `  - ${path.relative(repoRoot, file)}`).join('\n') +
        `\nRun \`pnpm build\` at the repository root first.`,
    );
  }

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'fourfold-e2e-data-'));
  const port = await getPort({ host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${port}`;

  // The harness's environment minus anything that would point the server elsewhere: no
  // DATABASE_URL, so the embedded database is used.
  // No SMTP_URL either: mail goes to the outbox, which the tests read.
  const {
    DATABASE_URL: _databaseUrl,
    WEB_DIST_DIR: _webDistDir,
    SMTP_URL: _smtpUrl,
    ...inherited
  } = process.env;
  // For CI's log scan (scripts/scan-logs.mjs): with FOURFOLD_TEST_LOG_FILE set, the server's log
  // goes at info level to that file (appended, beside the API tests' lines) instead of its
  // warnings to the test output.
  const logFile = process.env.FOURFOLD_TEST_LOG_FILE;
  const logFd = logFile ? openSync(logFile, 'a') : undefined;
  const server = spawn(process.execPath, [serverScript], {
    cwd: repoRoot,
    env: {
      ...inherited,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      PUBLIC_URL: baseUrl,
      WEB_DIST_DIR: path.dirname(webIndex),
      NODE_ENV: 'production',
      LOG_LEVEL: logFd === undefined ? 'warn' : 'info',
    },
    // Warnings and start-up failures show in the test output (or the log file, for the scan).
    stdio: ['ignore', logFd ?? 'inherit', 'inherit'],
  });

  const teardown = async () => {
    await stop(server);
    if (logFd !== undefined) closeSync(logFd);
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitUntilReady(server, baseUrl);
  } catch (error) {
    await teardown();
    throw error;
  }
  project.provide('baseUrl', baseUrl);
  project.provide('outboxDir', path.join(dataDir, 'outbox'));
  return teardown;
}

async function waitUntilReady(server: ChildProcess, baseUrl: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exited = false;
  server.once('exit', () => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) {
      throw new Error(
        `The server exited (code ${server.exitCode ?? server.signalCode}) before it was ready; its output is above.`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/api/health/ready`, {
        signal: AbortSignal.timeout(2_000),
      });
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The server at ${baseUrl} was not ready within ${READY_TIMEOUT_MS / 1000} s.`);
}

/** SIGTERM lets the server close its database cleanly; SIGKILL if it does not stop in time. */
async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
