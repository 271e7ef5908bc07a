/**
 * The API against bare baselines (#12, point 4): the authenticated, policy-checked situation list
 * (first page and a deep page reached by following real cursors, as a representative and as a
 * coordinator), one situation, and a draft edit with If-Match, each beside the bare Fastify + pg
 * server (bare-server.ts) answering the same from the same database, both under autocannon.
 *
 * Before any figure, each pair is checked to answer the same thing (the same ids for the same
 * page; the same situation; a write that moves the version by one and records one audit event):
 * a ratio between two servers that disagree would mean nothing, and a list whose SQL changed
 * under the bench shows up here rather than as a silently wrong figure.
 */
import type { Client } from 'autocannon';
import type pg from 'pg';
import {
  decodeListCursor,
  filterFingerprint,
} from '../../apps/api/src/modules/situations/situation-list-cursor';
import type {
  ListPosition,
  SituationListFilters,
  SituationListSort,
} from '../../apps/api/src/modules/situations/situations.repository';
import { signIn } from '../lib/analyst';
import { compiledListQuery, type BareQuery } from '../lib/bare-sql';
import { cannon, medianOfRounds, type CannonOptions, type CannonResult } from '../lib/cannon';
import { createMember, largestTable, type Member, type MemberRole } from '../lib/members';

export type Comparison = { api: CannonResult; bare: CannonResult };

export type ListCase = Comparison & {
  role: MemberRole;
  page: number;
  /** Rows before the page. */
  offset: number;
  sql: string;
};

export type ApiSuiteResult = {
  /** What the database held: situations and tables in all, and in the table read. */
  data: { situations: number; tables: number };
  tableSituations: number;
  pageSize: number;
  list: ListCase[];
  situation: Comparison & { stage: string };
  draftEdit: Comparison;
  connections: number;
  durationSeconds: number;
  /** Rounds of each server per comparison (alternating); each figure is a median of rounds. */
  rounds: number;
};

type Context = {
  apiUrl: string;
  bareUrl: string;
  client: pg.Client;
  load: CannonOptions;
  deepPage: number;
  log: (message: string) => void;
};

// The list as the web app first opens it: no filter, most recently updated first, 50 a page (the
// query schema's defaults), which is also how the service builds its filters from that query.
const sort: SituationListSort = { key: 'updated', order: 'desc' };
const filters: SituationListFilters = {
  stage: undefined,
  q: undefined,
  originatingAgencyId: undefined,
  leadAgencyId: undefined,
  overdue: false,
  createdFrom: undefined,
  createdTo: undefined,
};
const PAGE = 50;
/** Alternating rounds of each side per comparison, each of the load's duration. */
export const ROUNDS = 3;

async function getJson<T>(url: string, token?: string): Promise<T> {
  const response = await fetch(url, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (response.status !== 200) {
    throw new Error(`GET ${url.replace(/cursor=[^&]+/, 'cursor=…')}: ${response.status}`);
  }
  return (await response.json()) as T;
}

/** The page's cursor (undefined for the first), found by following nextCursor from page 1. */
async function followCursors(
  apiUrl: string,
  tableId: string,
  token: string,
  pages: number,
): Promise<{ page: number; cursor: string | undefined; ids: string[] }> {
  const base = `${apiUrl}/api/tables/${tableId}/situations`;
  let cursor: string | undefined;
  let page = 1;
  for (;;) {
    const body = await getJson<{ items: { id: string }[]; nextCursor: string | null }>(
      cursor ? `${base}?cursor=${encodeURIComponent(cursor)}` : base,
      token,
    );
    if (page === pages || body.nextCursor === null) {
      return { page, cursor, ids: body.items.map((item) => item.id) };
    }
    cursor = body.nextCursor;
    page += 1;
  }
}

async function registerBare(bareUrl: string, queries: Record<string, BareQuery>) {
  const response = await fetch(`${bareUrl}/bare/queries`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(queries),
  });
  if (response.status !== 200) throw new Error(`registering bare queries: ${response.status}`);
}

/**
 * Both, in the same run, with the same load, in alternating rounds (bare, API, bare, API…): a
 * machine whose speed drifts during the run (other work, the database's caches, CPU boost) then
 * weighs on both sides alike, rather than on whichever ran second. Each side's figure is the
 * median of its rounds (bench/lib/cannon.ts).
 */
async function compare(
  { load, log }: Pick<Context, 'load' | 'log'>,
  bare: Parameters<typeof cannon>[0],
  api: Parameters<typeof cannon>[0],
): Promise<Comparison> {
  const bareRounds: CannonResult[] = [];
  const apiRounds: CannonResult[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    bareRounds.push(await cannon(bare, load));
    apiRounds.push(await cannon(api, load));
  }
  const bareResult = medianOfRounds(bareRounds);
  const apiResult = medianOfRounds(apiRounds);
  const statuses = (result: CannonResult) => JSON.stringify(result.statuses);
  log(
    `  api ${apiResult.requestsPerSecond.toFixed(0)}/s p99 ${apiResult.p99} ms ` +
      `${statuses(apiResult)}; bare ${bareResult.requestsPerSecond.toFixed(0)}/s ` +
      `p99 ${bareResult.p99} ms ${statuses(bareResult)} (medians of ${ROUNDS} rounds each)`,
  );
  return { api: apiResult, bare: bareResult };
}

async function listCases(
  context: Context,
  tableId: string,
  members: Member[],
  tokens: Map<Member, string>,
): Promise<ListCase[]> {
  const { apiUrl, bareUrl, log } = context;
  const cases: ListCase[] = [];
  for (const member of members) {
    const token = tokens.get(member)!;
    for (const wanted of [1, context.deepPage]) {
      const { page, cursor, ids } = await followCursors(apiUrl, tableId, token, wanted);
      let after: ListPosition | undefined;
      if (cursor !== undefined) {
        const decoded = decodeListCursor(cursor, sort, filterFingerprint(filters));
        if ('invalid' in decoded) {
          throw new Error(`the list's cursor no longer decodes as the bench expects`);
        }
        after = decoded.position;
      }
      // The API asks for one row more than the page, to know whether there is a next page.
      const query = await compiledListQuery({
        tableId,
        draftsOfAgency: member.agencyId,
        filters,
        sort,
        after,
        limit: PAGE + 1,
      });
      const name = `${member.role}-${page}`;
      await registerBare(bareUrl, { [name]: query });
      const bare = await getJson<{ items: { id: string }[] }>(`${bareUrl}/bare/list/${name}`);
      const bareIds = bare.items.slice(0, PAGE).map((row) => row.id);
      if (bareIds.join() !== ids.join()) {
        throw new Error(
          `the bare list and the API disagree on page ${page} as ${member.role} ` +
            `(${bareIds.length} and ${ids.length} ids): the list's SQL is no longer what the ` +
            `repository compiles, or the service filters more than its query`,
        );
      }
      log(`list as ${member.role}, page ${page}: ${ids.length} ids, the same from both`);
      const path = `/api/tables/${tableId}/situations${
        cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''
      }`;
      const result = await compare(
        context,
        { url: `${bareUrl}/bare/list/${name}` },
        { url: `${apiUrl}${path}`, headers: { authorization: `Bearer ${token}` } },
      );
      cases.push({ ...result, role: member.role, page, offset: (page - 1) * PAGE, sql: query.sql });
    }
  }
  return cases;
}

type ApiSituation = {
  id: string;
  version: number;
  riskFactors: string[];
  agenciesPresent: { id: string }[];
  assistingAgencies: { id: string }[];
};
type BareSituation = {
  id: string;
  version: number;
  codes: { list: string; code: string }[];
  agencies_present: { id: string }[];
  assisting_agencies: { id: string }[];
};

/** What identifies a situation's answer: the same from both servers or the bench stops. */
function sameSituation(api: ApiSituation, bare: BareSituation): boolean {
  const key = (s: ApiSituation) =>
    JSON.stringify([
      s.id,
      s.version,
      s.riskFactors,
      s.agenciesPresent.map((a) => a.id),
      s.assistingAgencies.map((a) => a.id),
    ]);
  return (
    key(api) ===
    key({
      id: bare.id,
      version: bare.version,
      riskFactors: bare.codes.filter((c) => c.list === 'risk_factor').map((c) => c.code),
      agenciesPresent: bare.agencies_present,
      assistingAgencies: bare.assisting_agencies,
    })
  );
}

async function oneSituation(
  context: Context,
  tableId: string,
  member: Member,
  token: string,
): Promise<Comparison & { stage: string }> {
  const { apiUrl, bareUrl, client, log } = context;
  // A situation past assignment: the view's every part (agencies present, lead, assisting, steps).
  const picked = await client.query<{ id: string; stage: string }>(
    `select id, stage from situation s where table_id = $1 and stage in ('filter4', 'closed')
       and exists (select 1 from situation_assisting_agency x where x.situation_id = s.id)
     order by stage desc, id limit 1`,
    [tableId],
  );
  const { id, stage } = picked.rows[0] ?? { id: undefined, stage: '' };
  if (id === undefined) throw new Error('no assigned situation with assisting agencies');
  const api = await getJson<ApiSituation>(`${apiUrl}/api/situations/${id}`, token);
  const bare = await getJson<BareSituation>(`${bareUrl}/bare/situations/${id}`);
  if (!sameSituation(api, bare)) throw new Error('the bare situation and the API disagree');
  log(`one situation (${stage}): the same from both`);
  return {
    stage,
    ...(await compare(
      context,
      { url: `${bareUrl}/bare/situations/${id}` },
      { url: `${apiUrl}/api/situations/${id}`, headers: { authorization: `Bearer ${token}` } },
    )),
  };
}

type Codes = { situationType: string; ageBand: string; gender: string; riskFactors: string[] };

async function draftCodes(client: pg.Client): Promise<Codes> {
  const first = async (list: string, n: number) =>
    (
      await client.query<{ code: string }>(
        `select code from code where list = $1 and retired_at is null
         order by sort_order, code limit $2`,
        [list, n],
      )
    ).rows.map((row) => row.code);
  return {
    situationType: (await first('situation_type', 1))[0]!,
    ageBand: (await first('age_band', 1))[0]!,
    gender: (await first('gender', 1))[0]!,
    riskFactors: await first('risk_factor', 3),
  };
}

// Two texts the edits alternate between, so that every write changes the row. No name in them.
const summaries = [
  'Repeated crisis calls this month; housing is at risk and supports have not engaged.',
  'Crisis calls continue; eviction notice received, school absences rising.',
];

async function draftEdit(
  context: Context,
  tableId: string,
  member: Member,
  token: string,
): Promise<Comparison> {
  const { apiUrl, bareUrl, client, load, log } = context;
  const codes = await draftCodes(client);
  const draftBody = (n: number) => ({
    ...codes,
    protectiveFactors: [],
    studyFlags: [],
    summary: summaries[n % 2]!,
    filter1: {},
  });
  const bareBody = (n: number, userId: string) => ({
    userId,
    agencyId: member.agencyId,
    situationType: codes.situationType,
    ageBand: codes.ageBand,
    gender: codes.gender,
    summary: summaries[n % 2]!,
    codes: codes.riskFactors.map((code) => ({ list: 'risk_factor', code })),
  });
  // A draft of the representative's agency for each connection of each server: each connection
  // edits its own in sequence, so no write waits on another's version.
  const drafts: { id: string; etag: string }[] = [];
  for (let i = 0; i < 2 * load.connections; i++) {
    const response = await fetch(`${apiUrl}/api/tables/${tableId}/situations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(draftBody(0)),
    });
    if (response.status !== 201) {
      throw new Error(`creating a draft: ${response.status} ${await response.text()}`);
    }
    const body = (await response.json()) as { id: string };
    drafts.push({ id: body.id, etag: response.headers.get('etag')! });
  }
  const events = async (id: string) =>
    Number(
      (
        await client.query<{ n: string }>(
          'select count(*) as n from audit_event where situation_id = $1',
          [id],
        )
      ).rows[0]!.n,
    );

  // One edit by each first, checked: the version moves by one, one audit event is added.
  const check = async (
    draft: { id: string; etag: string },
    url: string,
    headers: Record<string, string>,
    body: unknown,
  ) => {
    const before = await events(draft.id);
    const response = await fetch(url, {
      method: 'PUT',
      headers: { ...headers, 'content-type': 'application/json', 'if-match': draft.etag },
      body: JSON.stringify(body),
    });
    const etag = response.headers.get('etag');
    const added = (await events(draft.id)) - before;
    const moved = Number(etag?.replaceAll('"', '')) - Number(draft.etag.replaceAll('"', ''));
    if (response.status !== 200 || moved !== 1 || added !== 1) {
      throw new Error(
        `a draft edit at ${url.includes('/bare/') ? 'the bare route' : 'the API'} answered ` +
          `${response.status}, moved the version by ${moved} and added ${added} audit events`,
      );
    }
    draft.etag = etag!;
  };
  const apiDrafts = drafts.slice(0, load.connections);
  const bareDrafts = drafts.slice(load.connections);
  await check(
    apiDrafts[0]!,
    `${apiUrl}/api/situations/${apiDrafts[0]!.id}`,
    { authorization: `Bearer ${token}` },
    draftBody(1),
  );
  await check(
    bareDrafts[0]!,
    `${bareUrl}/bare/situations/${bareDrafts[0]!.id}`,
    {},
    bareBody(1, member.userId),
  );
  log('draft edit: both move the version by one and record one audit event');

  // autocannon's per-request context is reset every round, so each connection keeps its draft
  // and current ETag in a closure of its own.
  const editing = (
    pool: { id: string; etag: string }[],
    path: (id: string) => string,
    headers: Record<string, string>,
    body: (n: number) => unknown,
  ) => {
    let next = 0;
    return {
      url: `${path(pool[0]!.id)}`,
      async before() {
        // The last run's requests still in flight when it stopped commit meanwhile: let them.
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const versions = await client.query<{ id: string; version: number }>(
          'select id, version from situation where id = any($1::uuid[])',
          [pool.map((draft) => draft.id)],
        );
        for (const row of versions.rows) {
          pool.find((draft) => draft.id === row.id)!.etag = `"${row.version}"`;
        }
      },
      setupClient(client: Client) {
        const draft = pool[next++ % pool.length]!;
        let n = 0;
        client.setRequests([
          {
            method: 'PUT',
            path: new URL(path(draft.id)).pathname,
            setupRequest: (request) => ({
              ...request,
              headers: {
                ...headers,
                'content-type': 'application/json',
                'if-match': draft.etag,
              },
              body: JSON.stringify(body(n++)),
            }),
            // A 200 carries the new version's ETag and a 412 the current one (both servers).
            onResponse: (_status, _body, _context, responseHeaders) => {
              const etag = responseHeaders?.etag;
              if (typeof etag === 'string') draft.etag = etag;
            },
          },
        ]);
      },
    };
  };
  return compare(
    context,
    editing(
      bareDrafts,
      (id) => `${bareUrl}/bare/situations/${id}`,
      {},
      (n) => bareBody(n, member.userId),
    ),
    editing(
      apiDrafts,
      (id) => `${apiUrl}/api/situations/${id}`,
      { authorization: `Bearer ${token}` },
      draftBody,
    ),
  );
}

export async function runApiSuite(context: Context): Promise<ApiSuiteResult> {
  const { client, apiUrl, log } = context;
  const table = await largestTable(client);
  const representative = await createMember(client, {
    tableId: table.tableId,
    agencyId: table.agencyIds[0]!,
    role: 'agency_rep',
  });
  const coordinator = await createMember(client, {
    tableId: table.tableId,
    agencyId: table.agencyIds[1]!,
    role: 'coordinator',
  });
  // Access tokens last ten minutes; the suite's load runs well within that.
  const tokens = new Map<Member, string>();
  for (const member of [representative, coordinator]) {
    tokens.set(member, await signIn(apiUrl, member));
  }
  log(`API suite on the largest table (${table.situations} situations)`);
  const list = await listCases(context, table.tableId, [representative, coordinator], tokens);
  const token = await signIn(apiUrl, representative);
  const situation = await oneSituation(context, table.tableId, representative, token);
  const edit = await draftEdit(context, table.tableId, representative, token);
  return {
    data: table.all,
    tableSituations: table.situations,
    pageSize: PAGE,
    list,
    situation,
    draftEdit: edit,
    connections: context.load.connections,
    durationSeconds: context.load.durationSeconds,
    rounds: ROUNDS,
  };
}
