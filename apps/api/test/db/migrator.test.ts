import { cp, mkdtemp, readdir, rm, writeFile, appendFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database';
import { MigrationError, defaultMigrationsDir, migrateToLatest } from '../../src/db/migrator';
import { createTestDatabase } from '../helpers/test-database';

describe('migrator', () => {
  let database: DatabaseHandle;
  let dir: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    dir = await mkdtemp(path.join(os.tmpdir(), 'fourfold-migrations-'));
    await cp(defaultMigrationsDir(), dir, { recursive: true });
  });
  afterAll(async () => {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('applies nothing when the template is already up to date', async () => {
    expect(await migrateToLatest(database.db, dir)).toEqual([]);
  });

  it('records a checksum for every applied migration', async () => {
    const rows = await database.db.selectFrom('migration_checksum').select('name').execute();
    const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).map((f) => f.slice(0, -4));
    expect(rows.map((r) => r.name).sort()).toEqual(files.sort());
  });

  it('applies a new migration in order, with its checksum', async () => {
    await writeFile(path.join(dir, '9000_test_new_table.sql'), 'create table test_new (id int);');
    expect(await migrateToLatest(database.db, dir)).toEqual(['9000_test_new_table']);
    const row = await database.db
      .selectFrom('migration_checksum')
      .select('sha256')
      .where('name', '=', '9000_test_new_table')
      .executeTakeFirst();
    expect(row?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses, by name, a migration edited after it ran', async () => {
    await appendFile(path.join(dir, '9000_test_new_table.sql'), '\n-- edited\n');
    const attempt = migrateToLatest(database.db, dir);
    await expect(attempt).rejects.toBeInstanceOf(MigrationError);
    await expect(migrateToLatest(database.db, dir)).rejects.toThrow(/9000_test_new_table/);
  });

  it('refuses a file that does not follow the naming rule', async () => {
    const other = await mkdtemp(path.join(os.tmpdir(), 'fourfold-migrations-bad-'));
    await writeFile(path.join(other, 'add-things.sql'), 'select 1;');
    await expect(migrateToLatest(database.db, other)).rejects.toThrow(/add-things\.sql/);
    await rm(other, { recursive: true, force: true });
  });

  it('rolls back a failing migration entirely and names it', async () => {
    const other = await mkdtemp(path.join(os.tmpdir(), 'fourfold-migrations-fail-'));
    await cp(dir, other, { recursive: true });
    await writeFile(path.join(other, '9000_test_new_table.sql'), 'create table test_new (id int);');
    await writeFile(
      path.join(other, '9001_broken.sql'),
      'create table half_done (id int); select * from missing_table;',
    );
    await expect(migrateToLatest(database.db, other)).rejects.toThrow(/9001_broken/);
    const tables = await database.db
      .selectFrom('information_schema.tables' as never)
      .select('table_name' as never)
      .where('table_name' as never, '=', 'half_done' as never)
      .execute();
    expect(tables).toHaveLength(0);
    await rm(other, { recursive: true, force: true });
  });
});
