/**
 * The privacy model test (#12, point 6): random sequences of workflow, meeting, notification and
 * statistics actions by random people of every relation to a table, and after every step:
 *
 * - no response holds an identity value or a note text except an identity or notes answer (read,
 *   or the echo of a write) to someone the shared access policy lets see it, before or after the
 *   step (the policy is the oracle: `can`, fed the situation's subject as the API loads it);
 * - no log line (the app's real pino output at info level, captured in memory), and no e-mail
 *   the app sent, holds any of them at all;
 * - every identity view (GET …/identity, allowed or refused) left exactly one audit event.
 *
 * The values searched for are the ones this test wrote, unique to each sequence, so a match is
 * never chance. Sequences share one app and database; each makes its own situations, so nothing
 * needs resetting but the captured logs and mail.
 *
 * Runs: MODEL_RUNS (default 200, so that `pnpm test` stays a few minutes on a newcomer's machine;
 * CI's PostgreSQL run sets 1,000, about 5 minutes on PGlite and less on PostgreSQL); seed: MODEL_SEED (default: a fresh one). On failure fast-check
 * prints the seed, the path and the shrunk counterexample: MODEL_SEED=<seed> MODEL_PATH=<path>
 * replays it. The policy's rules themselves are not under test here (the oracle is the policy):
 * what is, is that the API, its logs, minutes, mail and exports never go beyond them.
 */
import { Writable } from 'node:stream';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, type Actor, type Permission } from '@fourfold/shared/access-policy';
import type { SituationSubject } from '@fourfold/shared/access-policy';
import { loadSituation } from '../../src/modules/situations/situation-access';
import { createUser, signIn, type SignedIn } from '../helpers/fixtures';
import { inAnHour, meetingEtag } from '../helpers/meetings';
import { SituationClient, createCast, draftBody, type Cast } from '../helpers/situations';
import { closeTestApp, createTestApp, type TestApp } from '../helpers/test-app';

const RUNS = Number(process.env.MODEL_RUNS ?? 200);
const SEED = process.env.MODEL_SEED === undefined ? undefined : Number(process.env.MODEL_SEED);
/** With MODEL_SEED, fast-check's printed `path` replays the shrunk counterexample at once. */
const PATH = process.env.MODEL_PATH;
const MAX_COMMANDS = 12;

type Person = {
  name: string;
  session: SignedIn;
  /** The person as the policy sees them; null for a deactivated account (nothing is theirs). */
  actor: Actor | null;
};

type Tracked = {
  id: string;
  /** The stage as the last successful write answered it: steers `advance`, never the oracle. */
  stage: string;
  identityValues: string[];
  noteTexts: string[];
};

type Model = { situations: Tracked[]; serial: number };

type Real = {
  client: SituationClient;
  sequence: number;
};

let t: TestApp;
let cast: Cast;
let client: SituationClient;
let people: Person[];
let meetingId: string;
const logLines: string[] = [];
let sequenceCounter = 0;
/** Answers by action and status, across all sequences: the test proves it reached what it checks. */
const outcomes = new Map<string, number>();
let logLinesSeen = 0;

/** Letters only (names must look like names to the personal-data guard), unique per call. */
function uniqueWord(prefix: string, n: number): string {
  let word = '';
  let value = n;
  do {
    word += String.fromCharCode(97 + (value % 26));
    value = Math.floor(value / 26);
  } while (value > 0);
  return `${prefix}${word}`;
}

/**
 * Situations already at filter 4 (identity, a note, lead and assisting agencies), one of which
 * every sequence starts with, so that short sequences reach the intervention and closure. Their
 * identity values and notes are unique like any other; a sequence that moves one on (closes it)
 * has it replaced before the next sequence.
 */
const POOL_SIZE = 20;
const pool: Tracked[] = [];
let poolSerial = 0;

async function poolSituation(): Promise<Tracked> {
  poolSerial += 1;
  const n = 1_000_000 + poolSerial;
  const given = `Pol${uniqueWord('', n)}ine`;
  const family = `Quill${uniqueWord('', n)}pool`;
  const address = `${(n % 900) + 10} ${uniqueWord('Pool', n)} Crescent`;
  const note = `Pool visit ${uniqueWord('plan', n)} with the housing worker.`;
  const ok = (res: LightMyRequestResponse, status: number, step: string) => {
    if (res.statusCode !== status) throw new Error(`pool ${step}: ${res.statusCode} ${res.body}`);
    return res;
  };
  const created = ok(
    await client.call('originating', 'POST', `/api/tables/${cast.tableId}/situations`, {
      payload: draftBody(),
    }),
    201,
    'draft',
  );
  const id = created.json().id as string;
  const identity = {
    people: [{ givenName: given, familyName: family, dateOfBirth: '1987-03-14' }],
    address,
  };
  ok(await client.write('originating', 'PUT', id, '/identity', identity), 200, 'identity');
  ok(await client.write('originating', 'POST', id, '/submit'), 200, 'submit');
  ok(
    await client.write('coordinator', 'POST', id, '/decision', {
      outcome: 'accepted',
      agenciesPresent: [cast.agencies.present, cast.agencies.lead, cast.agencies.assisting],
    }),
    200,
    'accept',
  );
  ok(
    await client.write('coordinator', 'POST', id, '/assignment', {
      leadAgencyId: cast.agencies.lead,
      assistingAgencyIds: [cast.agencies.assisting],
    }),
    200,
    'assign',
  );
  ok(await client.write('lead', 'POST', id, '/notes', { body: note }), 201, 'note');
  client.responses.length = 0;
  return { id, stage: 'filter4', identityValues: [given, family, address], noteTexts: [note] };
}

beforeAll(async () => {
  t = await createTestApp({ environment: { LOG_LEVEL: 'info' } });
  // The app's own logger, its lines kept in memory instead of stdout: every child logger (one a
  // request) reaches the stream through the root's prototype, so one replacement catches all.
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  (t.app.log as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] = sink;

  cast = await createCast(t.app, t.database.db);
  client = new SituationClient(t.app, t.database.db, cast);
  const db = t.database.db;
  const member = (tableId: string, role: Actor['memberships'][number]['role']) => ({
    tableId,
    role,
    agreementAccepted: true,
  });
  const actorOf = (
    userId: string,
    agencyId: string | null,
    memberships: Actor['memberships'],
  ): Actor => ({ userId, agencyId, isAdministrator: false, secondFactor: false, memberships });

  // An analyst of the originating agency who is an agency representative on another table: the
  // member role elsewhere must not open identity here.
  await db
    .insertInto('table_agency')
    .values({ table_id: cast.otherTableId, agency_id: cast.agencies.originating })
    .execute();
  const analystMember = await createUser(db, {
    agencyId: cast.agencies.originating,
    memberships: [
      { tableId: cast.tableId, role: 'analyst' },
      { tableId: cast.otherTableId, role: 'agency_rep' },
    ],
  });
  const privacyOfficer = await createUser(db, {
    agencyId: cast.agencies.chair,
    memberships: [{ tableId: cast.tableId, role: 'privacy_officer' }],
  });
  // A representative of the originating agency, signed in, then deactivated: their token must
  // open nothing from the next request on.
  const deactivated = await createUser(db, {
    agencyId: cast.agencies.originating,
    memberships: [{ tableId: cast.tableId, role: 'agency_rep' }],
  });
  const deactivatedSession = await signIn(t.app, deactivated.email);
  await db
    .updateTable('app_user')
    .set({ active: false })
    .where('id', '=', deactivated.id)
    .execute();

  const u = cast.users;
  const a = cast.agencies;
  people = [
    {
      name: 'originating',
      session: cast.sessions.originating,
      actor: actorOf(u.originating.id, a.originating, [member(cast.tableId, 'agency_rep')]),
    },
    {
      name: 'present',
      session: cast.sessions.present,
      actor: actorOf(u.present.id, a.present, [member(cast.tableId, 'agency_rep')]),
    },
    {
      name: 'lead',
      session: cast.sessions.lead,
      actor: actorOf(u.lead.id, a.lead, [member(cast.tableId, 'agency_rep')]),
    },
    {
      name: 'assisting',
      session: cast.sessions.assisting,
      actor: actorOf(u.assisting.id, a.assisting, [member(cast.tableId, 'agency_rep')]),
    },
    {
      name: 'uninvolved',
      session: cast.sessions.uninvolved,
      actor: actorOf(u.uninvolved.id, a.uninvolved, [member(cast.tableId, 'agency_rep')]),
    },
    {
      name: 'coordinator',
      session: cast.sessions.coordinator,
      actor: actorOf(u.coordinator.id, a.chair, [member(cast.tableId, 'coordinator')]),
    },
    {
      name: 'analyst',
      session: cast.sessions.analyst,
      actor: actorOf(u.analyst.id, a.chair, [member(cast.tableId, 'analyst')]),
    },
    {
      name: 'outsider (coordinator elsewhere)',
      session: cast.sessions.outsider,
      actor: actorOf(u.outsider.id, null, [member(cast.otherTableId, 'coordinator')]),
    },
    {
      name: 'analyst and member elsewhere',
      session: await signIn(t.app, analystMember.email),
      actor: actorOf(analystMember.id, a.originating, [
        member(cast.tableId, 'analyst'),
        member(cast.otherTableId, 'agency_rep'),
      ]),
    },
    {
      name: 'privacy officer',
      session: await signIn(t.app, privacyOfficer.email),
      actor: actorOf(privacyOfficer.id, a.chair, [member(cast.tableId, 'privacy_officer')]),
    },
    { name: 'deactivated originating rep', session: deactivatedSession, actor: null },
  ];
  // The outsider's agency is the other table's; the cast does not name it, the database does.
  const outsiderAgency = await db
    .selectFrom('app_user')
    .select('agency_id')
    .where('id', '=', u.outsider.id)
    .executeTakeFirstOrThrow();
  people[7]!.actor = { ...people[7]!.actor!, agencyId: outsiderAgency.agency_id };

  // One meeting of the table, open, with the decision's agencies present: in-room decisions work.
  const scheduled = await client.call(
    'coordinator',
    'POST',
    `/api/tables/${cast.tableId}/meetings`,
    {
      payload: { kind: 'one_off', scheduledFor: inAnHour() },
    },
  );
  expect(scheduled.statusCode, scheduled.body).toBe(201);
  meetingId = scheduled.json().items[0].id as string;
  const opened = await client.call('coordinator', 'POST', `/api/meetings/${meetingId}/open`, {
    ifMatch: await meetingEtag(db, meetingId),
  });
  expect(opened.statusCode, opened.body).toBe(200);
  const attendance = await client.call(
    'coordinator',
    'PUT',
    `/api/meetings/${meetingId}/attendance`,
    {
      payload: {
        entries: [a.present, a.lead, a.assisting, a.chair].map((agencyId) => ({
          agencyId,
          status: 'present',
        })),
      },
      ifMatch: await meetingEtag(db, meetingId),
    },
  );
  expect(attendance.statusCode, attendance.body).toBe(200);
  for (let i = 0; i < POOL_SIZE; i++) pool.push(await poolSituation());
}, 300_000);

afterAll(async () => closeTestApp(t));

// ---------------------------------------------------------------------------------------------
// The oracle and the checks

async function subjectOf(id: string): Promise<SituationSubject | null> {
  try {
    return (await loadSituation(t.database.db, id)).subject;
  } catch {
    return null;
  }
}

const allowed = (person: Person, permission: Permission, subject: SituationSubject | null) =>
  person.actor !== null && subject !== null && can(person.actor, permission, subject);

type Step = {
  person: Person;
  response: LightMyRequestResponse;
  method: string;
  url: string;
  /** Subjects of the situations touched, before the step (a write may move the stage). */
  before: Map<string, SituationSubject | null>;
};

/** What an answer may carry: identity on the identity routes, notes on the notes routes. */
function carries(method: string, url: string): 'identity' | 'notes' | 'nothing' {
  if (/\/situations\/[^/]+\/identity$/.test(url) && (method === 'GET' || method === 'PUT')) {
    return 'identity';
  }
  if (/\/situations\/[^/]+\/notes$/.test(url) && (method === 'GET' || method === 'POST')) {
    return 'notes';
  }
  return 'nothing';
}

async function checkStep(model: Model, step: Step, logFrom: number, mailFrom: number) {
  const body = step.response.body;
  const kind = carries(step.method, step.url);
  for (const situation of model.situations) {
    const own = step.url.includes(situation.id);
    const identityFound = situation.identityValues.filter((v) => body.includes(v));
    const notesFound = situation.noteTexts.filter((v) => body.includes(v));
    if (identityFound.length > 0) {
      const after = await subjectOf(situation.id);
      const ok =
        own &&
        kind === 'identity' &&
        step.response.statusCode < 300 &&
        (allowed(step.person, 'situation.viewIdentity', after) ||
          allowed(step.person, 'situation.viewIdentity', step.before.get(situation.id) ?? null));
      expect(
        ok,
        `${step.person.name} ${step.method} ${step.url} → ${step.response.statusCode} carried identity ${identityFound.join(', ')}`,
      ).toBe(true);
    }
    if (notesFound.length > 0) {
      const after = await subjectOf(situation.id);
      const ok =
        own &&
        kind === 'notes' &&
        step.response.statusCode < 300 &&
        (allowed(step.person, 'situation.readNotes', after) ||
          allowed(step.person, 'situation.readNotes', step.before.get(situation.id) ?? null));
      expect(
        ok,
        `${step.person.name} ${step.method} ${step.url} → ${step.response.statusCode} carried a note`,
      ).toBe(true);
    }
  }
  const secrets = model.situations.flatMap((s) => [...s.identityValues, ...s.noteTexts]);
  const lines = logLines.slice(logFrom);
  for (const line of lines) {
    const found = secrets.filter((v) => line.includes(v));
    expect(found, `log line after ${step.method} ${step.url}: ${line}`).toEqual([]);
  }
  for (const mail of t.mail.received.slice(mailFrom)) {
    const found = secrets.filter((v) => mail.raw.includes(v));
    expect(found, `mail “${mail.subject}” after ${step.method} ${step.url}`).toEqual([]);
  }
  if (kind === 'identity' && step.method === 'GET' && step.response.statusCode !== 401) {
    const requestId = String(step.response.headers['x-request-id']);
    const events = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('request_id', '=', requestId)
      .execute();
    expect(
      events,
      `audit of ${step.person.name} GET ${step.url} → ${step.response.statusCode}`,
    ).toHaveLength(1);
  }
}

// ---------------------------------------------------------------------------------------------
// The commands

/** One request an action makes; undefined when it needs a situation and the sequence has none. */
type ActionRequest = {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  payload?: unknown;
  /** Whose ETag goes in If-Match, read fresh from the database. */
  etag?: 'situation' | 'meeting';
  /** The situation it acts on, whose state before the step the oracle also consults. */
  touches?: Tracked;
  /** Before the request: what it writes joins the tracked values, its own echo judged too. */
  onBefore?: () => void;
  /** After a 2xx answer. */
  onOk?: (res: LightMyRequestResponse) => void;
};
type Action = (
  model: Model,
  person: Person,
  situation: Tracked | undefined,
) => Promise<ActionRequest | undefined>;

const situationUrl = (s: Tracked, path = '') => `/api/situations/${s.id}${path}`;

const actions: Record<string, Action> = {
  draft: async (model) => ({
    method: 'POST',
    url: `/api/tables/${cast.tableId}/situations`,
    payload: draftBody(),
    onOk: (res) => {
      model.situations.push({
        id: res.json().id as string,
        stage: 'draft',
        identityValues: [],
        noteTexts: [],
      });
    },
  }),
  edit: async (_m, _p, s) =>
    s && {
      method: 'PUT',
      url: situationUrl(s),
      payload: draftBody({ summary: 'Escalating threats at home; the family asked for help.' }),
      etag: 'situation',
      touches: s,
    },
  identityEdit: async (model, _p, s) => {
    if (!s) return undefined;
    model.serial += 1;
    const n = sequenceCounter * 100 + model.serial;
    const given = `Zor${uniqueWord('', n)}ine`;
    const family = `Quill${uniqueWord('', n)}feather`;
    const address = `${(n % 900) + 10} ${uniqueWord('Lark', n)} Crescent`;
    return {
      method: 'PUT',
      url: situationUrl(s, '/identity'),
      payload: {
        people: [{ givenName: given, familyName: family, dateOfBirth: '1987-03-14' }],
        address,
        notes: `Side door ${uniqueWord('zz', n)}`,
      },
      etag: 'situation',
      touches: s,
      // Tracked before the answer is checked: the write's own echo is judged like any other.
      onBefore: () => s.identityValues.push(given, family, address),
    };
  },
  identityView: async (_m, _p, s) =>
    s && { method: 'GET', url: situationUrl(s, '/identity'), touches: s },
  situationView: async (_m, _p, s) => s && { method: 'GET', url: situationUrl(s), touches: s },
  list: async () => ({ method: 'GET', url: `/api/tables/${cast.tableId}/situations` }),
  present: async (_m, _p, s) =>
    s && { method: 'POST', url: situationUrl(s, '/submit'), etag: 'situation', touches: s },
  accept: async (_m, _p, s) =>
    s && {
      method: 'POST',
      url: situationUrl(s, '/decision'),
      payload: {
        outcome: 'accepted',
        agenciesPresent: [cast.agencies.present, cast.agencies.lead, cast.agencies.assisting],
      },
      etag: 'situation',
      touches: s,
    },
  reject: async (_m, _p, s) =>
    s && {
      method: 'POST',
      url: situationUrl(s, '/decision'),
      payload: {
        outcome: 'rejected',
        rejectionReason: 'single_agency',
        agenciesPresent: [cast.agencies.present],
      },
      etag: 'situation',
      touches: s,
    },
  involvement: async (_m, _p, s) =>
    s && {
      method: 'POST',
      url: situationUrl(s, '/involvement'),
      payload: { involved: true },
      etag: 'situation',
      touches: s,
    },
  assign: async (_m, _p, s) =>
    s && {
      method: 'POST',
      url: situationUrl(s, '/assignment'),
      payload: { leadAgencyId: cast.agencies.lead, assistingAgencyIds: [cast.agencies.assisting] },
      etag: 'situation',
      touches: s,
    },
  note: async (model, _p, s) => {
    if (!s) return undefined;
    model.serial += 1;
    const text = `Door knock ${uniqueWord('plan', sequenceCounter * 100 + model.serial)} with the housing worker.`;
    return {
      method: 'POST',
      url: situationUrl(s, '/notes'),
      payload: { body: text },
      etag: 'situation',
      touches: s,
      onBefore: () => s.noteTexts.push(text),
    };
  },
  notesView: async (_m, _p, s) =>
    s && { method: 'GET', url: situationUrl(s, '/notes'), touches: s },
  contact: async (_m, _p, s) =>
    s && {
      method: 'POST',
      url: situationUrl(s, '/contact'),
      payload: { at: new Date().toISOString(), outcome: 'engaged' },
      etag: 'situation',
      touches: s,
    },
  conclude: async (_m, _p, s) =>
    s && {
      method: 'POST',
      url: situationUrl(s, '/close'),
      payload: { conclusion: 'lowered_connected' },
      etag: 'situation',
      touches: s,
    },
  meetingView: async () => ({ method: 'GET', url: `/api/meetings/${meetingId}` }),
  agendaRefresh: async () => ({
    method: 'POST',
    url: `/api/meetings/${meetingId}/agenda/refresh`,
    etag: 'meeting',
  }),
  meetingDecision: async (_m, _p, s) =>
    s && {
      method: 'POST',
      url: `/api/meetings/${meetingId}/situations/${s.id}/decision`,
      payload: { outcome: 'accepted' },
      etag: 'situation',
      touches: s,
    },
  minutes: async () => ({ method: 'GET', url: `/api/meetings/${meetingId}/minutes` }),
  notifications: async () => ({ method: 'GET', url: '/api/notifications' }),
  statistics: async () => ({
    method: 'GET',
    url: `/api/stats/summary?tableId=${cast.tableId}&from=2025-01&to=2027-12&interval=month`,
  }),
  export: async () => ({
    method: 'GET',
    url: `/api/stats/export.csv?tableId=${cast.tableId}&from=2025-01&to=2027-12`,
  }),
};
type ActionName = keyof typeof actions;

/** Who would normally take each step (indexes into `people`): the path through the filters. */
const natural: Partial<Record<ActionName, number[]>> = {
  draft: [0],
  edit: [0],
  identityEdit: [0],
  present: [0],
  accept: [5],
  reject: [5],
  meetingDecision: [5],
  agendaRefresh: [5],
  assign: [5],
  conclude: [5],
  involvement: [1, 2, 3],
  note: [0, 2, 3],
  contact: [2, 3],
  identityView: [0, 1, 2, 3],
  notesView: [0, 2, 3],
};

/**
 * The step a situation's stage calls for next, by the person who would take it, so that
 * sequences reach filter 4 and closure; `variant` picks among the choices a stage offers.
 */
function nextStep(situation: Tracked, variant: number): ActionName | undefined {
  switch (situation.stage) {
    case 'draft':
      return situation.identityValues.length === 0 || variant % 5 === 0
        ? 'identityEdit'
        : 'present';
    case 'filter2':
      return (['accept', 'accept', 'meetingDecision', 'reject', 'identityView'] as const)[
        variant % 5
      ];
    case 'filter3':
      return (['assign', 'assign', 'involvement', 'identityView'] as const)[variant % 4];
    case 'filter4':
      return situation.noteTexts.length === 0
        ? 'note'
        : (['contact', 'note', 'identityView', 'contact', 'notesView', 'conclude'] as const)[
            variant % 6
          ];
    default:
      return (['identityView', 'notesView', 'situationView'] as const)[variant % 3];
  }
}

const movesSubject = new Set<ActionName>([
  'present',
  'accept',
  'reject',
  'meetingDecision',
  'involvement',
  'assign',
  'conclude',
]);

class ActionCommand implements fc.AsyncCommand<Model, Real> {
  /**
   * `advance`: the next step of the situation by its natural person; `naturalPerson`: the action
   * by someone who would take it (else by anyone, `personIndex`).
   */
  constructor(
    readonly action: ActionName | 'advance',
    readonly personIndex: number,
    readonly situationIndex: number,
    readonly naturalPerson: boolean,
  ) {}

  check() {
    return true;
  }

  async run(model: Model, real: Real) {
    const situation =
      model.situations.length > 0
        ? model.situations[this.situationIndex % model.situations.length]
        : undefined;
    let action = this.action;
    let useNatural = this.naturalPerson;
    if (action === 'advance') {
      const next = situation ? nextStep(situation, this.personIndex) : 'draft';
      if (!next) return;
      action = next;
      useNatural = true;
    }
    const choices = natural[action];
    const person =
      useNatural && choices
        ? people[choices[this.personIndex % choices.length]!]!
        : people[this.personIndex % people.length]!;
    const request = await actions[action]!(model, person, situation);
    if (!request) return;
    // A step that moves the stage or the agencies: what the person could see before it counts
    // too. Reads and the other writes (draft, identity, note, contact) leave the subject as it was.
    const before = new Map<string, SituationSubject | null>();
    if (request.touches && movesSubject.has(action)) {
      before.set(request.touches.id, await subjectOf(request.touches.id));
    }
    const ifMatch =
      request.etag === 'situation' && request.touches
        ? await real.client.etag(request.touches.id).catch(() => undefined)
        : request.etag === 'meeting'
          ? await meetingEtag(t.database.db, meetingId)
          : undefined;
    request.onBefore?.();
    const logFrom = logLines.length;
    const mailFrom = t.mail.received.length;
    const response = await real.client.call(person.session, request.method, request.url, {
      payload: request.payload,
      ...(ifMatch ? { ifMatch } : {}),
      ...(request.method === 'GET' && request.url.endsWith('/identity')
        ? { headers: { 'access-purpose': 'first%20contact' } }
        : {}),
    });
    if (response.statusCode < 300) {
      request.onOk?.(response);
      const stage =
        request.touches && request.method !== 'GET'
          ? (response.json() as { stage?: unknown }).stage
          : undefined;
      if (typeof stage === 'string') request.touches!.stage = stage;
    }
    const key = `${action} ${response.statusCode}`;
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    // Mail leaves after the answer: let any dispatch queued by this step run first.
    await new Promise((resolve) => setImmediate(resolve));
    await checkStep(
      model,
      { person, response, method: request.method, url: request.url, before },
      logFrom,
      mailFrom,
    );
  }

  toString() {
    const who = this.naturalPerson ? 'natural' : people[this.personIndex % people.length]?.name;
    return `${this.action}(${who}#${this.personIndex}, s${this.situationIndex})`;
  }
}

const personIndex = fc.nat({ max: 10 });
const situationIndex = fc.nat({ max: 3 });
const actionNames = Object.keys(actions) as ActionName[];
const command = (action: ActionName | 'advance', naturalPerson: fc.Arbitrary<boolean>) =>
  fc
    .tuple(personIndex, situationIndex, naturalPerson)
    .map(([p, s, n]) => new ActionCommand(action, p, s, n));
// Half the commands move a situation along its path, so sequences reach filter 4 and closure;
// the rest are any action by anyone, the natural person half the time.
const commandArbitraries = [
  ...Array.from({ length: actionNames.length }, () => command('advance', fc.constant(true))),
  ...actionNames.map((name) => command(name, fc.boolean())),
];

describe('privacy model: random sequences of actions by random people', () => {
  it(`never shows identity or notes to whom the policy refuses them, in any of ${RUNS} sequences`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.option(fc.nat({ max: POOL_SIZE - 1 }), { freq: 2 }),
        fc.commands(commandArbitraries, { maxCommands: MAX_COMMANDS }),
        async (poolIndex, commands) => {
          sequenceCounter += 1;
          logLinesSeen += logLines.length;
          logLines.length = 0;
          // Half the sequences start from a situation at filter 4, the rest from nothing.
          const started = poolIndex === null ? undefined : pool[poolIndex]!;
          const model: Model = { situations: started ? [started] : [], serial: 0 };
          await fc.asyncModelRun(
            () => ({ model, real: { client, sequence: sequenceCounter } }),
            commands,
          );
          // The client's memory of responses is not used here: the checks ran after each step.
          client.responses.length = 0;
          if (started && poolIndex !== null && started.stage !== 'filter4') {
            pool[poolIndex] = await poolSituation();
          }
        },
      ),
      {
        numRuns: RUNS,
        ...(SEED !== undefined ? { seed: SEED } : {}),
        ...(PATH !== undefined ? { path: PATH } : {}),
      },
    );
    if (process.env.MODEL_STATS)
      console.log(
        [...outcomes]
          .sort()
          .map(([k, n]) => `${k}: ${n}`)
          .join('\n'),
      );
    // Not vacuous: the sequences reached what the checks are about, and the logs were captured.
    const count = (key: string) => outcomes.get(key) ?? 0;
    if (RUNS >= 200) {
      for (const key of [
        'identityEdit 200',
        'identityView 200',
        'identityView 403',
        'identityView 404',
        'note 201',
        'notesView 200',
        'accept 200',
        'assign 200',
        'conclude 200',
      ]) {
        expect(count(key), key).toBeGreaterThan(0);
      }
    }
    expect(logLinesSeen + logLines.length).toBeGreaterThan(RUNS);
  }, 600_000);
});
