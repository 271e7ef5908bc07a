/**
 * Forward-only SQL migrations: migrations/NNNN_name.sql, applied in order by Kysely's Migrator.
 * Each file's SHA-256 is stored when it runs, in the same transaction; a file that already ran and
 * was edited afterwards is refused by name, because the database would no longer match the code.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import { findUp } from '../lib/find-up';
import type { DB } from './schema';

const MIGRATION_FILE = /^(\d{4}_[a-z0-9_]+)\.sql$/;

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

type MigrationFile = { name: string; sql: string; sha256: string };

export function defaultMigrationsDir(): string {
  const dir = findUp('migrations/0001_migration_checksums.sql');
  if (!dir) throw new MigrationError('The migrations folder was not found.');
  return path.dirname(dir);
}

export async function readMigrationFiles(dir: string): Promise<MigrationFile[]> {
  const entries = (await readdir(dir)).filter((file) => file.endsWith('.sql')).sort();
  return Promise.all(
    entries.map(async (file) => {
      const match = MIGRATION_FILE.exec(file);
      if (!match?.[1]) {
        throw new MigrationError(`Migration file ${file} is not named NNNN_lower_snake_name.sql.`);
      }
      const text = await readFile(path.join(dir, file), 'utf8');
      return { name: match[1], sql: text, sha256: sha256(text) };
    }),
  );
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function providerFor(files: MigrationFile[]): MigrationProvider {
  return {
    async getMigrations() {
      const migrations: Record<string, Migration> = {};
      for (const file of files) {
        migrations[file.name] = {
          // `db` is the migration transaction: the checksum commits with the schema change.
          async up(db: Kysely<unknown>) {
            await sql.raw(file.sql).execute(db);
            await sql`insert into migration_checksum (name, sha256) values (${file.name}, ${file.sha256})`.execute(
              db,
            );
          },
        };
      }
      return migrations;
    },
  };
}

/** Applies every pending migration; returns the names it applied. */
export async function migrateToLatest(
  db: Kysely<DB>,
  dir: string = defaultMigrationsDir(),
): Promise<string[]> {
  const files = await readMigrationFiles(dir);
  const migrator = new Migrator({ db, provider: providerFor(files) });
  await refuseEditedMigrations(db, migrator, files);
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((result) => result.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(
      failed
        ? `Migration ${failed.migrationName} failed: ${reason}`
        : `Migrating failed: ${reason}`,
    );
  }
  return results.map((result) => result.migrationName);
}

async function refuseEditedMigrations(
  db: Kysely<DB>,
  migrator: Migrator,
  files: MigrationFile[],
): Promise<void> {
  const executed = (await migrator.getMigrations()).filter((info) => info.executedAt);
  if (executed.length === 0) return;
  const stored = await db.selectFrom('migration_checksum').select(['name', 'sha256']).execute();
  const storedByName = new Map(stored.map((row) => [row.name, row.sha256]));
  for (const info of executed) {
    const file = files.find((candidate) => candidate.name === info.name);
    if (file && storedByName.get(info.name) !== file.sha256) {
      throw new MigrationError(
        `Migration ${info.name} was edited after it ran. Merged migrations are never edited: ` +
          'restore the file and add a new migration instead.',
      );
    }
  }
}
