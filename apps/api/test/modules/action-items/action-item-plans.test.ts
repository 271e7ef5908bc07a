/**
 * The action items' lists are served by indexes (#12, point 1; migration 0023): the list of items
 * an agency owns (by status, overdue or not, first page and a cursor's page), a situation's items
 * and report-backs, and the overdue sweep. The test loads 20,000 situations at filter 4 with three
 * items each (60,000 items, most of them done, as in a table's history), ANALYZEs, and EXPLAINs
 * (ANALYZE) the very statement the app sent: it must read action_item by the expected index, never
 * sequentially, and touch a bounded number of its rows, so that a page costs the same however many
 * items the agency has owned. Runs on PGlite and on PostgreSQL (TEST_DATABASE_URL) alike; no
 * planner setting is changed.
 */
import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepOverdueActionItems } from '../../../src/modules/action-items/action-items.sweep';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';
import {
  analyzedPlanOf,
  describeScans,
  rowsTouched,
  scansOf,
  type PlanNode,
} from '../../helpers/query-plans';
import { queriesDuring } from '../../helpers/statement-count';
import { SituationClient, createCast, situationAt, type Cast } from '../../helpers/situations';

/** Copies of the seed situation on the cast's table; as many again on the other table. */
const COPIES = 10_000;
/** Rows a page (limit 50, and the one after it) may touch in action_item. */
const BOUND = 500;

describe('the action items’ query plans', () => {
  let t: TestApp;
  let cast: Cast;
  let client: SituationClient;
  let seed = '';
  let openOfLead = 0;

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    cast = await createCast(t.app, db);
    client = new SituationClient(t.app, db, cast);
    seed = await situationAt(client, cast, 'filter4', { identity: false });
    const columns = (
      await sql<{ column_name: string }>`
        select column_name from information_schema.columns
        where table_name = 'situation' and table_schema = current_schema()
          and column_name not in ('id', 'table_id', 'reference')`.execute(db)
    ).rows.map((row) => sql.id(row.column_name));
    await db.transaction().execute(async (trx) => {
      await sql`set local statement_timeout = 0`.execute(trx);
      for (const [tableId, tag] of [
        [cast.tableId, 'C'],
        [cast.otherTableId, 'X'],
      ] as const) {
        await sql`
          insert into situation (table_id, reference, ${sql.join(columns)})
          select ${tableId}::uuid, s.reference || ${tag} || g,
            ${sql.join(columns.map((column) => sql`s.${column}`))}
          from situation s cross join generate_series(1, ${COPIES}::integer) g
          where s.id = ${seed}`.execute(trx);
      }
      // Three items per copy. On the cast's table, owners in turn among the lead, the assisting
      // and the chair's agencies; on the other, its own agency. Of every 100: 90 done and 4
      // cancelled (past due), 6 open, due in the coming weeks but 1 in 1,000 of all past due.
      const otherAgency = (
        await trx
          .selectFrom('table_agency')
          .select('agency_id')
          .where('table_id', '=', cast.otherTableId)
          .executeTakeFirstOrThrow()
      ).agency_id;
      await sql`
        insert into action_item (situation_id, table_id, owner_agency_id, kind, description,
          due_at, status, created_by, status_changed_at)
        select x.id, x.table_id,
          case when x.table_id = ${cast.tableId}::uuid
            then (array[${cast.agencies.lead}, ${cast.agencies.assisting},
              ${cast.agencies.chair}]::uuid[])[1 + x.n % 3]
            else ${otherAgency}::uuid end,
          'task', 'Call the school',
          case when x.n % 1000 = 994 then now() - (x.n % 97) * interval '1 hour'
            when x.n % 100 >= 94 then now() + (x.n % 997) * interval '1 hour'
            else now() - (x.n % 20011) * interval '30 minutes' end,
          case when x.n % 100 < 90 then 'done' when x.n % 100 < 94 then 'cancelled'
            else 'open' end,
          ${cast.users.coordinator.id}::uuid,
          case when x.n % 100 < 94 then now() else null end
        from (
          select s.id, s.table_id, row_number() over (order by s.id) * 3 + g as n
          from situation s cross join generate_series(0, 2) g
          where s.id <> ${seed}
        ) x`.execute(trx);
    });
    // Statistics and the visibility map, as autovacuum would have them on tables this size.
    await sql`vacuum analyze situation`.execute(db);
    await sql`vacuum analyze action_item`.execute(db);
    openOfLead = Number(
      (
        await db
          .selectFrom('action_item')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('owner_agency_id', '=', cast.agencies.lead)
          .where('status', '=', 'open')
          .executeTakeFirstOrThrow()
      ).n,
    );
  }, 300_000);
  afterAll(async () => {
    await closeTestApp(t);
  });

  async function planOf(url: string, marker: RegExp): Promise<PlanNode[]> {
    return analyzedPlanOf(
      t.database.db,
      async () => {
        const res = await client.get('lead', url);
        expect(res.statusCode, res.body).toBe(200);
      },
      marker,
    );
  }

  function expectServedBy(nodes: PlanNode[], index: string, bound = BOUND) {
    const scans = scansOf(nodes, 'action_item');
    const summary = describeScans(scans);
    expect(
      scans.filter((n) => n['Node Type'] === 'Seq Scan'),
      summary,
    ).toEqual([]);
    // A bitmap index scan names the index but not the table: index names are unique.
    expect(
      nodes.some((n) => n['Index Name'] === index),
      `expected ${index}; got ${summary}`,
    ).toBe(true);
    expect(rowsTouched(scans), summary).toBeLessThanOrEqual(bound);
  }

  const OWNED = /"ai"\."owner_agency_id" = /;

  // The agency's history (done, cancelled) is read a page at a time in the index's order. Its
  // open items are its current work (those of its situations at filter 4, a few hundred at most):
  // the planner may read them all by the index and sort them, never the history.
  it.each([
    ['status=done', 'page'],
    ['status=cancelled', 'page'],
    ['status=done&overdue=false', 'page'],
    ['status=open&overdue=true', 'page'],
    ['status=open', 'open'],
    ['status=open&overdue=false', 'open'],
  ] as const)(
    'items the agency owns, %s: first page and a cursor’s page by action_item_owner_status',
    async (query, bound) => {
      const url = `/api/action-items?${query}&limit=50`;
      const limit = bound === 'page' ? BOUND : openOfLead + 51;
      expectServedBy(await planOf(url, OWNED), 'action_item_owner_status', limit);
      const first = await client.get('lead', url);
      const { nextCursor } = first.json() as { nextCursor: string | null };
      if (query !== 'status=open&overdue=true') expect(nextCursor).not.toBeNull();
      if (nextCursor === null) return;
      const next = `${url}&cursor=${encodeURIComponent(nextCursor)}`;
      expectServedBy(await planOf(next, OWNED), 'action_item_owner_status', limit);
    },
  );

  it('a situation’s items and report-backs by the situation’s indexes', async () => {
    expectServedBy(
      await planOf(`/api/situations/${seed}/action-items`, /"ai"\."situation_id" in/),
      'action_item_situation',
    );
    const nodes = await planOf(`/api/situations/${seed}/report-backs`, /from "report_back"/);
    expect(
      nodes.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'report_back'),
    ).toEqual([]);
  });

  it('the overdue sweep finds the items to announce by action_item_overdue_sweep', async () => {
    // The sweep locks what it reads: its statement is EXPLAINed (without running it) as sent.
    const queries = await queriesDuring(() => sweepOverdueActionItems(t.database.db));
    const query = queries.find((q) => /for update skip locked/i.test(q.text));
    if (!query) throw new Error('the sweep sent no locking read');
    const result = await t.database.db.executeQuery<{ 'QUERY PLAN': unknown }>(
      CompiledQuery.raw(`explain (format json) ${query.text}`, query.values),
    );
    const raw = result.rows[0]!['QUERY PLAN'];
    const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ Plan: PlanNode }>;
    const flat = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(flat)];
    const scans = scansOf(flat(parsed[0]!.Plan), 'action_item');
    expect(scans.map((n) => n['Index Name'] ?? n['Node Type'])).toEqual([
      'action_item_overdue_sweep',
    ]);
  });
});
