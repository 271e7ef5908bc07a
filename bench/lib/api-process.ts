/**
 * Starts bench/server.ts in a child Node process (the pid whose memory the bench samples is the
 * API's own, not a wrapper's) and waits for its port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inheritedEnvironment } from './environment';

export type ApiProcess = {
  pid: number;
  baseUrl: string;
  /** Errors the API logged, by class and code (57014: a statement timeout), counted. */
  loggedErrors(): Record<string, number>;
  stop(): Promise<void>;
};

const serverEntry = fileURLToPath(new URL('../server.ts', import.meta.url));

export async function startApi(
  environment: Record<string, string>,
  nodeArguments: string[] = [],
  /** Another server of the bench's that speaks the same IPC (bare-server.ts). */
  entry: string = serverEntry,
): Promise<ApiProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArguments, '--import', 'tsx', entry],
    {
      env: { ...inheritedEnvironment(), ...environment },
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    },
  );
  // The API logs JSON lines (warn and above): passed on, and its errors counted for the report.
  const errors: Record<string, number> = {};
  let pending = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    const lines = (pending + chunk.toString('utf8')).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      try {
        const entry = JSON.parse(line) as {
          level?: number;
          err?: { type?: string; code?: string };
        };
        if ((entry.level ?? 0) >= 50) {
          const name = `${entry.err?.type ?? 'error'}${entry.err?.code ? ` ${entry.err.code}` : ''}`;
          errors[name] = (errors[name] ?? 0) + 1;
        }
      } catch {
        // Not a log line.
      }
    }
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not start in 60 s`)), 60_000);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve((message as { port: number }).port);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code} before listening`));
    });
  });
  return {
    pid: child.pid!,
    baseUrl: `http://127.0.0.1:${port}`,
    loggedErrors: () => ({ ...errors }),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
