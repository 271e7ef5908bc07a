/**
 * The embedded server (PGlite in DATA_DIR) killed with SIGKILL under write load and started
 * again at once on the same folder: the restart is not refused (the lock's holder is recognised
 * as dead), a second live process still is, and every write acknowledged before the kill is
 * stored, with exactly one audit event, and the audit chain verifies.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { embeddedDatabase } from '../src/db/database';
import { DEMO_WRITERS, runWriteLoad, signIn, type RequestRecord } from './helpers/load';
import { startServer, type ServerProcess } from './helpers/server-process';
import { silentLog } from '../test/helpers/test-env';
import { checkWrites } from './helpers/verify';

describe('the embedded server killed under write load', () => {
  let dataDir: string | undefined;
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    for (const server of servers) await server.kill();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('restarts at once on the same data directory, refuses a live second process, and lost no acknowledged write', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'fourfold-faults-embedded-'));
    const start = async () => {
      const server = await startServer({ DATA_DIR: dataDir! });
      servers.push(server);
      return server;
    };

    const first = await start();
    await first.waitUntilReady(150_000);
    const sessions = await Promise.all(DEMO_WRITERS.map((email) => signIn(first.baseUrl, email)));
    const records: RequestRecord[] = [];
    const end = { at: Date.now() + 60_000 };
    const load = runWriteLoad({ baseUrl: first.baseUrl, sessions, clients: 10, end, records });
    await sleep(10_000);
    await first.kill();
    end.at = Date.now();
    await load;

    // At once: no waiting for a lock to go stale.
    const second = await start();
    await second.waitUntilReady(150_000);
    expect(second.output()).not.toMatch(/in use by another/);

    // A live holder is still refused, with the readable message.
    const third = await start();
    while (!third.exit()) await sleep(100);
    expect(third.exit()!.code).toBe(1);
    expect(third.output()).toMatch(/is in use by another Fourfold process/);

    expect(await second.stop()).toBe(0);
    const pglite = await PGlite.create(path.join(dataDir, 'pgdata'));
    const database = embeddedDatabase(pglite, silentLog, () => pglite.close());
    try {
      const check = await checkWrites(database.db, records);
      console.log(
        JSON.stringify({ requests: records.length, writes: check }, null, 2),
        `\nacknowledged writes present after SIGKILL: ${check.acknowledged - check.missing} of ${check.acknowledged}`,
      );
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
  });
});
