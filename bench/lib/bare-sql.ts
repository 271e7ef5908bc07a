/**
 * The SQL of the bare baseline (bare-server.ts), and how the list's SQL is taken from the API's
 * own code rather than written out twice.
 *
 * The list: the repository's `listSituations` runs against a Kysely whose driver executes
 * nothing and records the compiled statement (text and parameters), so the baseline runs exactly
 * what the API's query builder produces today — whatever another change makes of it — and the
 * bench still checks that both answer the same ids for the same page.
 *
 * One situation and the draft edit have no single statement in the API (it reads the row, its
 * codes, agencies and staff in several): here they are the least a server needs to answer the same
 * thing, one statement for the view, one for the write with its codes and audit event; the bench
 * checks that they agree with the API's answer on what identifies it.
 */
// The API's own Kysely (the root depends on none), so that the repository's builder is the one used.
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type CompiledQuery,
} from '../../apps/api/node_modules/kysely/dist/index.js';
import type { DB } from '../../apps/api/src/db/schema';
import {
  listSituations,
  type ListPosition,
  type SituationListFilters,
  type SituationListSort,
} from '../../apps/api/src/modules/situations/situations.repository';

export type BareQuery = { sql: string; parameters: readonly unknown[] };

/** A Kysely that runs nothing: every statement it is asked to execute is handed to `record`. */
function recordingDatabase(record: (query: CompiledQuery) => void): Kysely<DB> {
  return new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    log: (event) => {
      if (event.level === 'query') record(event.query);
    },
  });
}

/** The statement the API's list runs for one page, as its repository compiles it. */
export async function compiledListQuery(options: {
  tableId: string;
  draftsOfAgency: string | null;
  filters: SituationListFilters;
  sort: SituationListSort;
  after: ListPosition | undefined;
  limit: number;
}): Promise<BareQuery> {
  const recorded: CompiledQuery[] = [];
  const db = recordingDatabase((query) => recorded.push(query));
  await listSituations(db, options);
  await db.destroy();
  if (recorded.length !== 1) {
    throw new Error(`the list ran ${recorded.length} statements; the bench expects one`);
  }
  return { sql: recorded[0]!.sql, parameters: recorded[0]!.parameters };
}

/** One situation as the API's view shows it (de-identified), in one statement; $1 its id. */
export const bareSituationSql = `
select s.id, s.reference, s.table_id, t.requires_second_factor, s.stage, s.version,
       s.situation_type, s.age_band, s.gender, s.summary, s.names_confirmed_digest,
       s.free_text_destroyed_at, s.filter1_agency_exhausted_options, s.filter1_significant_interest,
       s.filter1_probability_of_harm, s.filter1_severity_of_harm,
       s.filter1_multiple_agencies_needed, s.rejection_reason, s.conclusion_reason,
       s.first_contact_at, s.first_contact_outcome, s.no_contact_reason, s.identity_destroyed_at,
       json_build_object('id', o.id, 'name', o.name) as originating_agency,
       case when l.id is null then null else json_build_object('id', l.id, 'name', l.name) end
         as lead_agency,
       (select fc.due_at from action_item fc
         where fc.situation_id = s.id and fc.kind = 'first_contact'
         order by fc.created_at desc limit 1) as first_contact_due_at,
       exists (select 1 from situation_identity i where i.situation_id = s.id) as identity_held,
       (select coalesce(json_agg(json_build_object('list', sc.list, 'code', sc.code)
                                 order by c.sort_order, sc.code), '[]')
          from situation_code sc left join code c on c.list = sc.list and c.code = sc.code
         where sc.situation_id = s.id) as codes,
       (select coalesce(json_agg(json_build_object('id', a.id, 'name', a.name,
                                                   'involved', p.involved)
                                 order by a.name, a.id), '[]')
          from situation_agency_present p join agency a on a.id = p.agency_id
         where p.situation_id = s.id) as agencies_present,
       (select coalesce(json_agg(json_build_object('id', a.id, 'name', a.name)
                                 order by a.name, a.id), '[]')
          from situation_assisting_agency x join agency a on a.id = x.agency_id
         where x.situation_id = s.id) as assisting_agencies,
       (select json_object_agg(step.name, json_build_object('at', step.at, 'by',
                 case when u.id is null then null
                      else json_build_object('displayName', u.display_name,
                                             'agencyName', ua.name) end))
          from (values ('created', s.created_at, s.created_by),
                       ('submitted', s.submitted_at, s.submitted_by),
                       ('decided', s.decided_at, s.decided_by),
                       ('assigned', s.assigned_at, s.assigned_by),
                       ('firstContact', s.first_contact_at, s.first_contact_recorded_by),
                       ('closed', s.closed_at, s.closed_by),
                       ('identityDestroyed', s.identity_destroyed_at, null::uuid))
               as step(name, at, by_user)
          left join app_user u on u.id = step.by_user
          left join agency ua on ua.id = u.agency_id
         where step.at is not null) as steps
from situation s
join situation_table t on t.id = s.table_id
join agency o on o.id = s.originating_agency_id
left join agency l on l.id = s.lead_agency_id
where s.id = $1`;

/**
 * A draft edit in one statement: the row at the version given (none if it moved on: 412), its
 * codes replaced (those no longer chosen deleted, the new ones added: the two never touch the
 * same row), and the audit event, which the database chains as it does for the API.
 * $1 id, $2 version, $3–$6 type, age band, gender, summary, $7/$8 code lists and codes,
 * $9/$10 the user and agency.
 */
export const bareDraftEditSql = `
with updated as (
  update situation
     set situation_type = $3, age_band = $4, gender = $5, summary = $6,
         version = version + 1, updated_at = now()
   where id = $1 and version = $2 and stage = 'draft'
  returning id, table_id
), chosen as (
  select list, code from unnest($7::text[], $8::text[]) as c(list, code)
), removed as (
  delete from situation_code sc using updated u
   where sc.situation_id = u.id and (sc.list, sc.code) not in (select list, code from chosen)
), added as (
  insert into situation_code (situation_id, list, code)
  select u.id, c.list, c.code from updated u cross join chosen c
  on conflict do nothing
), audited as (
  insert into audit_event (action, data_category, outcome, user_id, agency_id, role, table_id,
                           situation_id)
  select 'situation.update', 'de_identified', 'allowed', $9, $10, 'agency_rep', u.table_id, u.id
    from updated u
)
select id from updated`;
