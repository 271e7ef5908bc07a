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
import { isDatabaseUnavailable } from '../lib/database-errors';
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
  // A lost connection is not a bad migration: the caller waits and tries again (its message, which
  // can quote values, must not become a MigrationError's).
  if (isDatabaseUnavailable(error)) throw error;
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

/**
 * Kysely's own migration lock (PostgresAdapter's advisory lock id), so that start-up work and
 * `pnpm db:migrate` in other processes take turns with each other.
 */
const MIGRATION_LOCK_ID = sql.raw('3853314791062309107');

/**
 * Runs `work` on one connection holding the migration lock for its whole duration. Every write a
 * process makes at start-up (migrations, demo data, sealing stored secrets) goes through here, so
 * that several processes starting together on a fresh database take turns and the later ones find
 * the work done. Kysely's Migrator takes the same session lock again on this connection, which
 * PostgreSQL allows (advisory locks are re-entrant within a session).
 */
export async function withMigrationLock<T>(
  db: Kysely<DB>,
  work: (connection: Kysely<DB>) => Promise<T>,
): Promise<T> {
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_ID})`.execute(connection);
    try {
      return await work(connection);
    } finally {
      // On a lost connection the server has released the lock with the session.
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`
        .execute(connection)
        .catch(() => undefined);
    }
  });
}
