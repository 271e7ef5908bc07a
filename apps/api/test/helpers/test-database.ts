/**
 * A private database for one test file, copied from the migrated template of the global setup:
 * a PGlite loaded from the template's dump, or a PostgreSQL database cloned from the template.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { inject } from 'vitest';
import { embeddedDatabase, openDatabase, type DatabaseHandle } from '../../src/db/database';
import { adminQuery, silentLog, testDatabaseUrl, withDatabase } from './test-env';

export async function createTestDatabase(): Promise<DatabaseHandle & { url?: string }> {
  const serverUrl = testDatabaseUrl();
  const template = inject('templateDatabase');
  if (serverUrl && template) {
    const name = `fourfold_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(serverUrl, `create database ${name} template ${template}`);
    const url = withDatabase(serverUrl, name);
    const handle = await openDatabase(
      { kind: 'postgres', url, poolMax: 5, connectTimeoutMs: 5000, statementTimeoutMs: 15000 },
      silentLog,
    );
    return {
      ...handle,
      url,
      async close() {
        await handle.close();
        await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
      },
    };
  }
  const dumpFile = inject('templateDump');
  if (!dumpFile) throw new Error('The global setup provided no template database.');
  const pglite = await PGlite.create({ loadDataDir: new Blob([await readFile(dumpFile)]) });
  return embeddedDatabase(pglite, silentLog, () => pglite.close());
}
