/**
 * The privacy officer's audit search is served by indexes (#12, point 1): for every filter it
 * offers, with and without a table, first page and a cursor's page, the statement the app sent is
 * EXPLAINed (ANALYZE) on a log of 120,000 events (30,000 of the officer's table), and the plan
 * must read audit_event by an index, never sequentially; for the filters that select few events it
 * must touch a bounded number of its rows, so that a page costs the same however long the log
 * grows (see `bounded` for the others). Runs on PGlite and on PostgreSQL (TEST_DATABASE_URL) alike; no planner setting is
 * changed.
 */
import { sql, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';
import {
  createAgency,
  createTable,
  createUser,
  signIn,
  type SignedIn,
} from '../../helpers/fixtures';
import { analyzedPlanOf, describeScans, rowsTouched, scansOf } from '../../helpers/query-plans';
import { getAs } from './audit-fixtures';

/** Events of the officer's table; twice as many on twenty others, and as many without a table. */
const EVENTS = 30_000;
/** Rows a page may touch in audit_event: a page and its filter's spread, never the log. */
const BOUND = 3_000;

/** A version-4 UUID derived from a text, as the API's id schema accepts. */
function uuidOf(seed: RawBuilder<unknown>) {
  return sql`overlay(overlay(md5(${seed}) placing '4' from 13) placing '8' from 17)::uuid`;
}

describe('the audit search’s query plans', () => {
  let t: TestApp;
  let officer: SignedIn;
  const ids = { table: '', member: '', agency: '', situation: '', from: '', to: '' };

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    ids.agency = (await createAgency(db, { sector: 'police' })).id;
    const otherAgency = (await createAgency(db, { sector: 'housing' })).id;
    ids.table = (await createTable(db, { agencyIds: [ids.agency] })).id;
    // Twenty other tables, whose events interleave with the officer's table's, as in a log.
    const others: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      others.push((await createTable(db, { agencyIds: [otherAgency] })).id);
    }
    const officerUser = await createUser(db, {
      agencyId: ids.agency,
      memberships: [{ tableId: ids.table, role: 'privacy_officer' }],
    });
    ids.member = (
      await createUser(db, {
        agencyId: ids.agency,
        memberships: [{ tableId: ids.table, role: 'agency_rep' }],
      })
    ).id;
    officer = await signIn(t.app, officerUser.email);

    // The log, through the chain trigger as every writer: a third of the table events are the
    // officer's table's, the rest spread over twenty others. Of the officer's table's: 1 in 100
    // the member's, 50 per situation, 1 in 50 refused, 1 in 10 of the officer's agency, six
    // actions and categories in turn. Without a table:
    // sign-ins of 500 people who are not members, 1 in 100 of the member.
    for (const [withTable, count] of [
      [true, 3 * EVENTS],
      [false, EVENTS],
    ] as const) {
      // One statement per part of the log: longer than the app's statement timeout allows.
      await db.transaction().execute(async (trx) => {
        await sql`set local statement_timeout = 0`.execute(trx);
        await sql`
        insert into audit_event (action, data_category, outcome, user_id, agency_id, role,
          table_id, situation_id, request_id, prev_hash, hash)
        select
          case when x.table_id is null then 'auth.login'
            else (array['table.view', 'situation.update', 'situation.identity.view',
              'situation.note.view', 'statistics.read', 'meeting.view'])[1 + (x.g / 3) % 6] end,
          (array['de_identified', 'intervention', 'identity', 'administration', 'statistics',
            'authentication'])[1 + (x.g / 3) % 6],
          case when x.g % 150 = 0 then 'denied' else 'allowed' end,
          case when x.g % 100 = 7 then ${ids.member}::uuid
            else ${uuidOf(sql`coalesce(x.table_id::text, 'none') || (x.g % 500)`)} end,
          case when x.g % 30 = 0 then ${ids.agency}::uuid else ${otherAgency}::uuid end,
          'agency_rep',
          x.table_id,
          case when x.table_id is null then null
            else ${uuidOf(sql`x.table_id::text || (x.g / 150)`)} end,
          'plan-' || x.g, '', ''
        from (
          select g, case when not ${withTable} then null
            when g % 3 = 0 then ${ids.table}::uuid
            else (array[${sql.join(others)}]::uuid[])[1 + g % 20] end as table_id
          from generate_series(1, ${count}::integer) g
        ) x`.execute(trx);
      });
    }
    // One situation of the officer's table, and a window of a hundredth of its events.
    const marks = (
      await sql<{ situation: string; from: Date; to: Date }>`
        select
          (select situation_id::text from audit_event where table_id = ${ids.table}
            and request_id = 'plan-15000') as situation,
          (select occurred_at from audit_event where table_id = ${ids.table}
            and request_id = 'plan-30000') as from,
          (select occurred_at from audit_event where table_id = ${ids.table}
            and request_id = 'plan-30900') as to`.execute(db)
    ).rows[0]!;
    ids.situation = marks.situation;
    ids.from = marks.from.toISOString();
    ids.to = marks.to.toISOString();
    await sql`vacuum analyze audit_event`.execute(db);
  }, 180_000);
  afterAll(async () => {
    await closeTestApp(t);
  });

  const filters = {
    none: () => '',
    situationId: () => `&situationId=${ids.situation}`,
    userId: () => `&userId=${ids.member}`,
    agencyId: () => `&agencyId=${ids.agency}`,
    action: () => '&action=situation.identity.view',
    outcome: () => '&outcome=denied',
    dataCategory: () => '&dataCategory=identity',
    from: () => `&from=${ids.from}`,
    to: () => `&to=${ids.to}`,
    window: () => `&from=${ids.from}&to=${ids.to}`,
  } as const;

  const cases = (['all tables', 'one table'] as const).flatMap((scope) =>
    (Object.keys(filters) as Array<keyof typeof filters>).map((filter) => [scope, filter] as const),
  );

  /**
   * The filters that select few events (a situation, a person, a time window) or none: their
   * pages read a bounded part of the log. The others (agency, action, outcome, category, a lower
   * time bound alone) select a share of every table's events; for them the planner may prefer
   * reading the table's events by (table_id, id) with a bitmap and sorting them, or the log by
   * id, to a long walk of the index: still by index, but in proportion to the table's events.
   */
  const bounded = new Set<keyof typeof filters>(['none', 'situationId', 'userId', 'to', 'window']);

  async function expectIndexed(url: string, filter: keyof typeof filters) {
    const nodes = await analyzedPlanOf(
      t.database.db,
      () => getAs(t.app, officer.headers, url),
      /from "audit_event" as "e"/,
    );
    const scans = scansOf(nodes, 'audit_event');
    const summary = describeScans(scans);
    expect(
      scans.filter((n) => n['Node Type'] === 'Seq Scan'),
      summary,
    ).toEqual([]);
    expect(scans.length, summary).toBeGreaterThan(0);
    if (bounded.has(filter)) expect(rowsTouched(scans), summary).toBeLessThan(BOUND);
  }

  it.each(cases)(
    '%s, filter %s: first page and a cursor’s page read the log by index',
    async (scope, filter) => {
      const url =
        `/api/audit/events?limit=50${filters[filter]()}` +
        (scope === 'one table' ? `&tableId=${ids.table}` : '');
      const first = await getAs(t.app, officer.headers, url);
      expect(first.statusCode, first.body).toBe(200);
      const { items, nextCursor } = first.json() as { items: unknown[]; nextCursor: string | null };
      expect(items.length).toBeGreaterThan(0);
      await expectIndexed(url, filter);
      if (nextCursor !== null) {
        await expectIndexed(`${url}&cursor=${encodeURIComponent(nextCursor)}`, filter);
      }
    },
  );
});
