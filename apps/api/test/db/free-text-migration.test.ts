// Migration 0011 repairs what was stored before it: a situation whose identity was already
// destroyed (rejected, or purged after closure) loses its summary too, and the database refuses a
// summary that outlives its identity from then on.
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedDatabase, type DatabaseHandle } from '../../src/db/database';
import { defaultMigrationsDir, migrateToLatest } from '../../src/db/migrator';
import { createAgency, createTable, createUser } from '../helpers/fixtures';
import { silentLog } from '../helpers/test-env';

const FREE_TEXT_MIGRATION = '0011_free_text_and_name_check.sql';

describe('migration 0011: free text goes with the identity', () => {
  let database: DatabaseHandle;
  let before: string;
  beforeAll(async () => {
    const pglite = await PGlite.create();
    database = embeddedDatabase(pglite, silentLog, () => pglite.close());
    // Every migration before this one, as a database would have had them.
    before = await mkdtemp(path.join(os.tmpdir(), 'fourfold-before-0011-'));
    for (const file of await readdir(defaultMigrationsDir())) {
      if (file.endsWith('.sql') && file < FREE_TEXT_MIGRATION) {
        await cp(path.join(defaultMigrationsDir(), file), path.join(before, file));
      }
    }
    await migrateToLatest(database.db, before);
  });
  afterAll(async () => {
    await database.close();
    await rm(before, { recursive: true, force: true });
  });

  it('destroys the summaries of situations whose identity was destroyed, and keeps the others', async () => {
    const db = database.db;
    const agency = await createAgency(db);
    const table = await createTable(db, { agencyIds: [agency.id] });
    const user = await createUser(db, { agencyId: agency.id });
    const situation = (reference: string, destroyed: boolean) =>
      db
        .insertInto('situation')
        .values({
          table_id: table.id,
          reference,
          stage: destroyed ? 'rejected' : 'filter2',
          situation_type: 'individual',
          age_band: '18_24',
          gender: 'female',
          summary: 'Kevin Tremblay has been making threats at home.',
          filter1_agency_exhausted_options: true,
          filter1_significant_interest: true,
          filter1_probability_of_harm: true,
          filter1_severity_of_harm: true,
          filter1_multiple_agencies_needed: true,
          originating_agency_id: agency.id,
          created_by: user.id,
          rejection_reason: destroyed ? 'not_aer' : null,
          identity_destroyed_at: destroyed ? sql<Date>`now() - interval '3 days'` : null,
        })
        .returning(['id', 'version'])
        .executeTakeFirstOrThrow();
    const rejected = await situation('MIG-2026-0001', true);
    const presented = await situation('MIG-2026-0002', false);

    expect(await migrateToLatest(db)).toContain(FREE_TEXT_MIGRATION.slice(0, -4));

    const rows = await db
      .selectFrom('situation')
      .select([
        'id',
        'summary',
        'free_text_destroyed_at',
        'identity_destroyed_at',
        'version',
        'situation_type',
        'rejection_reason',
      ])
      .orderBy('reference')
      .execute();
    expect(rows[0]).toMatchObject({
      id: rejected.id,
      summary: null,
      free_text_destroyed_at: rows[0]!.identity_destroyed_at,
      version: rejected.version + 1,
      situation_type: 'individual',
      rejection_reason: 'not_aer',
    });
    expect(rows[1]).toMatchObject({
      id: presented.id,
      summary: 'Kevin Tremblay has been making threats at home.',
      free_text_destroyed_at: null,
      version: presented.version,
    });

    // From now on the database itself refuses a summary kept past its identity.
    await expect(
      db
        .updateTable('situation')
        .set({ identity_destroyed_at: sql<Date>`now()` })
        .where('id', '=', presented.id)
        .execute(),
    ).rejects.toThrow(/situation_free_text_goes_with_identity/);
  });
});
