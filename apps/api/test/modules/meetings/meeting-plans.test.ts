/**
 * The meetings' reads are served by indexes (#12, point 1; migration 0023): a table's meeting
 * lists (upcoming and past, first page and a cursor's page), the home page's meetings of the
 * person's tables, the situations eligible for an agenda (the chair's "ready to close" on the work
 * home, and the agenda built at opening), the table's open situations, a meeting's detail and its
 * minutes. The test loads a table's history — 12,000 closed situations with their action items,
 * 1,500 past meetings with eight agenda items, decisions, report-backs and events each, and as much
 * on another table — ANALYZEs, and EXPLAINs (ANALYZE) the very statement the app sent: it must
 * read the big tables by the expected index, never sequentially, and touch a bounded number of
 * their rows, so that it costs the same however long the table's history grows. Runs on PGlite
 * and on PostgreSQL (TEST_DATABASE_URL) alike; no planner setting is changed.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventsAfter,
  latestSeq,
  recentEventsUpTo,
} from '../../../src/modules/meetings/meeting-stream.repository';
import { closeTestApp, createTestApp, type TestApp } from '../../helpers/test-app';
import {
  analyzedPlanOf,
  describeScans,
  rowsTouched,
  scansOf,
  type PlanNode,
} from '../../helpers/query-plans';
import {
  SituationClient,
  createCast,
  situationAt,
  type Cast,
  type Who,
} from '../../helpers/situations';

/** Closed situations of each table's history, and its past meetings (eight items each). */
const CLOSED = 12_000;
const MEETINGS = 1_500;
/**
 * The situations in the process on the cast's table, per stage (filter 4 twice): 160 eligible for
 * an agenda. `PLAN_OPEN=2000 PLAN_BOUND=100000` loads 8,000, where the agenda rule written as
 * `not exists` in the select list was planned as three hashed subplans, each a sequential scan
 * of action_item (docs/benchmarks.md).
 */
const OPEN = Number(process.env.PLAN_OPEN ?? 40);
/** Rows a read may touch in one big table: a page, an agenda, the table's open work. */
const BOUND = Number(process.env.PLAN_BOUND ?? 1_000);

const BIG = [
  'situation',
  'action_item',
  'meeting',
  'meeting_agenda_item',
  'meeting_decision',
  'meeting_event',
  'report_back',
] as const;

describe('the meetings’ query plans', () => {
  let t: TestApp;
  let cast: Cast;
  let client: SituationClient;
  let pastMeeting = '';

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    cast = await createCast(t.app, db);
    client = new SituationClient(t.app, db, cast);
    const seeds: Record<string, string> = {};
    for (const stage of ['filter2', 'filter3', 'filter4', 'closed'] as const) {
      seeds[stage] = await situationAt(client, cast, stage, { identity: false });
    }
    const columns = (
      await sql<{ column_name: string }>`
        select column_name from information_schema.columns
        where table_name = 'situation' and table_schema = current_schema()
          and column_name not in ('id', 'table_id', 'reference', 'first_contact_at')`.execute(db)
    ).rows.map((row) => sql.id(row.column_name));
    const coordinator = cast.users.coordinator.id;
    await db.transaction().execute(async (trx) => {
      await sql`set local statement_timeout = 0`.execute(trx);
      // Copies of the seeds: each table's closed history, and the cast's table's open work, half
      // of it at filter 4 with the first contact made (ready to close unless an item is open).
      for (const [tableId, stage, copies, tag] of [
        [cast.tableId, 'closed', CLOSED, 'C'],
        [cast.otherTableId, 'closed', CLOSED, 'X'],
        [cast.tableId, 'filter2', OPEN, 'N'],
        [cast.tableId, 'filter3', OPEN, 'R'],
        [cast.tableId, 'filter4', 2 * OPEN, 'F'],
      ] as const) {
        await sql`
          insert into situation (table_id, reference, first_contact_at, ${sql.join(columns)})
          select ${tableId}::uuid, s.reference || ${tag} || g,
            case when ${stage} = 'filter4' and g % 2 = 0 then now() - g * interval '1 hour'
              else s.first_contact_at end,
            ${sql.join(columns.map((column) => sql`s.${column}`))}
          from situation s cross join generate_series(1, ${copies}::integer) g
          where s.id = ${seeds[stage]!}`.execute(trx);
      }
      // Two items per copy: done, but one open on every other situation at filter 4.
      await sql`
        insert into action_item (situation_id, table_id, owner_agency_id, kind, description,
          due_at, status, created_by)
        select s.id, s.table_id, ${cast.agencies.lead}::uuid, 'task', 'Call the school',
          now() + g * interval '1 day',
          case when s.stage = 'filter4' and g = 0 and (hashtext(s.id::text) % 2) = 0 then 'open'
            else 'done' end,
          ${coordinator}::uuid
        from situation s cross join generate_series(0, 1) g
        where s.id <> all(${sql.val(Object.values(seeds))}::uuid[])`.execute(trx);
      // Each table's weekly meetings, past (closed, one in twenty cancelled) and five ahead.
      for (const tableId of [cast.tableId, cast.otherTableId]) {
        await sql`
          insert into meeting (table_id, scheduled_for, status, created_by, opened_at, opened_by,
            closed_at, closed_by)
          select ${tableId}::uuid, now() + (g - ${MEETINGS}) * interval '7 days',
            case when g > ${MEETINGS} then 'scheduled' when g % 20 = 0 then 'cancelled'
              else 'closed' end, ${coordinator}::uuid,
            case when g > ${MEETINGS} or g % 20 = 0 then null
              else now() + (g - ${MEETINGS}) * interval '7 days' end,
            case when g > ${MEETINGS} or g % 20 = 0 then null else ${coordinator}::uuid end,
            case when g > ${MEETINGS} or g % 20 = 0 then null
              else now() + (g - ${MEETINGS}) * interval '7 days' + interval '2 hours' end,
            case when g > ${MEETINGS} or g % 20 = 0 then null else ${coordinator}::uuid end
          from generate_series(1, ${MEETINGS + 5}::integer) g`.execute(trx);
      }
      // Eight closed situations on each closed meeting's agenda, each with its decision, a
      // report-back and its events.
      await sql`
        insert into meeting_agenda_item (meeting_id, situation_id, section, position,
          stage_at_opening, added_at, discussed_at)
        select m.id, s.id, 'report_back', s.k % 8, 'filter4', m.opened_at, m.opened_at
        from (select id, table_id, row_number() over (partition by table_id order by id) - 1 as k
              from situation where stage = 'closed') s
        join (select id, table_id, opened_at,
                row_number() over (partition by table_id order by scheduled_for) - 1 as k
              from meeting where status = 'closed') m
          on m.table_id = s.table_id and m.k = s.k / 8`.execute(trx);
      await sql`
        insert into meeting_decision (meeting_id, situation_id, kind, conclusion_reason,
          decided_at, decided_by)
        select meeting_id, situation_id, 'concluded', 'lowered_connected', added_at,
          ${coordinator}::uuid
        from meeting_agenda_item`.execute(trx);
      await sql`
        insert into report_back (situation_id, agency_id, meeting_id, status_update, created_at,
          created_by)
        select situation_id, ${cast.agencies.lead}::uuid, meeting_id, 'Seen at school',
          added_at, ${coordinator}::uuid
        from meeting_agenda_item`.execute(trx);
      await sql`
        insert into meeting_event (meeting_id, kind, situation_id, agenda_item_id, created_at)
        select meeting_id, 'agenda.changed', situation_id, id, added_at from meeting_agenda_item`.execute(
        trx,
      );
    });
    for (const table of BIG) await sql`vacuum analyze ${sql.table(table)}`.execute(db);
    pastMeeting = (
      await db
        .selectFrom('meeting')
        .select('id')
        .where('table_id', '=', cast.tableId)
        .where('status', '=', 'closed')
        .orderBy('scheduled_for', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow()
    ).id;
  }, 300_000);
  afterAll(async () => {
    await closeTestApp(t);
  });

  async function planOf(who: Who, url: string, marker: RegExp): Promise<PlanNode[]> {
    return analyzedPlanOf(
      t.database.db,
      async () => {
        const res = await client.get(who, url);
        expect(res.statusCode, res.body).toBe(200);
      },
      marker,
    );
  }

  /** No big table read sequentially, `index` read, and each big table's rows touched bounded. */
  function expectServedBy(nodes: PlanNode[], index: string | readonly string[]) {
    const indexes = typeof index === 'string' ? [index] : index;
    for (const table of BIG) {
      const scans = scansOf(nodes, table);
      const summary = `${table}: ${describeScans(scans)}`;
      expect(
        scans.filter((n) => n['Node Type'] === 'Seq Scan'),
        summary,
      ).toEqual([]);
      expect(rowsTouched(scans), summary).toBeLessThanOrEqual(BOUND);
    }
    // A bitmap index scan names the index but not the table: index names are unique.
    expect(
      nodes.some((n) => indexes.includes(n['Index Name'] ?? '')),
      `expected ${indexes.join(' or ')}; got ${JSON.stringify(nodes.map((n) => [n['Node Type'], n['Index Name'] ?? n['Relation Name'] ?? null]))}`,
    ).toBe(true);
  }

  it.each([
    ['upcoming', 'meeting_table_upcoming'],
    ['past', 'meeting_table_scheduled'],
  ])('a table’s %s meetings: first page and a cursor’s page by %s', async (when, index) => {
    const url = `/api/tables/${cast.tableId}/meetings?when=${when}&limit=2`;
    const LIST = /"m"\."table_id" = /;
    expectServedBy(await planOf('coordinator', url, LIST), index);
    const first = await client.get('coordinator', url);
    const { nextCursor } = first.json() as { nextCursor: string | null };
    expect(nextCursor).not.toBeNull();
    const next = `${url}&cursor=${encodeURIComponent(nextCursor!)}`;
    expectServedBy(await planOf('coordinator', next, LIST), index);
  });

  // Per table, or across tables by time: both read only meetings ahead, in the window.
  it('the home page’s meetings of the person’s tables by an index of upcoming meetings', async () => {
    expectServedBy(await planOf('lead', '/api/meetings', /"m"\."table_id" in/), [
      'meeting_table_upcoming',
      'meeting_scheduled_for',
    ]);
  });

  it('the situations eligible for an agenda (the chair’s work home): one lateral probe each', async () => {
    const nodes = await planOf('coordinator', '/api/me/work', /then 'ready_to_close'/);
    expectServedBy(nodes, 'action_item_situation');
  });

  it('the table’s open situations (the work home) by situation_stage_counts', async () => {
    const nodes = await planOf('lead', '/api/me/work', /order by "s"\."reference"/);
    expectServedBy(nodes, 'situation_stage_counts');
  });

  it.each([
    ['agenda', /from "meeting_agenda_item" where/, 'meeting_agenda_item_meeting_id_position_key'],
    ['decisions', /from "meeting_decision" as "d"/, 'meeting_decision_meeting'],
    ['action items', /"ai"\."situation_id" in/, 'action_item_situation'],
  ])('a meeting’s detail, its %s by %s', async (_part, marker, index) => {
    expectServedBy(await planOf('coordinator', `/api/meetings/${pastMeeting}`, marker), index);
  });

  it.each([
    ['agenda', /from "meeting_agenda_item" as "i"/, 'meeting_agenda_item_meeting_id_position_key'],
    ['action items', /"ai"\."created_in_meeting_id" = /, 'action_item_situation'],
    ['report-backs', /"rb"\."meeting_id" = /, 'report_back_meeting'],
    ['decisions', /from "meeting_decision" as "d"/, 'meeting_decision_meeting'],
  ])('a meeting’s minutes, its %s by %s', async (_part, marker, index) => {
    expectServedBy(
      await planOf('coordinator', `/api/meetings/${pastMeeting}/minutes`, marker),
      index,
    );
  });

  // The live view (an event stream, not an inject): its repository's reads, as the stream sends them.
  it.each([
    ['the latest sequence number', () => latestSeq(t.database.db, pastMeeting), /max\("seq"\)/],
    ['the events after one', () => eventsAfter(t.database.db, pastMeeting, '0', 500), /"seq" >/],
    [
      'the late arrivals',
      () => recentEventsUpTo(t.database.db, pastMeeting, '9223372036854775807', 3600),
      /"seq" <=/,
    ],
  ] as const)('the live view’s %s by meeting_event_meeting', async (_read, work, marker) => {
    expectServedBy(await analyzedPlanOf(t.database.db, work, marker), 'meeting_event_meeting');
  });
});
