/**
 * Migrates one template database per test run. Embedded: a PGlite instance migrated once and dumped
 * to a tarball that each test file loads (a fresh PGlite plus migrations would cost every file
 * several seconds). PostgreSQL: a template database that each test file clones.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { embeddedDatabase, openDatabase } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrator';
import { adminQuery, silentLog, testDatabaseUrl, withDatabase } from './helpers/test-env';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDump: string | undefined;
    templateDatabase: string | undefined;
  }
}

export default async function setup(project: TestProject) {
  const serverUrl = testDatabaseUrl();
  if (serverUrl) {
    const name = `fourfold_template_${randomBytes(6).toString('hex')}`;
    await adminQuery(serverUrl, `create database ${name}`);
    const template = await openDatabase(
      {
        kind: 'postgres',
        url: withDatabase(serverUrl, name),
        poolMax: 1,
        connectTimeoutMs: 5000,
        statementTimeoutMs: 60_000,
      },
      silentLog,
    );
    await migrateToLatest(template.db);
    await template.close();
    project.provide('templateDatabase', name);
    project.provide('templateDump', undefined);
    return async () => {
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    };
  }

  const pglite = await PGlite.create();
  const handle = embeddedDatabase(pglite, silentLog);
  await migrateToLatest(handle.db);
  const dump = await pglite.dumpDataDir('none');
  await handle.close();
  await pglite.close();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fourfold-template-'));
  const file = path.join(dir, 'template.tar');
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('templateDump', file);
  project.provide('templateDatabase', undefined);
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
