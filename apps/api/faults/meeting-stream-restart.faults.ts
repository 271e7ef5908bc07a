/**
 * The live view through a PostgreSQL restart, on a throwaway cluster of its own: two API
 * processes (in process, each listening on its own port, as behind a load balancer), a stream
 * client on B, the cluster stopped and started. The stream stays open; once B's listener is back,
 * an event written through A reaches B's client within a second of the write; and an event
 * committed while B's listening connection is down is caught up from the table when it returns.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { openDatabase, type DatabaseHandle } from '../src/db/database';
import { keyRingFrom } from '../src/lib/identity-vault';
import { recordMeetingEventIn } from '../src/modules/meeting-events/meeting-events';
import { prepareDatabase } from '../src/startup';
import { listen, openStream } from '../test/helpers/event-stream';
import { silentLog } from '../test/helpers/test-env';
import { createCluster, type Cluster } from './helpers/cluster';
import { signIn } from './helpers/load';

const secrets = {
  AUTH_TOKEN_SECRET: randomBytes(48).toString('base64'),
  IDENTITY_KEY: `faults:${randomBytes(32).toString('base64')}`,
  SMTP_URL: 'smtp://127.0.0.1:9',
  REPEAT_KEY: randomBytes(32).toString('base64'),
};

type Process = { app: FastifyInstance; database: DatabaseHandle; baseUrl: string };

async function query(url: string, text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

describe('the live view through a PostgreSQL restart', () => {
  let cluster: Cluster;
  let databaseUrl: string;
  const processes: Process[] = [];

  async function startProcess(): Promise<Process> {
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
    });
    const process = { app, database, baseUrl: await listen(app) };
    processes.push(process);
    return process;
  }

  beforeAll(async () => {
    cluster = await createCluster();
    await cluster.start();
    await query(cluster.url('postgres'), 'create database fourfold');
    databaseUrl = cluster.url('fourfold');
    const database = await openDatabase(
      {
        kind: 'postgres',
        url: databaseUrl,
        poolMax: 1,
        connectTimeoutMs: 1500,
        statementTimeoutMs: 60_000,
      },
      silentLog,
    );
    try {
      await prepareDatabase(
        database,
        { seedDemo: true, identityKeys: keyRingFrom(secrets.IDENTITY_KEY) },
        silentLog,
      );
    } finally {
      await database.close();
    }
  });

  afterAll(async () => {
    for (const { app, database } of processes) {
      await app.close().catch(() => {});
      await database.close().catch(() => {});
    }
    // Always: the cluster is the suite's own and must not outlive it.
    await cluster?.drop();
  });

  it("keeps B's stream through a restart: delivery within a second after recovery, catch-up of what was written while B's listener was down", async () => {
    const a = await startProcess();
    const b = await startProcess();
    const chair = await signIn(a.baseUrl, 'chair@riverside.demo');
    const police = await signIn(b.baseUrl, 'police@riverside.demo');
    const coordinator = await query(
      databaseUrl,
      "select id from app_user where email = 'chair@riverside.demo'",
    );
    const meeting = await query(
      databaseUrl,
      `insert into meeting (table_id, scheduled_for, created_by, status, opened_at, opened_by)
       values ($1, now(), $2, 'open', now(), $2) returning id`,
      [chair.tableId, coordinator.rows[0].id],
    );
    const meetingId = meeting.rows[0].id as string;
    const write = (kind: 'decision.recorded' | 'agenda.changed') =>
      a.database.db.transaction().execute((trx) => recordMeetingEventIn(trx, { meetingId, kind }));

    const client = await openStream(b.baseUrl, meetingId, {
      authorization: `Bearer ${police.token}`,
    });
    expect(client.status).toBe(200);
    const before = await write('decision.recorded');
    await client.waitForEvents(1);

    let reconnections = 0;
    b.database.onReconnect(() => (reconnections += 1));
    await cluster.stop('fast');
    await sleep(2_000);
    await cluster.start();
    await vi.waitFor(() => expect(reconnections).toBe(1), { timeout: 15_000, interval: 50 });

    // After recovery: through A's pool (connections made anew), to B's stream within a second.
    let written = 0;
    let after = '';
    const deadline = Date.now() + 30_000;
    while (!after) {
      try {
        written = Date.now();
        after = await write('agenda.changed');
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await sleep(100);
      }
    }
    await client.waitForEvents(2, 1_000);
    expect(Date.now() - written).toBeLessThan(1_000);

    // Written while B's listening connection is down: in one transaction of A, B's listener is
    // cut, then the event recorded; its NOTIFY finds nobody of B listening when it commits.
    const whileDown = await a.database.db.transaction().execute(async (trx) => {
      const cut = await sql<{ n: number }>`
        select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
        where application_name = 'fourfold-listen' and datname = current_database()`.execute(trx);
      expect(cut.rows[0]!.n).toBe(1);
      await sql`select pg_sleep(0.05)`.execute(trx);
      return recordMeetingEventIn(trx, { meetingId, kind: 'attendance.changed' });
    });
    const events = await client.waitForEvents(3, 10_000);
    expect(reconnections).toBe(2);
    expect(events.map((e) => e.id)).toEqual([before, after, whileDown]);
    expect(client.isClosed()).toBe(false);
    expect(chair.token).not.toBe(police.token);
    client.close();
  });
});
