import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFactIn } from '../../../src/modules/statistics/facts.repository';
import { rebuildStatistics } from '../../../src/modules/statistics/facts.service';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';
import { SituationClient, createCast, type Cast } from '../../helpers/situations';
import { createUser, signIn } from '../../helpers/fixtures';
import { currentMonth, walk } from './fixtures';

let t: TestApp;
let cast: Cast;
let client: SituationClient;
const db = () => t.database.db;
const month = currentMonth();

let serial = 0;
/** A person no other situation of the file has, unless given again. */
function person() {
  serial += 1;
  return {
    people: [
      {
        givenName: 'Ottoline',
        familyName: 'Brackenridge',
        dateOfBirth: `1980-02-${String(serial).padStart(2, '0')}`,
      },
    ],
  };
}

beforeAll(async () => {
  t = await createTestApp();
  cast = await createCast(t.app, db());
  client = new SituationClient(t.app, db(), cast);
}, 60_000);
afterAll(async () => closeTestApp(t));

async function step(who: 'originating' | 'coordinator', id: string, path: string, body?: unknown) {
  const res = await client.write(who, 'POST', id, path, body);
  expect(res.statusCode, `${path}: ${res.body}`).toBe(200);
}

const agenciesPresent = () => [cast.agencies.present, cast.agencies.lead, cast.agencies.assisting];

/** The stored facts and the non-zero cells, in a stable order. */
async function snapshot() {
  const facts = await db()
    .selectFrom('situation_fact')
    .selectAll()
    .select(sql<string>`period::text`.as('period'))
    .orderBy('situation_id')
    .execute();
  const cells = await db()
    .selectFrom('stats_cell')
    .select(['table_id', sql<string>`period::text`.as('period'), 'dimension', 'key', 'n', 'seed'])
    .where('n', '>', 0)
    .orderBy('table_id')
    .orderBy('period')
    .orderBy('dimension')
    .orderBy('key')
    .execute();
  return { facts, cells };
}

const isRepeat = async (id: string) =>
  (
    await db()
      .selectFrom('situation_fact')
      .select('is_repeat')
      .where('situation_id', '=', id)
      .executeTakeFirst()
  )?.is_repeat;

describe('situation facts', () => {
  it('reads the coded facts of a closed situation, and nothing of one not discussed', async () => {
    const closed = await walk(client, cast, {
      stage: 'closed',
      identity: person(),
      body: { protectiveFactors: ['supportive_family', 'motivation'], studyFlags: ['opioids'] },
    });
    const fact = await readFactIn(db(), closed);
    expect(fact).toEqual({
      situationId: closed,
      tableId: cast.tableId,
      period: `${month}-01`,
      situationType: 'individual',
      ageBand: '18_24',
      gender: 'female',
      outcome: 'accepted',
      rejectionReason: null,
      originatingSector: 'police',
      leadSector: 'mental_health',
      assistingSectors: ['housing'],
      riskFactors: ['alcohol.abuse', 'antisocial.threats'],
      riskCategories: ['alcohol', 'antisocial'],
      protectiveFactors: ['motivation', 'supportive_family'],
      studyFlags: ['opioids'],
      conclusionReason: 'lowered_connected',
      riskLowered: true,
      daysToFirstContact: 0,
      firstContactWithinTarget: true,
      daysOpen: 0,
      isRepeat: false,
    });
    const draft = await walk(client, cast, { stage: 'filter2', identity: person() });
    expect(await readFactIn(db(), draft)).toBeNull();
    const rows = await db().selectFrom('situation_fact').select('situation_id').execute();
    expect(rows.map((r) => r.situation_id)).not.toContain(draft);
  });

  it('keeps no factor, flag or agency of a rejected situation', async () => {
    const id = await walk(client, cast, {
      stage: 'rejected',
      identity: person(),
      rejectionReason: 'not_aer',
      body: { studyFlags: ['firearms'], protectiveFactors: ['motivation'] },
    });
    expect(await readFactIn(db(), id)).toMatchObject({
      outcome: 'rejected',
      rejectionReason: 'not_aer',
      leadSector: null,
      assistingSectors: [],
      riskFactors: [],
      riskCategories: [],
      protectiveFactors: [],
      studyFlags: [],
      conclusionReason: null,
      riskLowered: null,
      daysToFirstContact: null,
      firstContactWithinTarget: null,
      daysOpen: null,
      isRepeat: false,
    });
  });

  it('follows repeat links made and withdrawn by either situation', async () => {
    // A later situation of the same person repeats the earlier one...
    const p = person();
    const earlier = await walk(client, cast, { stage: 'filter2', identity: p });
    const later = await walk(client, cast, { stage: 'closed', identity: p });
    expect(await isRepeat(later)).toBe(true);
    // ... until the earlier one is rejected: a rejection forgets its links.
    await step('coordinator', earlier, '/decision', {
      outcome: 'rejected',
      rejectionReason: 'other',
      agenciesPresent: agenciesPresent(),
    });
    expect(await isRepeat(later)).toBe(false);

    // The earlier situation's identity, saved last, links the later one.
    const q = person();
    const first = await walk(client, cast, { stage: 'filter3', identity: null });
    const second = await walk(client, cast, { stage: 'filter4', identity: q });
    expect(await isRepeat(second)).toBe(false);
    const saved = await client.write('originating', 'PUT', first, '/identity', q);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(await isRepeat(second)).toBe(true);
    // A corrected identity that no longer matches withdraws it.
    const corrected = await client.write('originating', 'PUT', second, '/identity', person());
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(await isRepeat(second)).toBe(false);
  });

  it('leaves the counts alone when a step fails', async () => {
    const id = await walk(client, cast, { stage: 'filter3', identity: person() });
    const before = await snapshot();
    const stale = await client.write(
      'coordinator',
      'POST',
      id,
      '/assignment',
      {
        leadAgencyId: cast.agencies.lead,
        assistingAgencyIds: [],
      },
      '"1"',
    );
    expect(stale.statusCode).toBe(412);
    expect(await snapshot()).toEqual(before);
  });

  it('keeps the running counts equal to a rebuild from scratch, seeds included', async () => {
    const plans = [
      { stage: 'closed', conclusion: 'still_refused', body: { situationType: 'family' } },
      { stage: 'contacted', body: { ageBand: '12_15', gender: 'male' } },
      { stage: 'filter4', body: { riskFactors: ['drugs.use', 'housing.homeless'] } },
      { stage: 'rejected', rejectionReason: 'single_agency' },
      { stage: 'closed', conclusion: 'lowered_informed' },
      { stage: 'filter3', body: { studyFlags: ['youth_justice'] } },
    ] as const;
    const same = person();
    for (const [i, plan] of plans.entries()) {
      await walk(client, cast, { ...plan, identity: i % 2 === 0 ? same : person() });
    }
    const running = await snapshot();
    expect(running.facts.length).toBeGreaterThan(8);
    // The all-tables totals (kept by trigger) are the sums of the cells.
    const totals = await sql<{ drift: number }>`
      select count(*)::integer as drift from (
        select period, dimension, key, sum(n)::integer as n, sum(rounded)::integer as rounded
        from stats_cell group by 1, 2, 3
      ) c full join stats_cell_total t using (period, dimension, key)
      where c.n is distinct from t.n or c.rounded is distinct from t.rounded
    `.execute(db());
    expect(totals.rows[0]!.drift).toBe(0);
    const result = await rebuildStatistics(db());
    expect(result.situations).toBe(running.facts.length);
    expect(result.changedCells).toBe(0);
    expect(await snapshot()).toEqual(running);

    // From nothing (an upgrade from before 0015): the same counts, fresh seeds.
    await db().deleteFrom('situation_fact').execute();
    await db().deleteFrom('stats_cell').execute();
    await rebuildStatistics(db());
    const rebuilt = await snapshot();
    expect(rebuilt.facts).toEqual(running.facts);
    const strip = (cells: typeof running.cells) => cells.map(({ seed: _, ...cell }) => cell);
    expect(strip(rebuilt.cells)).toEqual(strip(running.cells));
  });

  it('follows the table clock and the agency sector when an administrator changes them', async () => {
    const id = await walk(client, cast, { stage: 'closed', identity: person() });
    // Decided at 19:30 on 31 March in Toronto: already 1 April at UTC+14.
    await db()
      .updateTable('situation')
      .set({ decided_at: new Date('2025-03-31T23:30:00Z') })
      .where('id', '=', id)
      .execute();
    await rebuildStatistics(db());
    const period = async () =>
      (
        await db()
          .selectFrom('situation_fact')
          .select(sql<string>`period::text`.as('period'))
          .where('situation_id', '=', id)
          .executeTakeFirstOrThrow()
      ).period;
    expect(await period()).toBe('2025-03-01');

    const admin = await createUser(db(), { isAdministrator: true });
    const session = await signIn(t.app, admin.email);
    const patch = (url: string, payload: object) =>
      t.app.inject({ method: 'PATCH', url, headers: session.headers, payload });
    const tz = await patch(`/api/admin/tables/${cast.tableId}`, { timeZone: 'Pacific/Kiritimati' });
    expect(tz.statusCode, tz.body).toBe(200);
    expect(await period()).toBe('2025-04-01');
    const sector = await patch(`/api/admin/agencies/${cast.agencies.lead}`, { sector: 'hospital' });
    expect(sector.statusCode, sector.body).toBe(200);
    expect((await readFactIn(db(), id))?.leadSector).toBe('hospital');

    const running = await snapshot();
    expect((await rebuildStatistics(db())).changedCells).toBe(0);
    expect(await snapshot()).toEqual(running);
  });
});
