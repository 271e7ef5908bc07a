import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditAction } from '@fourfold/shared/audit';
import type { DatabaseHandle } from '../../../src/db/database';
import { recordAudit, verifyAuditChain } from '../../../src/modules/audit/audit.service';
import { createTestDatabase } from '../../helpers/test-database';
import { testDatabaseUrl } from '../../helpers/test-env';

/**
 * The log itself takes any well-formed action code (a check constraint); the API's recorder is
 * typed to the closed list. These tests write codes of their own to find their rows again.
 */
const testAction = (name: string) => name as AuditAction;

describe('audit log: append-only, hash-chained', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.close());

  const event = (action: string) =>
    recordAudit(database.db, {
      action: testAction(action),
      dataCategory: 'administration',
      outcome: 'allowed',
      purpose: 'test',
      requestId: 'req-1',
    });

  it('chains each row to the one before it', async () => {
    await event('test.first');
    await event('test.second');
    const rows = await database.db
      .selectFrom('audit_event')
      .select(['id', 'prev_hash', 'hash'])
      .orderBy('id')
      .execute();
    expect(rows[0]!.prev_hash).toBe('0'.repeat(64));
    for (let i = 1; i < rows.length; i += 1) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(await verifyAuditChain(database.db)).toEqual({ intact: true, checked: rows.length });
  });

  it('keeps the chain whole under concurrent writers', async () => {
    await Promise.all(Array.from({ length: 25 }, (_, i) => event(`test.concurrent${i}`)));
    const result = await verifyAuditChain(database.db);
    expect(result.intact).toBe(true);
  });

  it('rejects UPDATE, DELETE and TRUNCATE', async () => {
    await expect(
      sql`update audit_event set action = 'test.changed' where id = (select min(id) from audit_event)`.execute(
        database.db,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_event`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_event`.execute(database.db)).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(database.db)).intact).toBe(true);
  });

  it('ignores a caller-supplied hash or id: the trigger fills them', async () => {
    await sql`insert into audit_event (id, action, data_category, outcome, prev_hash, hash)
      values (1, 'test.forged', 'administration', 'allowed', 'x', 'y')`.execute(database.db);
    expect((await verifyAuditChain(database.db)).intact).toBe(true);
  });

  it('chains the target of a row when it has one, and only then (older rows keep their digest)', async () => {
    await recordAudit(database.db, {
      action: testAction('test.targeted'),
      dataCategory: 'administration',
      outcome: 'allowed',
      target: 'code:risk_factor/alcohol.use',
    });
    const rows = await sql<{ target: string | null; hash: string; without: string }>`
      select target, hash,
        encode(sha256(convert_to(concat_ws('|', prev_hash, id::text,
          to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          coalesce(user_id::text, ''), coalesce(agency_id::text, ''), coalesce(role, ''),
          coalesce(table_id::text, ''), coalesce(situation_id::text, ''), action, data_category,
          coalesce(purpose, ''), outcome, coalesce(request_id, '')), 'UTF8')), 'hex') as without
      from audit_event order by id`.execute(database.db);
    // The format of migration 0003, without the target: still the digest of every untargeted row.
    for (const row of rows.rows) {
      if (row.target === null) expect(row.hash).toBe(row.without);
      else expect(row.hash).not.toBe(row.without);
    }
    expect(rows.rows.some((row) => row.target !== null)).toBe(true);
    expect((await verifyAuditChain(database.db)).intact).toBe(true);
  });

  it('admits only an identifier or a code as target, never free text', async () => {
    for (const target of ['Jane Doe', 'user:Jane', 'agency', 'email:a@b.example']) {
      await expect(
        recordAudit(database.db, {
          action: testAction('test.badtarget'),
          dataCategory: 'administration',
          outcome: 'allowed',
          target,
        }),
      ).rejects.toThrow(/check constraint/);
    }
  });

  it('names the first row altered behind the trigger’s back', async () => {
    const target = await database.db
      .selectFrom('audit_event')
      .select('id')
      .where('action', '=', 'test.second')
      .executeTakeFirstOrThrow();
    await sql`alter table audit_event disable trigger audit_event_immutable`.execute(database.db);
    await sql`update audit_event set purpose = 'rewritten' where id = ${target.id}`.execute(
      database.db,
    );
    await sql`alter table audit_event enable trigger audit_event_immutable`.execute(database.db);
    expect(await verifyAuditChain(database.db)).toMatchObject({
      intact: false,
      firstBrokenId: target.id,
      problem: 'hash_mismatch',
    });
  });

  it('names the row after one deleted behind the trigger’s back', async () => {
    const fresh = await createTestDatabase();
    try {
      for (const name of ['a', 'b', 'c']) {
        await recordAudit(fresh.db, {
          action: testAction(`test.${name}xx`),
          dataCategory: 'administration',
          outcome: 'allowed',
        });
      }
      const ids = (
        await fresh.db.selectFrom('audit_event').select('id').orderBy('id').execute()
      ).map((r) => r.id);
      await sql`alter table audit_event disable trigger audit_event_immutable`.execute(fresh.db);
      await sql`delete from audit_event where id = ${ids[1]}`.execute(fresh.db);
      expect(await verifyAuditChain(fresh.db)).toEqual({
        intact: false,
        checked: 1,
        firstBrokenId: ids[2],
        problem: 'broken_link',
      });
    } finally {
      await fresh.close();
    }
  });
  it('names the first of two rows whose places were swapped behind the trigger’s back', async () => {
    const fresh = await createTestDatabase();
    try {
      for (const name of ['a', 'b', 'c', 'd']) {
        await recordAudit(fresh.db, {
          action: testAction(`test.${name}xx`),
          dataCategory: 'administration',
          outcome: 'allowed',
        });
      }
      const ids = (
        await fresh.db.selectFrom('audit_event').select('id').orderBy('id').execute()
      ).map((r) => r.id);
      // b and c change places: each row is intact on its own, only the order is wrong.
      await sql`alter table audit_event disable trigger audit_event_immutable`.execute(fresh.db);
      await sql`update audit_event set id = -1 where id = ${ids[1]}`.execute(fresh.db);
      await sql`update audit_event set id = ${ids[1]} where id = ${ids[2]}`.execute(fresh.db);
      await sql`update audit_event set id = ${ids[2]} where id = -1`.execute(fresh.db);
      expect(await verifyAuditChain(fresh.db)).toEqual({
        intact: false,
        checked: 1,
        firstBrokenId: ids[1],
        problem: 'broken_link',
      });
    } finally {
      await fresh.close();
    }
  });
});

/**
 * The chain is extended at COMMIT (migration 0026): an event waits in `audit_event_pending` while
 * its transaction runs, so the chain's lock is held from the commit to its end, not from the
 * insert. An audited write no longer waits for another's whole transaction.
 */
describe('audit log: chained at COMMIT', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.close());

  const input = (action: string) => ({
    action: testAction(action),
    dataCategory: 'administration' as const,
    outcome: 'allowed' as const,
  });
  const actions = async () =>
    (await database.db.selectFrom('audit_event').select('action').orderBy('id').execute()).map(
      (row) => row.action,
    );
  const pending = async () =>
    Number(
      (await sql<{ n: string }>`select count(*) as n from audit_event_pending`.execute(database.db))
        .rows[0]!.n,
    );

  it('holds a transaction’s events until it commits, then chains them in the order written', async () => {
    await database.db.transaction().execute(async (trx) => {
      await recordAudit(trx, input('test.pending1'));
      await recordAudit(trx, input('test.pending2'));
      const seen = await trx.selectFrom('audit_event').select('action').execute();
      expect(seen.map((row) => row.action)).not.toContain('test.pending1');
      const waiting = await sql<{ action: string }>`
        select action from audit_event_pending order by ord`.execute(trx);
      expect(waiting.rows.map((row) => row.action)).toEqual(['test.pending1', 'test.pending2']);
    });
    expect((await actions()).slice(-2)).toEqual(['test.pending1', 'test.pending2']);
    expect(await pending()).toBe(0);
    expect((await verifyAuditChain(database.db)).intact).toBe(true);
  });

  it('leaves nothing of a transaction that rolls back', async () => {
    const before = await actions();
    await expect(
      database.db.transaction().execute(async (trx) => {
        await recordAudit(trx, input('test.rolledback'));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await actions()).toEqual(before);
    expect(await pending()).toBe(0);
  });

  it('cannot be skipped by setting the chaining flag: the insert is chained at once instead', async () => {
    await database.db.transaction().execute(async (trx) => {
      await sql`select set_config('fourfold.audit_chaining', 'on', true)`.execute(trx);
      await recordAudit(trx, input('test.flagged'));
      const row = await trx
        .selectFrom('audit_event')
        .select(['action', 'hash'])
        .where('action', '=', 'test.flagged')
        .executeTakeFirstOrThrow();
      expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    });
    expect(await pending()).toBe(0);
    expect((await verifyAuditChain(database.db)).intact).toBe(true);
  });

  // PostgreSQL only: PGlite's one connection runs one transaction at a time.
  it.runIf(testDatabaseUrl())(
    'an open transaction’s event holds up no other audited write, and is chained after it when it commits',
    async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let inserted!: () => void;
      const insertedOnce = new Promise<void>((resolve) => (inserted = resolve));
      const open = database.db.transaction().execute(async (trx) => {
        await recordAudit(trx, input('test.longwrite'));
        inserted();
        await held;
      });
      await insertedOnce;
      // Before 0026 this waited on the open transaction's lock until it ended: lock_timeout
      // makes that an error instead of a hang.
      await database.db.transaction().execute(async (trx) => {
        await sql`set local lock_timeout = '3s'`.execute(trx);
        await recordAudit(trx, input('test.shortwrite'));
      });
      expect((await actions()).at(-1)).toBe('test.shortwrite');
      release();
      await open;
      expect((await actions()).slice(-2)).toEqual(['test.shortwrite', 'test.longwrite']);
      expect((await verifyAuditChain(database.db)).intact).toBe(true);
    },
  );
});
