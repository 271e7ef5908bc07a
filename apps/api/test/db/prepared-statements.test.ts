/**
 * Statements marked `prepared` go to PostgreSQL as named statements, planned once per connection
 * and then reused (db/prepared-statements.ts); unmarked ones stay unnamed. Read from the server's
 * own view of the connection (pg_prepared_statements), on PGlite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/db/schema';
import { prepared } from '../../src/db/prepared-statements';
import { actingPersonOf } from '../../src/modules/auth/auth.repository';
import { findSituation } from '../../src/modules/situations/situations.repository';
import { SituationClient, createCast, situationAt } from '../helpers/situations';
import { closeTestApp, createTestApp, type TestApp } from '../helpers/test-app';

type Prepared = { name: string; statement: string; generic_plans: string; custom_plans: string };

/** The named statements of the connection `work` ran on, read on that same connection. */
async function namedAfter(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<unknown>) {
  return db.transaction().execute(async (trx) => {
    await work(trx);
    const result = await sql<Prepared>`
      select name, statement, generic_plans::text, custom_plans::text
      from pg_prepared_statements`.execute(trx);
    return result.rows;
  });
}

describe('prepared statements', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await closeTestApp(t);
  });

  it('sends a marked statement named, once per text, and reuses its plan', async () => {
    const marker = `prepared-test-${Date.now()}`;
    const rows = await namedAfter(t.database.db, async (trx) => {
      for (let i = 0; i < 8; i++) {
        const result = await sql<{
          id: string;
        }>`${prepared}select id from app_user where email = ${`${marker}-${i}`}`.execute(trx);
        expect(result.rows).toEqual([]);
      }
    });
    const mine = rows.filter((row) => row.statement.includes('from app_user where email'));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.name).toMatch(/^ff_[A-Za-z0-9_-]{24}$/);
    expect(mine[0]!.statement.startsWith('/* prepared */ ')).toBe(true);
    // Eight runs of one plan cache entry: the first custom, then generic once it is as cheap.
    expect(Number(mine[0]!.generic_plans) + Number(mine[0]!.custom_plans)).toBe(8);
  });

  it('leaves an unmarked statement unnamed', async () => {
    const rows = await namedAfter(t.database.db, async (trx) => {
      await sql`select id from agency where name = ${'unmarked-statement'}`.execute(trx);
    });
    expect(rows.filter((row) => row.statement.includes('unmarked-statement'))).toEqual([]);
    expect(rows.filter((row) => row.statement.includes('from agency where name'))).toEqual([]);
  });

  it('prepares the person read of every request', async () => {
    const nobody = '00000000-0000-4000-8000-000000000000';
    const rows = await namedAfter(t.database.db, (trx) => actingPersonOf(trx, nobody, nobody));
    expect(rows.filter((row) => row.statement.includes('session_live'))).toHaveLength(1);
  });

  // Its text is compiled once and kept; the locked read (a write's) is built each time, unnamed.
  it('prepares the read of one situation, which finds what the locked read finds', async () => {
    const cast = await createCast(t.app, t.database.db);
    const id = await situationAt(new SituationClient(t.app, t.database.db, cast), cast, 'filter4');
    const rows = await namedAfter(t.database.db, async (trx) => {
      const plain = await findSituation(trx, id);
      const again = await findSituation(trx, id);
      const locked = await findSituation(trx, id, { lock: true });
      expect(plain?.id).toBe(id);
      expect(again).toEqual(plain);
      expect(locked).toEqual(plain);
      const other = '00000000-0000-4000-8000-000000000000';
      expect(await findSituation(trx, other)).toBeUndefined();
    });
    const reads = rows.filter((row) => row.statement.includes('as "identity_held"'));
    expect(reads).toHaveLength(1);
    expect(reads[0]!.statement).not.toMatch(/for update/i);
    // Run named at least the three times above (the connection may have run it before).
    expect(Number(reads[0]!.generic_plans) + Number(reads[0]!.custom_plans)).toBeGreaterThanOrEqual(
      3,
    );
  });
});
