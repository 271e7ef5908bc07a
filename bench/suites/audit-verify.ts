/**
 * Audit chain verification at volume: 1,000,000 chained events loaded by COPY into a database of
 * their own (`fourfold_bench_audit`), then the app's verification (one SQL pass, summarizeChain)
 * timed beside the batched walk it replaced, each with the peak memory of this process and of the
 * database backend that ran it.
 *
 * The hashes are computed here, in Node, in the format of audit_event_digest (migrations 0003 and
 * 0007), and the chain trigger is off during the load: the trigger's per-row lock and lookup
 * would take minutes. The verification then recomputes every digest in the database, so a load
 * that got the format wrong would show as a broken chain, and the suite refuses to report one.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { loadConfig } from '../../apps/api/src/config';
import { openDatabase } from '../../apps/api/src/db/database';
import { verifyAuditChain } from '../../apps/api/src/modules/audit/audit.service';
import { postgresLoader } from '../../apps/api/src/modules/synthetic-data/loaders';
import { benchEnvironment, connect, freshDatabase, migrate } from '../lib/database';
import { sampleRss } from '../lib/memory';

export type VerificationRun = {
  seconds: number;
  checked: number;
  intact: boolean;
  /** Peak resident memory of this Node process during the run, less what it held before. */
  nodePeakAboveIdleBytes: number;
  /** Peak private (anonymous) memory of the PostgreSQL backend that ran the statements. */
  backendPeakAnonBytes: number;
};

export type AuditVerifyResult = {
  database: string;
  events: number;
  loadSeconds: number;
  tableMiB: number;
  onePass: VerificationRun[];
  batched: VerificationRun[];
};

const GENESIS = '0'.repeat(64);
const BATCH_ROWS = 50_000;

const columns = [
  'id',
  'occurred_at',
  'user_id',
  'agency_id',
  'role',
  'table_id',
  'situation_id',
  'action',
  'data_category',
  'purpose',
  'outcome',
  'request_id',
  'prev_hash',
  'hash',
] as const;

/** A plausible mix: a few tables, agencies and people, situations in the thousands. */
function eventFactory() {
  const tables = Array.from({ length: 10 }, () => randomUUID());
  const agencies = Array.from({ length: 40 }, () => randomUUID());
  const users = Array.from({ length: 400 }, () => randomUUID());
  const situations = Array.from({ length: 5_000 }, () => randomUUID());
  const actions = [
    ['situation.viewDeidentified', 'de_identified'],
    ['situation.viewIdentity', 'identity'],
    ['situation.update', 'de_identified'],
    ['intervention.noteAdded', 'intervention'],
    ['auth.signIn', 'authentication'],
  ] as const;
  const start = Date.parse('2026-01-01T00:00:00Z');
  return (i: number) => {
    const [action, category] = actions[i % actions.length]!;
    const signIn = category === 'authentication';
    // Microseconds, as to_char(… 'US') writes them: the ISO milliseconds and three more digits.
    const at = new Date(start + i * 20)
      .toISOString()
      .replace('Z', `${String(i % 1000).padStart(3, '0')}Z`);
    return {
      id: String(i + 1),
      at,
      user: users[i % users.length]!,
      agency: agencies[i % agencies.length]!,
      role: signIn ? null : 'agency_representative',
      table: signIn ? null : tables[i % tables.length]!,
      situation: signIn ? null : situations[(i * 7) % situations.length]!,
      action,
      category,
      purpose: category === 'identity' ? 'first contact' : null,
      outcome: i % 97 === 0 ? 'denied' : 'allowed',
      request: `req-${i.toString(36)}`,
    };
  };
}

/** Loads `events` chained rows and leaves the table as the app would: trigger on, sequence set. */
async function loadChain(client: pg.Client, events: number): Promise<number> {
  const started = performance.now();
  const loader = postgresLoader(client);
  const make = eventFactory();
  await client.query('begin');
  await client.query('alter table audit_event disable trigger audit_event_chain');
  const buffer = loader.buffer('audit_event', columns);
  let prev = GENESIS;
  for (let i = 0; i < events; i++) {
    const e = make(i);
    // concat_ws('|', …) of audit_event_digest, target null (skipped by concat_ws).
    const canonical = [
      prev,
      e.id,
      e.at,
      e.user,
      e.agency,
      e.role ?? '',
      e.table ?? '',
      e.situation ?? '',
      e.action,
      e.category,
      e.purpose ?? '',
      e.outcome,
      e.request,
    ].join('|');
    const hash = createHash('sha256').update(canonical, 'utf8').digest('hex');
    buffer.add([
      e.id,
      e.at,
      e.user,
      e.agency,
      e.role,
      e.table,
      e.situation,
      e.action,
      e.category,
      e.purpose,
      e.outcome,
      e.request,
      prev,
      hash,
    ]);
    prev = hash;
    if (buffer.rows >= BATCH_ROWS) await buffer.flush();
  }
  await buffer.flush();
  await client.query('alter table audit_event enable trigger audit_event_chain');
  await client.query(`select setval('audit_event_id_seq', $1)`, [events]);
  await client.query('commit');
  await client.query('vacuum analyze audit_event');
  return (performance.now() - started) / 1000;
}

async function anonBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^RssAnon:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error(`no RssAnon for process ${pid}`);
  return Number(match[1]) * 1024;
}

/** The backend's private memory, sampled until stopped: shared buffers are not its own. */
function sampleBackend(pid: number, everyMs = 50) {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      peak = Math.max(peak, await anonBytes(pid).catch(() => 0));
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return async () => {
    running = false;
    await loop;
    return peak;
  };
}

/** The verification before #12: 5,000 rows a statement, compared in Node. Kept as the baseline. */
async function batchedWalk(client: pg.Client): Promise<{ intact: boolean; checked: number }> {
  let expectedPrev = GENESIS;
  let lastId = '0';
  let checked = 0;
  for (;;) {
    const { rows } = await client.query<{
      id: string;
      prev_hash: string;
      hash: string;
      recomputed: string;
    }>(
      `select e.id::text as id, e.prev_hash, e.hash, audit_event_digest(e) as recomputed
       from audit_event e where e.id > $1::bigint order by e.id limit 5000`,
      [lastId],
    );
    for (const row of rows) {
      if (row.prev_hash !== expectedPrev || row.hash !== row.recomputed) {
        return { intact: false, checked };
      }
      expectedPrev = row.hash;
      lastId = row.id;
      checked += 1;
    }
    if (rows.length < 5000) return { intact: true, checked };
  }
}

async function measure(
  backendPid: number,
  run: () => Promise<{ intact: boolean; checked: number }>,
): Promise<VerificationRun> {
  global.gc?.();
  const idle = process.memoryUsage.rss();
  const node = sampleRss(process.pid, 20);
  const stopBackend = sampleBackend(backendPid);
  const started = performance.now();
  const result = await run();
  const seconds = (performance.now() - started) / 1000;
  const nodePeak = (await node.stop()).peak;
  return {
    seconds,
    checked: result.checked,
    intact: result.intact,
    nodePeakAboveIdleBytes: Math.max(0, nodePeak - idle),
    backendPeakAnonBytes: await stopBackend(),
  };
}

export async function runAuditVerify(options: {
  serverUrl: string;
  database: string;
  events: number;
  runs: number;
  log: (message: string) => void;
}): Promise<AuditVerifyResult> {
  const databaseUrl = await freshDatabase(options.serverUrl, options.database);
  const environment = {
    ...benchEnvironment(databaseUrl),
    // The verification of a long chain is one statement: the app's 15 s API default does not
    // apply to the command-line check this suite stands for.
    DATABASE_STATEMENT_TIMEOUT_MS: '600000',
    DATABASE_POOL_MAX: '1',
  };
  await migrate(environment);
  const client = await connect(databaseUrl);
  const database = await openDatabase(loadConfig(environment).database, {
    error: console.error,
    warn: console.warn,
    info: () => {},
  });
  try {
    options.log(`audit-verify: loading ${options.events} chained events`);
    const loadSeconds = await loadChain(client, options.events);
    const size = await client.query<{ bytes: string }>(
      `select pg_total_relation_size('audit_event') as bytes`,
    );
    options.log(`audit-verify: loaded in ${loadSeconds.toFixed(1)} s`);
    // One pooled connection: its backend is the one that runs the verification.
    const backend = await database.db
      .selectNoFrom((eb) => eb.fn<number>('pg_backend_pid').as('pid'))
      .executeTakeFirstOrThrow();
    const clientPid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid'))
      .rows[0]!.pid;
    const onePass: VerificationRun[] = [];
    const batched: VerificationRun[] = [];
    for (let i = 0; i < options.runs; i++) {
      onePass.push(await measure(backend.pid, () => verifyAuditChain(database.db)));
      options.log(`audit-verify: one pass ${onePass.at(-1)!.seconds.toFixed(2)} s`);
      batched.push(await measure(clientPid, () => batchedWalk(client)));
      options.log(`audit-verify: batched ${batched.at(-1)!.seconds.toFixed(2)} s`);
    }
    for (const run of [...onePass, ...batched]) {
      if (!run.intact || run.checked !== options.events) {
        throw new Error(`the loaded chain did not verify (${run.checked} checked): not reported`);
      }
    }
    return {
      database: options.database,
      events: options.events,
      loadSeconds,
      tableMiB: Number(size.rows[0]!.bytes) / 1024 / 1024,
      onePass,
      batched,
    };
  } finally {
    await database.close();
    await client.end();
  }
}
