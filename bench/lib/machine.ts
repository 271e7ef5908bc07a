/** What the figures were measured on: hardware, runtimes, the versions of what sits in the path. */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import type pg from 'pg';

export type Machine = {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  postgres: string;
  packages: Record<string, string>;
  loadAverage: [number, number, number];
};

const apiPackages = ['fastify', 'pg', 'kysely', 'zod', 'fastify-type-provider-zod'];

export async function describeMachine(client: pg.Client): Promise<Machine> {
  const cpus = os.cpus();
  const server = await client.query<{ server_version: string }>('show server_version');
  const packages: Record<string, string> = {};
  for (const name of apiPackages) {
    const url = new URL(`../../apps/api/node_modules/${name}/package.json`, import.meta.url);
    const json = JSON.parse(await readFile(url, 'utf8')) as { version: string };
    packages[name] = json.version;
  }
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: os.totalmem() / 1024 ** 3,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgres: server.rows[0]!.server_version,
    packages,
    loadAverage: os.loadavg() as [number, number, number],
  };
}
