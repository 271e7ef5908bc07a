import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../src/db/database';
import { findSituationIdByReference } from '../../../src/modules/audit/audit.repository';
import { createAgency, createTable, createUser } from '../../helpers/fixtures';
import { createTestDatabase } from '../../helpers/test-database';
import { createSituation } from './audit-fixtures';

describe('finding a situation by its reference', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.close());

  it('finds the situation and its table, and nothing for an unknown reference', async () => {
    const db = database.db;
    const agencyId = (await createAgency(db)).id;
    const tableId = (await createTable(db, { agencyIds: [agencyId] })).id;
    const userId = (await createUser(db, { agencyId })).id;
    const situation = await createSituation(db, {
      tableId,
      agencyId,
      userId,
      reference: 'REF-2026-0007',
    });
    expect(await findSituationIdByReference(db, 'REF-2026-0007')).toEqual({
      id: situation.id,
      tableId,
    });
    expect(await findSituationIdByReference(db, 'REF-2026-0008')).toBeNull();
  });

  it('answers null, not an error, in a database without a situation table', async () => {
    await sql`alter table situation rename to situation_elsewhere`.execute(database.db);
    try {
      expect(await findSituationIdByReference(database.db, 'REF-2026-0007')).toBeNull();
    } finally {
      await sql`alter table situation_elsewhere rename to situation`.execute(database.db);
    }
  });
});
