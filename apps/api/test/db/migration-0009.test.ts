/**
 * Migration 0009 (separation of duties) on a database that already holds data: memberships are
 * kept and marked as in effect (`migrated`), while an administrator loses the agency and the
 * memberships they held — each removal leaving an audit event — so that the new constraints hold.
 */
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedDatabase, type DatabaseHandle } from '../../src/db/database';
import { defaultMigrationsDir, migrateToLatest } from '../../src/db/migrator';
import { verifyAuditChain } from '../../src/modules/audit/audit.service';
import { silentLog } from '../helpers/test-env';

describe('migration 0009_membership_confirmation', () => {
  let database: DatabaseHandle;
  let dir: string;
  const ids = {} as Record<'agency' | 'table' | 'admin' | 'member', string>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'fourfold-0009-'));
    const source = defaultMigrationsDir();
    for (const file of await readdir(source)) {
      if (file < '0009') await cp(path.join(source, file), path.join(dir, file));
    }
    const pglite = await PGlite.create();
    database = embeddedDatabase(pglite, silentLog, () => pglite.close());
    await migrateToLatest(database.db, dir);

    // Data as it could stand before 0009: an administrator with an agency and a membership.
    const db = database.db;
    const row = await sql<{ agency: string; table: string; admin: string; member: string }>`
      with a as (insert into agency (name, sector) values ('Old Agency', 'police') returning id),
      t as (insert into situation_table (name, reference_prefix, municipality)
            values ('Old Table', 'OLD', 'Oldtown') returning id),
      ta as (insert into table_agency (table_id, agency_id) select t.id, a.id from t, a),
      ad as (insert into app_user (email, display_name, agency_id, is_administrator)
             select 'old-admin@test.example', 'Old Admin', a.id, true from a returning id),
      mb as (insert into app_user (email, display_name, agency_id)
             select 'old-member@test.example', 'Old Member', a.id from a returning id)
      select a.id as agency, t.id as "table", ad.id as admin, mb.id as member from a, t, ad, mb`
      .execute(db)
      .then((result) => result.rows[0]!);
    Object.assign(ids, row);
    await sql`insert into table_membership (table_id, user_id, role) values
      (${ids.table}, ${ids.admin}, 'agency_rep'), (${ids.table}, ${ids.member}, 'coordinator')`.execute(
      db,
    );

    await cp(
      path.join(source, '0009_membership_confirmation.sql'),
      path.join(dir, '0009_membership_confirmation.sql'),
    );
    expect(await migrateToLatest(database.db, dir)).toEqual(['0009_membership_confirmation']);
  });

  afterAll(async () => {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps existing memberships in effect, marked migrated', async () => {
    const rows = await database.db
      .selectFrom('table_membership')
      .select(['user_id', 'role', 'status', 'requested_at', 'confirmed_at', 'confirmed_by'])
      .execute();
    expect(rows).toEqual([
      {
        user_id: ids.member,
        role: 'coordinator',
        status: 'migrated',
        requested_at: expect.any(Date),
        confirmed_at: expect.any(Date),
        confirmed_by: null,
      },
    ]);
  });

  it('takes the agency and memberships away from an administrator, with an audit event', async () => {
    const admin = await database.db
      .selectFrom('app_user')
      .select(['agency_id', 'is_administrator', 'session_epoch'])
      .where('id', '=', ids.admin)
      .executeTakeFirstOrThrow();
    expect(admin).toEqual({ agency_id: null, is_administrator: true, session_epoch: 1 });
    const events = await database.db
      .selectFrom('audit_event')
      .select(['action', 'user_id', 'table_id', 'target'])
      .execute();
    expect(events).toEqual([
      {
        action: 'admin.membership.remove',
        user_id: null,
        table_id: ids.table,
        target: `user:${ids.admin}`,
      },
    ]);
    expect(await verifyAuditChain(database.db)).toMatchObject({ intact: true, checked: 1 });
  });
});
