/**
 * Workflow writes at once (#12, point 2): a write's versioned update, its audit event and its
 * simple rows are one statement (CTEs), and its statistics facts and meeting events one more
 * (`situation_after_write`, migration 0024). Run concurrently, they must still leave the audit
 * hash chain whole with exactly one event per write that happened, none for a write refused by
 * its version, and the statistics cells equal to the facts. On PostgreSQL the writers really
 * contend (the chain's lock, the table's statistics lock); PGlite has one connection and runs
 * them one after another, which must give the same result.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { verifyAuditChain } from '../../../src/modules/audit/audit.service';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';
import {
  SituationClient,
  createCast,
  draftBody,
  situationAt,
  type Cast,
} from '../../helpers/situations';

const SITUATIONS = 8;

describe('concurrent workflow writes', () => {
  let t: TestApp;
  let cast: Cast;
  let client: SituationClient;

  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.app, t.database.db);
    client = new SituationClient(t.app, t.database.db, cast);
  }, 120_000);
  afterAll(async () => {
    await closeTestApp(t);
  });

  const eventsOf = async (situationId: string, action: string) =>
    Number(
      (
        await t.database.db
          .selectFrom('audit_event')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('situation_id', '=', situationId)
          .where('action', '=', action)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('keeps the chain whole and one event per write, the cells equal to the facts', async () => {
    const ids: string[] = [];
    for (let i = 0; i < SITUATIONS; i += 1) ids.push(await situationAt(client, cast, 'filter2'));
    const agenciesPresent = [cast.agencies.present, cast.agencies.lead, cast.agencies.assisting];
    const etags = await Promise.all(ids.map((id) => client.etag(id)));
    // Every situation decided twice from the same version: one of each pair must be refused.
    const results = await Promise.all(
      ids.flatMap((id, i) =>
        [0, 1].map(() =>
          client.write(
            'coordinator',
            'POST',
            id,
            '/decision',
            { outcome: 'accepted', agenciesPresent },
            etags[i],
          ),
        ),
      ),
    );
    for (let i = 0; i < SITUATIONS; i += 1) {
      const pair = results.slice(2 * i, 2 * i + 2).map((res) => res.statusCode);
      expect(pair.sort(), results[2 * i]!.body).toEqual([200, 412]);
      expect(await eventsOf(ids[i]!, 'situation.decide')).toBe(1);
    }
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ intact: true });

    // One fact per decided situation, and the table's "discussions" cells count them all.
    const { rows } = await sql<{ facts: number; discussions: number }>`
      select
        (select count(*)::integer from situation_fact where situation_id = any(${ids}::uuid[]))
          as facts,
        (select coalesce(sum(n), 0)::integer from stats_cell
          where table_id = ${cast.tableId} and dimension = 'discussions') as discussions
    `.execute(t.database.db);
    expect(rows[0]).toEqual({ facts: SITUATIONS, discussions: SITUATIONS });
  }, 120_000);

  it('keeps the columns the triggers derive in step with rows written in the update’s statement', async () => {
    // The codes of an edit and the first-contact item of an assignment are written by CTEs of the
    // write's statement; the statement-level triggers of migration 0018 then update the same
    // situation row the statement moved.
    const id = await situationAt(client, cast, 'draft');
    const derived = () =>
      t.database.db
        .selectFrom('situation as s')
        .select([
          's.risk_factor_count',
          's.first_contact_due_at',
          (eb) =>
            eb
              .selectFrom('situation_code as c')
              .select((e) => e.fn.countAll<string>().as('n'))
              .whereRef('c.situation_id', '=', 's.id')
              .where('c.list', '=', 'risk_factor')
              .as('risk_factors'),
        ])
        .where('s.id', '=', id)
        .executeTakeFirstOrThrow();
    for (const riskFactors of [['alcohol.abuse'], ['antisocial.threats', 'alcohol.abuse'], []]) {
      const res = await client.write('originating', 'PUT', id, '', draftBody({ riskFactors }));
      expect(res.statusCode, res.body).toBe(200);
      const row = await derived();
      expect(row.risk_factor_count).toBe(riskFactors.length);
      expect(Number(row.risk_factors)).toBe(riskFactors.length);
      expect((res.json() as { riskFactors: string[] }).riskFactors.sort()).toEqual(
        [...riskFactors].sort(),
      );
    }

    const assigned = await situationAt(client, cast, 'filter4');
    const item = await t.database.db
      .selectFrom('action_item as a')
      .innerJoin('situation as s', 's.id', 'a.situation_id')
      .select(['a.due_at', 's.first_contact_due_at', 'a.owner_agency_id'])
      .where('a.situation_id', '=', assigned)
      .where('a.kind', '=', 'first_contact')
      .executeTakeFirstOrThrow();
    expect(item.first_contact_due_at).not.toBeNull();
    expect(item.first_contact_due_at).toEqual(item.due_at);
    expect(item.owner_agency_id).toBe(cast.agencies.lead);
  }, 120_000);
});
