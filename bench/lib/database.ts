/**
 * The bench's database: dropped and created afresh on the local server, migrated by the real
 * migrator, and the environment every process of the run shares (the API child, the generator):
 * its URL and throw-away secrets, made up for this run and never written anywhere.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../../apps/api/src/config';
import { openDatabase } from '../../apps/api/src/db/database';
import type { Logger } from '../../apps/api/src/db/log';
import { migrateToLatest } from '../../apps/api/src/db/migrator';

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Drops (closing its sessions) and creates the database; returns its URL. */
export async function freshDatabase(serverUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  return withDatabase(serverUrl, name);
}

/** The environment of the API and the generator on the bench database. */
export function benchEnvironment(databaseUrl: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    // One line per request would be written in production; at warn the figures measure the work.
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    AUTH_TOKEN_SECRET: randomBytes(32).toString('hex'),
    IDENTITY_KEY: `bench:${randomBytes(32).toString('base64')}`,
    REPEAT_KEY: randomBytes(32).toString('base64'),
    // Required with DATABASE_URL; nothing in the bench sends mail.
    SMTP_URL: 'smtp://127.0.0.1:2525',
    SEED_DEMO: 'false',
  };
}

const quiet: Logger = { error: console.error, warn: console.warn, info: () => {} };

/** Applies every migration with the app's own migrator. */
export async function migrate(environment: Record<string, string>): Promise<string[]> {
  const config = loadConfig(environment);
  const database = await openDatabase(config.database, quiet);
  try {
    return await migrateToLatest(database.db);
  } finally {
    await database.close();
  }
}

export async function connect(databaseUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  return client;
}
