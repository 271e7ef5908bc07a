/**
 * Fixtures for the situation workflow tests: a table with one person for every relation a caller
 * can have to a situation, a client that remembers every response (so that a test can check that
 * none of them carried personal data), and a helper that walks a situation to any stage through
 * the real API.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { Stage } from '@fourfold/shared/situation-workflow';
import type { DB } from '../../src/db/schema';
import { createAgency, createTable, createUser, signIn, type SignedIn } from './fixtures';

/** The person of every test situation, with values unlikely to appear anywhere by chance. */
export const PERSON = {
  givenName: 'Zephyrine',
  familyName: 'Quillfeather',
  dateOfBirth: '1987-03-14',
};
export const ADDRESS = '42 Larkspur Crescent, Testville';
export const IDENTITY = {
  people: [PERSON],
  address: ADDRESS,
  notes: 'Known to use the side door.',
};
/** Strings no response except an allowed GET identity may contain. */
export const PERSONAL_VALUES = [
  PERSON.givenName,
  PERSON.familyName,
  PERSON.dateOfBirth,
  ADDRESS,
  'Larkspur',
];
export const NOTE_TEXT =
  'Door knock planned Tuesday with the housing worker; bring the Larkspur file.';

export function draftBody(overrides: Record<string, unknown> = {}) {
  return {
    situationType: 'individual',
    ageBand: '18_24',
    gender: 'female',
    riskFactors: ['alcohol.abuse', 'antisocial.threats'],
    protectiveFactors: ['supportive_family'],
    studyFlags: [],
    summary: 'Young adult making escalating threats at home; recently lost housing.',
    filter1: {
      agencyExhaustedOptions: true,
      significantInterest: true,
      probabilityOfHarm: true,
      severityOfHarm: true,
      multipleAgenciesNeeded: true,
    },
    ...overrides,
  };
}

/** Every kind of caller, by their relation to the situations of the cast's table. */
export const whos = [
  'originating',
  'present',
  'lead',
  'assisting',
  'uninvolved',
  'coordinator',
  'analyst',
  'analystRepElsewhere',
  'outsider',
] as const;
export type Who = (typeof whos)[number];

type Agencies = Record<
  'originating' | 'present' | 'lead' | 'assisting' | 'uninvolved' | 'chair',
  string
>;

export type Cast = {
  tableId: string;
  otherTableId: string;
  agencies: Agencies;
  users: Record<Who, { id: string; email: string }>;
  sessions: Record<Who, SignedIn>;
};

/**
 * A table with six member agencies: the originating one, one present at the decision, the lead
 * and the assisting ones (both present too), one never involved, and the chair's. One agency rep
 * for each, the coordinator and an analyst (of the chair's agency), an analyst of the originating
 * agency who is also that agency's representative on another table (so the route's permission
 * does not stop them before the policy does, and a policy that mixed up their two roles would
 * show them identity here), and an outsider: the coordinator of another table.
 */
export async function createCast(
  app: FastifyInstance,
  db: Kysely<DB>,
  options: { minRiskFactors?: number } = {},
): Promise<Cast> {
  const agencyOf = async (sector: string) => (await createAgency(db, { sector })).id;
  const agencies: Agencies = {
    originating: await agencyOf('police'),
    present: await agencyOf('education'),
    lead: await agencyOf('mental_health'),
    assisting: await agencyOf('housing'),
    uninvolved: await agencyOf('probation_parole'),
    chair: await agencyOf('social_services'),
  };
  const table = await createTable(db, { agencyIds: Object.values(agencies) });
  if (options.minRiskFactors !== undefined) {
    await db
      .updateTable('situation_table')
      .set({ min_risk_factors: options.minRiskFactors })
      .where('id', '=', table.id)
      .execute();
  }
  const otherAgency = await agencyOf('police');
  const other = await createTable(db, { agencyIds: [otherAgency] });

  const rep = (agencyId: string) =>
    createUser(db, { agencyId, memberships: [{ tableId: table.id, role: 'agency_rep' }] });
  const users: Cast['users'] = {
    originating: await rep(agencies.originating),
    present: await rep(agencies.present),
    lead: await rep(agencies.lead),
    assisting: await rep(agencies.assisting),
    uninvolved: await rep(agencies.uninvolved),
    coordinator: await createUser(db, {
      agencyId: agencies.chair,
      memberships: [{ tableId: table.id, role: 'coordinator' }],
    }),
    analyst: await createUser(db, {
      agencyId: agencies.chair,
      memberships: [{ tableId: table.id, role: 'analyst' }],
    }),
    analystRepElsewhere: await createUser(db, {
      agencyId: agencies.originating,
      memberships: [
        { tableId: table.id, role: 'analyst' },
        { tableId: other.id, role: 'agency_rep' },
      ],
    }),
    outsider: await createUser(db, {
      agencyId: otherAgency,
      memberships: [{ tableId: other.id, role: 'coordinator' }],
    }),
  };
  const sessions = {} as Record<Who, SignedIn>;
  for (const who of whos) sessions[who] = await signIn(app, users[who].email);
  return { tableId: table.id, otherTableId: other.id, agencies, users, sessions };
}

export type Recorded = { method: string; url: string; status: number; body: string };

/** Calls the API as the cast's people, remembering every response. */
export class SituationClient {
  readonly responses: Recorded[] = [];
  constructor(
    private readonly app: FastifyInstance,
    private readonly db: Kysely<DB>,
    private readonly cast: Cast,
  ) {}

  async call(
    who: Who | SignedIn | null,
    method: InjectOptions['method'],
    url: string,
    options: { payload?: unknown; ifMatch?: string | null; headers?: Record<string, string> } = {},
  ): Promise<LightMyRequestResponse> {
    const session = typeof who === 'string' ? this.cast.sessions[who] : who;
    const headers: Record<string, string> = {
      ...(session ? session.headers : {}),
      ...options.headers,
    };
    if (options.ifMatch) headers['if-match'] = options.ifMatch;
    const res = await this.app.inject({
      method,
      url,
      headers,
      ...(options.payload !== undefined ? { payload: options.payload as object } : {}),
    });
    this.responses.push({ method: String(method), url, status: res.statusCode, body: res.body });
    return res;
  }

  get(who: Who | SignedIn | null, url: string, headers?: Record<string, string>) {
    return this.call(who, 'GET', url, headers ? { headers } : {});
  }

  /** A write with the situation's current ETag (fetched as `etagOf` unless given). */
  async write(
    who: Who,
    method: 'POST' | 'PUT',
    id: string,
    path: string,
    payload?: unknown,
    ifMatch?: string,
  ) {
    const etag = ifMatch ?? (await this.etag(id));
    return this.call(who, method, `/api/situations/${id}${path}`, { payload, ifMatch: etag });
  }

  /** The situation's current ETag, read from the database (not a recorded response). */
  async etag(id: string): Promise<string> {
    const row = await this.db
      .selectFrom('situation')
      .select('version')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return `"${row.version}"`;
  }
}

function expectStatus(res: LightMyRequestResponse, status: number, step: string) {
  if (res.statusCode !== status) {
    throw new Error(`${step}: expected ${status}, got ${res.statusCode} ${res.body}`);
  }
}

/**
 * Creates a situation with an identity through the API and walks it to `stage` with the right
 * person at each step. Filter 3 has the present, lead and assisting agencies present; filter 4
 * names the lead and assisting agencies, with a note and the first contact recorded before it
 * closes.
 */
export async function situationAt(
  client: SituationClient,
  cast: Cast,
  stage: Stage,
  options: { identity?: boolean } = {},
): Promise<string> {
  const created = await client.call(
    'originating',
    'POST',
    `/api/tables/${cast.tableId}/situations`,
    {
      payload: draftBody(),
    },
  );
  expectStatus(created, 201, 'create');
  const id = created.json().id as string;
  if (options.identity ?? true) {
    expectStatus(
      await client.write('originating', 'PUT', id, '/identity', IDENTITY),
      200,
      'identity',
    );
  }
  if (stage === 'draft') return id;
  expectStatus(await client.write('originating', 'POST', id, '/submit'), 200, 'submit');
  if (stage === 'filter2') return id;
  const agenciesPresent = [cast.agencies.present, cast.agencies.lead, cast.agencies.assisting];
  if (stage === 'rejected') {
    const res = await client.write('coordinator', 'POST', id, '/decision', {
      outcome: 'rejected',
      rejectionReason: 'single_agency',
      agenciesPresent,
    });
    expectStatus(res, 200, 'reject');
    return id;
  }
  expectStatus(
    await client.write('coordinator', 'POST', id, '/decision', {
      outcome: 'accepted',
      agenciesPresent,
    }),
    200,
    'accept',
  );
  if (stage === 'filter3') return id;
  expectStatus(
    await client.write('coordinator', 'POST', id, '/assignment', {
      leadAgencyId: cast.agencies.lead,
      assistingAgencyIds: [cast.agencies.assisting],
    }),
    200,
    'assign',
  );
  if (stage === 'filter4') return id;
  expectStatus(await client.write('lead', 'POST', id, '/notes', { body: NOTE_TEXT }), 201, 'note');
  expectStatus(
    await client.write('lead', 'POST', id, '/contact', {
      at: new Date().toISOString(),
      outcome: 'engaged',
    }),
    200,
    'contact',
  );
  expectStatus(
    await client.write('coordinator', 'POST', id, '/close', { conclusion: 'lowered_connected' }),
    200,
    'close',
  );
  return id;
}

/**
 * Every personal value found in a response where it has no business: the person's identity
 * anywhere but an allowed identity view or intervention notes (which may name them), and the
 * text of the notes anywhere but an allowed notes view.
 */
export function leaksIn(responses: readonly Recorded[]): string[] {
  const allowed = (r: Recorded, path: string) =>
    r.method === 'GET' && r.status === 200 && new RegExp(`/${path}(\\?|$)`).test(r.url);
  return responses.flatMap((r) => {
    const values = [
      ...(allowed(r, 'identity') || allowed(r, 'notes') ? [] : PERSONAL_VALUES),
      ...(allowed(r, 'notes') ? [] : [NOTE_TEXT]),
    ];
    return values
      .filter((value) => r.body.includes(value))
      .map((value) => `${r.method} ${r.url} → ${r.status} contains “${value}”`);
  });
}

/**
 * The file-wide leak check: no personal value in any response recorded so far, after making sure
 * there is something to search. Run alone (`-t`), such a test sees no responses and would pass
 * whatever the API did; it must see situations served first.
 */
export function expectNoLeaksIn(responses: readonly Recorded[]) {
  const served = responses.filter(
    (r) => r.method === 'GET' && r.status === 200 && r.url.startsWith('/api/situations/'),
  );
  expect(served.length, 'situations served to search (run the whole file)').toBeGreaterThan(0);
  expect(leaksIn(responses)).toEqual([]);
}
