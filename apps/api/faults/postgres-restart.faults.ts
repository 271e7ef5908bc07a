/**
 * PostgreSQL stopping and starting under the API's feet, on a throwaway cluster of its own:
 *  1. three API processes started before the database is up wait for it, then all come up, the
 *     demo data loaded exactly once (start-up writes run under the migration lock);
 *  2. a 60-second write load (20 clients creating and editing drafts) while the cluster is
 *     stopped for 10 seconds with `-m immediate`, then again with `-m fast`: the process never
 *     exits, requests during the outage fail fast with 503, readiness goes red then green within
 *     a second, 99% of requests succeed from 10 seconds after recovery, every acknowledged write
 *     is stored with exactly one audit event, the audit chain verifies, no driver message is logged;
 *  3. a backend terminated (pg_terminate_backend) while its query runs: 503, and the process lives;
 *  4. a LISTEN survives the cluster stopping and starting: the listening connection reconnects,
 *     subscribes again, says so (onReconnect) and hears what another handle sends afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/database';
import { keyRingFrom } from '../src/lib/identity-vault';
import { createCluster, type Cluster, type StopMode } from './helpers/cluster';
import {
  DEMO_WRITERS,
  runWriteLoad,
  signIn,
  watchReadiness,
  type RequestRecord,
} from './helpers/load';
import { DRIVER_MESSAGES, startServer, type ServerProcess } from './helpers/server-process';
import { silentLog } from '../test/helpers/test-env';
import { checkWrites } from './helpers/verify';

const secrets = {
  AUTH_TOKEN_SECRET: randomBytes(48).toString('base64'),
  IDENTITY_KEY: `faults:${randomBytes(32).toString('base64')}`,
  REPEAT_KEY: randomBytes(32).toString('base64'),
  // Required with DATABASE_URL; nothing in these scenarios sends mail, so no server listens there.
  SMTP_URL: 'smtp://127.0.0.1:9',
};

async function query(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

async function waitFor(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(100);
  }
}

type Outage = {
  mode: StopMode;
  stopBegin: number;
  stopEnd: number;
  startBegin: number;
  startEnd: number;
};

describe('PostgreSQL restarts', () => {
  let cluster: Cluster;
  let dataDir: string;
  let databaseUrl: string;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'fourfold-faults-'));
    cluster = await createCluster();
    await cluster.start();
    await query(cluster.url('postgres'), 'create database fourfold');
    databaseUrl = cluster.url('fourfold');
    await cluster.stop('fast');
  });

  afterAll(async () => {
    for (const server of servers) await server.kill();
    // Always: the cluster is the suite's own and must not outlive it.
    await cluster?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('starts several processes before the database is up: they wait, then all come up, seeding once', async () => {
    for (let i = 0; i < 3; i += 1) {
      servers.push(
        await startServer({
          DATABASE_URL: databaseUrl,
          SEED_DEMO: 'true',
          DATA_DIR: dataDir,
          // Info, to see which process loaded the demo data.
          LOG_LEVEL: 'info',
          ...secrets,
        }),
      );
    }
    // Each tries, is refused, waits and tries again (rather than exiting).
    for (const server of servers) {
      await waitFor(() => (server.output().match(/database not reachable/g) ?? []).length >= 2);
      expect(server.exit()).toBeNull();
    }
    await cluster.start();
    await Promise.all(servers.map((server) => server.waitUntilReady(60_000)));

    const admins = await query(
      databaseUrl,
      "select count(*)::int as n from app_user where email = 'admin@fourfold.demo'",
    );
    expect(admins.rows[0].n).toBe(1);
    const loaded = servers.filter((server) => /demo data loaded/.test(server.output()));
    expect(loaded).toHaveLength(1);
    // Two of them have done their part; the load runs through the first.
    for (const server of servers.slice(1)) expect(await server.stop()).toBe(0);
  });

  it('survives two 10-second outages under a 60-second write load of 20 clients', async () => {
    const server = servers[0]!;
    const sessions = await Promise.all(DEMO_WRITERS.map((email) => signIn(server.baseUrl, email)));
    const records: RequestRecord[] = [];
    const readiness: Array<{ started: number; ended: number; status: number }> = [];
    // 60 seconds at least; longer only if the restarts were slow, so that 10 seconds after each
    // recovery there are still a few seconds of load to measure.
    const t0 = Date.now();
    const end = { at: t0 + 60_000 };
    const load = runWriteLoad({ baseUrl: server.baseUrl, sessions, clients: 20, end, records });
    const watch = watchReadiness(server.baseUrl, end, readiness);

    const outage = async (mode: StopMode): Promise<Outage> => {
      const stopBegin = Date.now();
      await cluster.stop(mode);
      const stopEnd = Date.now();
      await sleep(10_000);
      const startBegin = Date.now();
      await cluster.start();
      return { mode, stopBegin, stopEnd, startBegin, startEnd: Date.now() };
    };
    await sleep(3_000);
    const first = await outage('immediate');
    await sleep(Math.max(t0 + 32_000, first.startEnd + 13_000) - Date.now());
    const second = await outage('fast');
    end.at = Math.max(end.at, second.startEnd + 15_000);
    await Promise.all([load, watch]);
    const until = end.at;
    const outages = [first, second];

    // The process never exited.
    expect(server.exit()).toBeNull();

    // Every request was answered (no hang, no reset), and no answer was a 5xx other than 503.
    const unanswered = records.filter((r) => r.status === 0).length;
    const serverErrors = records.filter((r) => r.status >= 500 && r.status !== 503);
    expect({ unanswered, serverErrors: serverErrors.length }).toEqual({
      unanswered: 0,
      serverErrors: 0,
    });

    const logLines = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map(
        (line) =>
          JSON.parse(line) as { time: number; msg: string; err?: { type: string; code?: string } },
      );
    const figures = outages.map((o, index) => {
      const next = outages[index + 1]?.stopBegin ?? until;
      const during = records.filter((r) => r.started >= o.stopEnd && r.ended <= o.startBegin);
      // From 10 s after recovery until the next stop begins (a request in flight then fails by design).
      const recovered = records.filter((r) => r.started >= o.startEnd + 10_000 && r.ended < next);
      const succeeded = recovered.filter((r) => r.status >= 200 && r.status < 300).length;
      const firstGreen = readiness.find((s) => s.started >= o.startEnd && s.status === 200);
      return {
        mode: o.mode,
        stopMs: o.stopEnd - o.stopBegin,
        startMs: o.startEnd - o.startBegin,
        requestsDuringOutage: during.length,
        notDatabaseUnavailable: during.filter(
          (r) => r.status !== 503 || r.code !== 'DATABASE_UNAVAILABLE',
        ).length,
        slowestDuringOutageMs: Math.max(0, ...during.map((r) => r.ended - r.started)),
        readinessRed: readiness.some(
          (s) => s.started >= o.stopEnd && s.ended <= o.startBegin && s.status === 503,
        ),
        readinessGreenDuringOutage: readiness.some(
          (s) => s.started >= o.stopEnd && s.ended <= o.startBegin && s.status === 200,
        ),
        greenAfterMs: firstGreen ? firstGreen.ended - o.startEnd : Infinity,
        recoveredRequests: recovered.length,
        recoveredSuccessRate: recovered.length ? succeeded / recovered.length : 0,
        recoveredFailures: countBy(
          recovered.filter((r) => r.status < 200 || r.status >= 300),
          (r) => `${r.kind} ${r.status} ${r.code ?? ''}`.trim(),
        ),
        // What the server saw then, by class and code (all a log line holds).
        recoveredServerErrors: countBy(
          logLines.filter((l) => l.time >= o.startEnd + 10_000 && l.time < next - 1_000 && l.err),
          (l) => `${l.msg}: ${l.err!.type} ${l.err!.code ?? ''}`.trim(),
        ),
      };
    });
    console.log(JSON.stringify({ requests: records.length, outages: figures }, null, 2));
    for (const f of figures) {
      expect(f.requestsDuringOutage).toBeGreaterThan(0);
      expect(f.notDatabaseUnavailable).toBe(0);
      expect(f.slowestDuringOutageMs).toBeLessThan(2_000);
      expect(f.readinessRed).toBe(true);
      expect(f.readinessGreenDuringOutage).toBe(false);
      expect(f.greenAfterMs).toBeLessThan(1_000);
      expect(f.recoveredRequests).toBeGreaterThan(0);
      expect(f.recoveredSuccessRate).toBeGreaterThanOrEqual(0.99);
    }

    // Every acknowledged write is stored, with exactly one audit event; the chain holds.
    const database = await openDatabase(
      {
        kind: 'postgres',
        url: databaseUrl,
        poolMax: 2,
        connectTimeoutMs: 5_000,
        statementTimeoutMs: 60_000,
      },
      silentLog,
    );
    try {
      const check = await checkWrites(database.db, records);
      console.log(JSON.stringify({ writes: check }, null, 2));
      expect(check.acknowledged).toBeGreaterThan(0);
      expect(check).toMatchObject({
        missing: 0,
        auditMismatches: 0,
        duplicatedAudit: 0,
        auditChainIntact: true,
      });
    } finally {
      await database.close();
    }

    // Nothing a driver said reached the log; nothing was an unhandled error.
    const output = server.output();
    for (const pattern of DRIVER_MESSAGES) expect(output).not.toMatch(pattern);
    expect(output).not.toMatch(/unhandled error/);
    expect(output).toMatch(/database unavailable/);
  });

  it('answers 503 and stays up when its backend is terminated in the middle of a query', async () => {
    if (!cluster.running) await cluster.start();
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: databaseUrl,
      ...secrets,
    });
    const database = await openDatabase(config.database, silentLog);
    const app = await buildApp(config, {
      database,
      secrets: {
        tokenSecret: secrets.AUTH_TOKEN_SECRET,
        identityKeys: keyRingFrom(secrets.IDENTITY_KEY),
        repeatKey: Buffer.from(secrets.REPEAT_KEY, 'base64'),
      },
      extraApiRoutes: async (api) => {
        // In a transaction: after the query fails, Kysely's ROLLBACK is still on the client when
        // the server closes the socket, so the client is checked out when it emits 'error'.
        api.get('/faults/slow', { config: { access: 'public' } }, async () => {
          await database.db.transaction().execute(async (trx) => {
            await sql`select pg_sleep(10)`.execute(trx);
          });
          return { done: true };
        });
      },
    });
    try {
      const started = Date.now();
      const answer = app.inject({ method: 'GET', url: '/api/faults/slow' });
      await sleep(500);
      const terminated = await query(
        cluster.url('postgres'),
        "select pg_terminate_backend(pid) from pg_stat_activity where query like '%pg_sleep(10)%' and pid <> pg_backend_pid()",
      );
      expect(terminated.rowCount).toBe(1);
      const res = await answer;
      expect(res.statusCode).toBe(503);
      expect(res.json().code).toBe('DATABASE_UNAVAILABLE');
      expect(Date.now() - started).toBeLessThan(3_000);
      // The pool drops the dead connection and the next request is served.
      const ready = await app.inject({ method: 'GET', url: '/api/health/ready' });
      expect(ready.statusCode).toBe(200);
      const me = await app.inject({ method: 'GET', url: '/api/taxonomy' });
      expect(me.statusCode).toBe(401);
    } finally {
      await app.close();
      await database.close();
    }
  });

  it('keeps a listener through a stop and start of the cluster', async () => {
    if (!cluster.running) await cluster.start();
    const options = {
      kind: 'postgres' as const,
      url: databaseUrl,
      poolMax: 2,
      connectTimeoutMs: 1_500,
      statementTimeoutMs: 15_000,
    };
    const logged: unknown[] = [];
    const record = (...args: unknown[]) => void logged.push(args[0]);
    const listening = await openDatabase(options, { error: record, warn: record, info: record });
    const sending = await openDatabase(options, silentLog);
    try {
      const received: string[] = [];
      let reconnections = 0;
      listening.onReconnect(() => (reconnections += 1));
      const unsubscribe = await listening.listen('faults_channel', (p) => void received.push(p));
      await sending.notify('faults_channel', 'before');
      await waitFor(() => received.length === 1, 5_000);

      await cluster.stop('fast');
      await sleep(2_000);
      await cluster.start();
      await waitFor(() => reconnections === 1, 15_000);
      await sending.notify('faults_channel', 'after');
      await waitFor(() => received.length === 2, 5_000);
      expect(received).toEqual(['before', 'after']);
      // Class and code only, never the driver's message.
      const text = JSON.stringify(logged);
      for (const pattern of DRIVER_MESSAGES) expect(text).not.toMatch(pattern);
      expect(text).toMatch(/57P01|ECONNREFUSED/);
      await unsubscribe();
    } finally {
      await listening.close();
      await sending.close();
    }
  });
});
