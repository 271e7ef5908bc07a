import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HISTORY } from '../src/modules/synthetic-data/demo-history';
import { openDatabase, type DatabaseHandle } from '../src/db/database';
import { MigrationError, migrateToLatest } from '../src/db/migrator';
import { isDatabaseUnavailable } from '../src/lib/database-errors';
import {
  DatabaseUnreachableError,
  prepareDatabase,
  retryWhileUnavailable,
  type Backoff,
} from '../src/startup';
import { createTestDatabase } from './helpers/test-database';
import { testSecrets } from './helpers/test-app';
import { silentLog } from './helpers/test-env';

const quick: Backoff = { initialMs: 5, maxMs: 20, giveUpAfterMs: 10_000 };
const refused = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

function recordingLog() {
  const lines: Array<{ obj: object; msg: string }> = [];
  const at = (...args: unknown[]) => {
    lines.push({ obj: args[0] as object, msg: String(args[1]) });
  };
  return { lines, log: { error: at, warn: at, info: at } };
}

describe('start-up retries while the database is unreachable', () => {
  it('waits and tries again, logging the class and code but never the message', async () => {
    const { lines, log } = recordingLog();
    let attempts = 0;
    const result = await retryWhileUnavailable(
      'migrating',
      async () => {
        attempts += 1;
        if (attempts < 3) throw refused();
        return 'done';
      },
      log,
      quick,
    );
    expect(result).toBe('done');
    expect(attempts).toBe(3);
    expect(lines).toHaveLength(2);
    expect(lines[0]!.obj).toMatchObject({
      err: { type: 'Error', code: 'ECONNREFUSED' },
      attempt: 1,
    });
    expect(JSON.stringify(lines)).not.toContain('127.0.0.1');
  });

  it('doubles the wait up to its cap', async () => {
    const { lines, log } = recordingLog();
    let attempts = 0;
    await retryWhileUnavailable(
      'migrating',
      async () => {
        attempts += 1;
        if (attempts < 5) throw refused();
      },
      log,
      { initialMs: 1, maxMs: 4, giveUpAfterMs: 10_000 },
    );
    expect(lines.map((line) => (line.obj as { retryInMs: number }).retryInMs)).toEqual([
      1, 2, 4, 4,
    ]);
  });

  it('stops at once on any other error', async () => {
    let attempts = 0;
    const bad = new MigrationError('Migration 0001_x failed');
    await expect(
      retryWhileUnavailable(
        'migrating',
        async () => {
          attempts += 1;
          throw bad;
        },
        silentLog,
        quick,
      ),
    ).rejects.toBe(bad);
    expect(attempts).toBe(1);
  });

  it('gives up with a readable error after its time limit', async () => {
    await expect(
      retryWhileUnavailable(
        'migrating',
        async () => {
          throw refused();
        },
        silentLog,
        { initialMs: 5, maxMs: 5, giveUpAfterMs: 30 },
      ),
    ).rejects.toBeInstanceOf(DatabaseUnreachableError);
  });

  it('does not turn an unreachable database into a MigrationError carrying the driver message', async () => {
    const unreachable = await openDatabase(
      {
        kind: 'postgres',
        url: 'postgres://fourfold@127.0.0.1:1/fourfold',
        poolMax: 1,
        connectTimeoutMs: 500,
        statementTimeoutMs: 1000,
      },
      silentLog,
    );
    const error = await migrateToLatest(unreachable.db).then(
      () => null,
      (e: unknown) => e,
    );
    await unreachable.close();
    expect(error).not.toBeInstanceOf(MigrationError);
    expect(isDatabaseUnavailable(error)).toBe(true);
  });
});

describe('start-up writes under the migration lock', () => {
  let database: DatabaseHandle & { url?: string };
  const handles: DatabaseHandle[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
    // On PostgreSQL, three processes' worth of pools racing; PGlite has one connection anyway.
    for (let i = 0; i < 3; i += 1) {
      handles.push(
        database.url
          ? await openDatabase(
              {
                kind: 'postgres',
                url: database.url,
                poolMax: 2,
                connectTimeoutMs: 5000,
                statementTimeoutMs: 15000,
              },
              silentLog,
            )
          : database,
      );
    }
  });
  afterAll(async () => {
    for (const handle of handles) if (handle !== database) await handle.close();
    await database.close();
  });

  it('lets processes starting together all come up, the demo data loaded exactly once', async () => {
    const results = await Promise.all(
      handles.map((handle) =>
        prepareDatabase(
          handle,
          { seedDemo: true, identityKeys: testSecrets().identityKeys, backoff: quick },
          silentLog,
        ),
      ),
    );
    expect(results.filter((result) => result.seeded)).toHaveLength(1);
    const admins = await database.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', 'admin@fourfold.demo')
      .execute();
    expect(admins).toHaveLength(1);
    const tables = await database.db.selectFrom('situation_table').select('id').execute();
    // The two curated tables, and the generated ones behind the demo history.
    expect(tables).toHaveLength(2 + DEMO_HISTORY.generatedTables);
  });
});
