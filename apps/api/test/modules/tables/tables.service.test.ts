import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../src/db/database';
import {
  findActiveTable,
  findTable,
  findTables,
  isMemberAgency,
  memberAgencies,
  nonMemberAgencies,
} from '../../../src/modules/tables/tables.service';
import { createAgency, createTable } from '../../helpers/fixtures';
import { createTestDatabase } from '../../helpers/test-database';

describe('the tables service', () => {
  let database: DatabaseHandle;
  let active: { id: string; name: string };
  let inactive: { id: string; name: string };
  let agencies: { member: string; retired: string; outsider: string };
  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.db;
    agencies = {
      member: (await createAgency(db, { name: 'B member agency' })).id,
      retired: (await createAgency(db, { name: 'A retired agency', active: false })).id,
      outsider: (await createAgency(db)).id,
    };
    active = await createTable(db, { agencyIds: [agencies.member, agencies.retired] });
    inactive = await createTable(db, { agencyIds: [agencies.member] });
    await db
      .updateTable('situation_table')
      .set({ active: false })
      .where('id', '=', inactive.id)
      .execute();
  });
  afterAll(async () => database.close());

  it('finds a table with its settings, and an active one only when it is active', async () => {
    const db = database.db;
    expect(await findTable(db, active.id)).toMatchObject({
      id: active.id,
      name: active.name,
      municipality: 'Testville',
      requires_second_factor: false,
      active: true,
    });
    expect(await findTable(db, inactive.id)).toMatchObject({ active: false });
    expect(await findActiveTable(db, inactive.id)).toBeUndefined();
    expect(await findActiveTable(db, active.id)).toMatchObject({ id: active.id });
    expect(await findTable(db, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });

  it('finds several tables, by name, the inactive ones only when asked', async () => {
    const db = database.db;
    const ids = [inactive.id, active.id, active.id];
    expect((await findTables(db, ids)).map((t) => t.id).sort()).toEqual(
      [active.id, inactive.id].sort(),
    );
    expect((await findTables(db, ids, { activeOnly: true })).map((t) => t.id)).toEqual([active.id]);
    expect(await findTables(db, [])).toEqual([]);
  });

  it('lists the active member agencies only, and tells members from the others', async () => {
    const db = database.db;
    expect((await memberAgencies(db, active.id)).map((a) => a.id)).toEqual([agencies.member]);
    expect(await isMemberAgency(db, active.id, agencies.member)).toBe(true);
    expect(await isMemberAgency(db, active.id, agencies.retired)).toBe(false);
    expect(await isMemberAgency(db, active.id, agencies.outsider)).toBe(false);
    expect(
      await nonMemberAgencies(db, active.id, [
        agencies.outsider,
        agencies.member,
        agencies.retired,
      ]),
    ).toEqual(new Set([agencies.outsider, agencies.retired]));
  });
});
