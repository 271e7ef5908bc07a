/**
 * A throwaway PostgreSQL cluster for the fault suite, made with Debian's postgresql-common
 * (pg_createcluster) on a free port with trust authentication for local connections, so that
 * stopping and starting it disturbs nothing else on the machine. Always dropped at the end.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { freePort } from './ports';

const run = promisify(execFile);

export type StopMode = 'immediate' | 'fast';

export type Cluster = {
  version: string;
  name: string;
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database: string): string;
  /** Whether it was last started (true) or stopped (false) through this handle. */
  running: boolean;
  start(): Promise<void>;
  stop(mode: StopMode): Promise<void>;
  drop(): Promise<void>;
};

/** The newest PostgreSQL installed by Debian's packages. */
function installedVersion(): string {
  const versions = readdirSync('/usr/lib/postgresql')
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  if (!versions[0])
    throw new Error('No PostgreSQL under /usr/lib/postgresql (apt install postgresql).');
  return versions[0];
}

async function ctl(...args: string[]): Promise<void> {
  try {
    await run('pg_ctlcluster', ['--skip-systemctl-redirect', ...args], { timeout: 60_000 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`pg_ctlcluster ${args.join(' ')} failed: ${stderr.trim()}`, {
      cause: error,
    });
  }
}

/** Creates the cluster, stopped. */
export async function createCluster(): Promise<Cluster> {
  const version = installedVersion();
  const name = `fourfold-faults-${randomBytes(4).toString('hex')}`;
  const port = await freePort();
  await run(
    'pg_createcluster',
    [
      version,
      name,
      '--port',
      String(port),
      '--start-conf',
      'manual',
      '--',
      '--auth-local=trust',
      '--auth-host=trust',
    ],
    { timeout: 120_000 },
  );
  const cluster: Cluster = {
    version,
    name,
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    running: false,
    async start() {
      await ctl(version, name, 'start');
      cluster.running = true;
    },
    async stop(mode) {
      await ctl(version, name, 'stop', '-m', mode);
      cluster.running = false;
    },
    async drop() {
      await run('pg_dropcluster', ['--stop', version, name], { timeout: 60_000 });
    },
  };
  return cluster;
}
