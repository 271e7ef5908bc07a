/**
 * The hostile-input fuzz suite (`pnpm test:fuzz`): every operation of GET /api/openapi.json is
 * called with fast-check-generated invalid and boundary input — malformed, capitalised, huge and
 * unicode ids; wrong types, missing and extra fields, `__proto__`/`constructor` keys, huge strings,
 * NUL, lone surrogates, fullwidth and confusable characters; malformed cursors, numbers, JSON and
 * headers (If-Match, Access-Purpose, Authorization, Content-Type) — as a signed-in person who holds
 * the operation's permission (chosen from the route's declared access). For every case:
 *
 * - no 5xx;
 * - every 4xx is application/problem+json and a valid problem;
 * - a refused request changes nothing in the database (a fingerprint of every table, except the
 *   records a refusal is meant to leave: `denied` audit events and failed sign-in attempts).
 *
 * The operations come from the OpenAPI document at run time, so routes added later are fuzzed
 * too; only the valid ids to put in paths (`idPools`) name the routes' parameters.
 *
 * Seeded: FUZZ_SEED (default below) is printed; each operation's own seed is derived from it and
 * the operation, so `FUZZ_SEED=<n> pnpm test:fuzz -t "<METHOD> <path>"` replays one operation.
 * FUZZ_RUNS sets the cases per operation (default 200).
 */
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { tablesWhere, type Actor, type Permission } from '@fourfold/shared/access-policy';
import { problemSchema } from '@fourfold/shared/problem';
import type { DB } from '../../src/db/schema';
import type { RouteAccess } from '../../src/lib/route-access';
import { closeTestApp, createTestApp, type TestApp } from '../helpers/test-app';
import { createAgency, createTable, createUser, signIn, type SignedIn } from '../helpers/fixtures';
import { scheduleMeeting } from '../helpers/meetings';
import { SituationClient, createCast, situationAt } from '../helpers/situations';

export const DEFAULT_SEED = 20261130;
const SEED = Number(process.env.FUZZ_SEED ?? DEFAULT_SEED);
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
/** Fuzz requests come from this address, so failed sign-ins never throttle the set-up's. */
const FUZZ_ADDRESS = '198.51.100.7';

type JsonSchema = Record<string, unknown>;
type OpenApiDocument = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
};
type Parameter = { in: string; name: string; required?: boolean; schema?: JsonSchema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, unknown> }>;
};

/** An operation that answers with a stream that lasts (server-sent events): never awaited whole. */
const isEventStream = (op: FuzzOperation) =>
  Object.values(op.operation.responses ?? {}).some(
    (response) => response.content?.['text/event-stream'] !== undefined,
  );

type Answer = {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
  json(): unknown;
};

/**
 * Injects a request; an event stream is read only until its status is known: a refusal's body is
 * read whole (it ends), an accepted stream is aborted at once, which is what a client leaving does.
 */
async function injectBounded(
  app: TestApp['app'],
  request: InjectOptions,
  stream: boolean,
): Promise<Answer> {
  if (!stream) return app.inject(request);
  const controller = new AbortController();
  const res = await app.inject({ ...request, payloadAsStream: true, signal: controller.signal });
  let body = '';
  if (res.statusCode >= 300) {
    for await (const chunk of res.stream()) body += String(chunk);
  } else {
    controller.abort();
  }
  return { statusCode: res.statusCode, headers: res.headers, body, json: () => JSON.parse(body) };
}

export type FuzzOperation = {
  method: string;
  path: string;
  operation: Operation;
  access: RouteAccess;
};

// ---------------------------------------------------------------------------------------------
// Hostile values

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDC00y',
  '\uFFFE',
  '\uFEFFbom',
  '\u202Eevil',
  'a\u0301\u0301\u0301',
  '１２３４５', // fullwidth digits
  'ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ', // fullwidth e-mail
  'аdmin', // Cyrillic а
  'ⅰⅱⅲ',
  '😀👩‍👩‍👧',
  '%00',
  '%',
  '..%2f..%2f',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  'null',
  'true',
  '-1',
  '0',
  '1e309',
  'NaN',
  '9223372036854775808',
  '__proto__',
  'constructor',
  'x'.repeat(5000),
  'é'.repeat(70_000),
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
);

const HOSTILE_IDS = [
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '3f2504e04f8941d39a0c0305e82c3301',
  '{3f2504e0-4f89-41d3-9a0c-0305e82c3301}',
  '3f2504e0-4f89-41d3-9a0c-0305e82c33011',
  '３f2504e0-4f89-41d3-9a0c-0305e82c3301',
  ' 3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  '1',
  '-1',
  '99999999999999999999',
];

const hostileNumber = fc.constantFrom(
  0,
  -1,
  -0,
  1.5,
  2 ** 31,
  2 ** 31 - 1,
  -(2 ** 31) - 1,
  2 ** 53,
  Number.MAX_SAFE_INTEGER,
  1e308,
  -1e308,
);

/** Any JSON value at all, of any type, with a few hostile shapes. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
);

// ---------------------------------------------------------------------------------------------
// Values shaped like a JSON Schema, mostly near-valid so that they reach the handler

function resolve(schema: JsonSchema, document: OpenApiDocument): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
    const target = document.components?.schemas?.[ref.slice('#/components/schemas/'.length)];
    return target ? resolve(target, document) : {};
  }
  return schema;
}

function typesOf(schema: JsonSchema): string[] {
  const type = schema.type;
  return Array.isArray(type) ? (type as string[]) : typeof type === 'string' ? [type] : [];
}

export type Pools = { ids: string[]; codes: string[] };

function stringLike(schema: JsonSchema, pools: Pools): fc.Arbitrary<string> {
  const options: fc.Arbitrary<string>[] = [];
  if (schema.format === 'uuid') {
    options.push(
      fc.constantFrom(...pools.ids),
      fc.constantFrom(...pools.ids).map((id) => id.toUpperCase()),
    );
    options.push(fc.uuid(), fc.constantFrom(...HOSTILE_IDS));
  } else if (schema.format === 'date-time') {
    options.push(
      fc
        .date({
          min: new Date(-62_000_000_000_000),
          max: new Date(250_000_000_000_000),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString()),
      fc.constantFrom('2026-02-30T00:00:00Z', '9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z'),
    );
  } else if (schema.format === 'date') {
    options.push(fc.constantFrom('2020-01-01', '2026-02-30', '0000-00-00', '99999-01-01'));
  } else if (schema.format === 'email') {
    options.push(fc.emailAddress(), fc.constantFrom('a@b.co', `${'a'.repeat(250)}@b.co`));
  }
  if (typeof schema.pattern === 'string') {
    try {
      options.push(fc.stringMatching(new RegExp(schema.pattern)));
    } catch {
      // A pattern fast-check cannot generate from: the other options still apply.
    }
  }
  options.push(fc.constantFrom(...pools.codes));
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : 50;
  options.push(
    fc.string({ minLength: Number(schema.minLength ?? 0), maxLength: Math.min(max, 300) }),
    fc.constant('a'.repeat(max + 1)),
  );
  return fc.oneof(...options);
}

function numberLike(schema: JsonSchema): fc.Arbitrary<number> {
  const min = typeof schema.minimum === 'number' ? schema.minimum : -1000;
  const max = typeof schema.maximum === 'number' ? schema.maximum : 1000;
  return fc.oneof(
    fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) }),
    fc.constantFrom(min, max, min - 1, max + 1),
    hostileNumber,
  );
}

/** A value for `schema`: usually of its shape (possibly valid), sometimes anything at all. */
export function valueFor(
  raw: JsonSchema,
  document: OpenApiDocument,
  pools: Pools,
  depth = 0,
): fc.Arbitrary<unknown> {
  const schema = resolve(raw, document);
  const hostile = depth > 3 ? fc.constant(null) : anyJson;
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (branches && branches.length > 0) {
    return fc.oneof(...branches.map((branch) => valueFor(branch, document, pools, depth)), hostile);
  }
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    return fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...schema.enum) },
      { weight: 1, arbitrary: hostile },
    );
  }
  if ('const' in schema) return fc.oneof(fc.constant(schema.const), hostile);
  const allOf = schema.allOf as JsonSchema[] | undefined;
  const merged = allOf
    ? Object.assign({}, schema, ...allOf.map((s) => resolve(s, document)))
    : schema;
  const shaped: fc.Arbitrary<unknown>[] = [];
  for (const type of typesOf(merged)) {
    if (type === 'string') shaped.push(stringLike(merged, pools));
    else if (type === 'integer' || type === 'number') shaped.push(numberLike(merged));
    else if (type === 'boolean') shaped.push(fc.boolean());
    else if (type === 'null') shaped.push(fc.constant(null));
    else if (type === 'array' && depth <= 3) {
      const items = (merged.items as JsonSchema | undefined) ?? {};
      shaped.push(
        fc.array(valueFor(items, document, pools, depth + 1), {
          maxLength: Math.min(Number(merged.maxItems ?? 4), 4),
        }),
      );
    } else if (type === 'object' && depth <= 3) {
      shaped.push(objectFor(merged, document, pools, depth));
    }
  }
  if (shaped.length === 0 && merged.properties)
    shaped.push(objectFor(merged, document, pools, depth));
  if (shaped.length === 0) return hostile;
  return fc.oneof({ weight: 5, arbitrary: fc.oneof(...shaped) }, { weight: 1, arbitrary: hostile });
}

const EXTRA_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'isAdministrator',
  'id',
  'ｉｄ',
  '\u0000',
];

function objectFor(
  schema: JsonSchema,
  document: OpenApiDocument,
  pools: Pools,
  depth: number,
): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  const entries = Object.entries(properties).map(([key, propertySchema]) =>
    fc.tuple(
      fc.constant(key),
      // Required fields are mostly there, optional ones half the time.
      fc.integer({ min: 0, max: 9 }).map((n) => (required.has(key) ? n > 0 : n > 4)),
      valueFor(propertySchema, document, pools, depth + 1),
    ),
  );
  const extras = fc.array(
    fc.tuple(fc.oneof(fc.constantFrom(...EXTRA_KEYS), hostileString), anyJson),
    {
      maxLength: 2,
    },
  );
  return fc.tuple(fc.tuple(...entries), extras).map(([fields, extra]) => {
    const object: Record<string, unknown> = {};
    for (const [key, present, value] of fields) {
      // defineProperty: `__proto__` and friends become own keys, as JSON.parse would make them.
      if (present) Object.defineProperty(object, key, { value, enumerable: true, writable: true });
    }
    for (const [key, value] of extra) {
      Object.defineProperty(object, key, { value, enumerable: true, writable: true });
    }
    return object;
  });
}

// ---------------------------------------------------------------------------------------------
// Requests

/** Percent-encodes a path segment or query value; a lone surrogate becomes U+FFFD's bytes. */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...Buffer.from(value, 'utf8')]
      .map((b) => `%${b.toString(16).padStart(2, '0')}`)
      .join('');
  }
}

/** Header values as HTTP can carry them (no control characters, nothing beyond Latin-1). */
function headerSafe(value: string): string {
  return /^[\t\x20-\x7e\x80-\xff]*$/.test(value) ? value : encode(value);
}

const MALFORMED_PERCENT = ['%', '%zz', '%E0%A4%A', '%ED%A0%80', '%C0%AF', '%00', '%FF%FE'];

type Case = {
  params: Record<string, string>;
  query: Array<[string, string]>;
  body: { kind: 'json'; value: unknown } | { kind: 'raw'; text: string; type: string } | null;
  authorization: 'actor' | 'none' | string;
  ifMatch: 'current' | 'none' | string;
  accessPurpose: string | null;
  protoPollution: boolean;
};

function caseFor(
  op: FuzzOperation,
  document: OpenApiDocument,
  pools: Pools,
  idPools: Record<string, string[]>,
  forgedTokens: string[],
): fc.Arbitrary<Case> {
  const parameters = op.operation.parameters ?? [];
  const pathParams = parameters.filter((p) => p.in === 'path');
  const queryParams = parameters.filter((p) => p.in === 'query');
  const paramValue = (p: Parameter) => {
    const valid = idPools[p.name] ?? pools.codes;
    return fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...valid) },
      { weight: 1, arbitrary: fc.constantFrom(...valid).map((v) => v.toUpperCase()) },
      {
        weight: 2,
        arbitrary: fc.oneof(fc.constantFrom(...HOSTILE_IDS), hostileString).map(encode),
      },
      { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_PERCENT) },
    );
  };
  const params = fc.record(
    Object.fromEntries(pathParams.map((p) => [p.name, paramValue(p)])) as Record<
      string,
      fc.Arbitrary<string>
    >,
  );
  const queryValue = (p: Parameter) =>
    fc.oneof(
      valueFor(p.schema ?? {}, document, pools).map((v) =>
        typeof v === 'string' ? v : (JSON.stringify(v) ?? ''),
      ),
      hostileString,
      fc.constantFrom(
        '',
        '-1',
        '0',
        '1e3',
        '101',
        '1.5',
        '99999999999999999999',
        'eyJ4IjoxfQ',
        'WyIyMDI2LTEzLTQ1IDk5Ojk5Ojk5KzAwIiwiWCJd',
      ),
    );
  const query = fc
    .tuple(
      fc.tuple(
        ...queryParams.map((p) =>
          fc.option(fc.array(queryValue(p), { minLength: 1, maxLength: 2 }), { freq: 2 }),
        ),
      ),
      fc.option(fc.tuple(hostileString, hostileString), { freq: 4 }),
    )
    .map(([values, extra]) => {
      const pairs: Array<[string, string]> = [];
      values.forEach((list, index) => {
        for (const value of list ?? []) pairs.push([queryParams[index]!.name, value]);
      });
      if (extra) pairs.push(extra);
      return pairs;
    });
  const bodySchema = op.operation.requestBody?.content?.['application/json']?.schema;
  const body: fc.Arbitrary<Case['body']> = fc.oneof(
    {
      weight: bodySchema ? 8 : 1,
      arbitrary: valueFor(bodySchema ?? {}, document, pools).map((value) => ({
        kind: 'json' as const,
        value,
      })),
    },
    { weight: 1, arbitrary: fc.constant(null) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('raw' as const),
        text: fc.constantFrom(
          '{',
          '{"a":',
          '\u0000',
          'nul',
          '[]',
          '"x"',
          '['.repeat(5000) + ']'.repeat(5000),
          '{"a":'.repeat(3000) + '1' + '}'.repeat(3000),
        ),
        type: fc.constantFrom(
          'application/json',
          'text/plain',
          'application/json; charset=latin1',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
        ),
      }),
    },
  );
  return fc.record({
    params,
    query,
    body,
    authorization: fc.oneof(
      { weight: 12, arbitrary: fc.constant('actor') },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          'none',
          'Bearer ',
          'Bearer x.y.z',
          'Basic YTpi',
          `Bearer ${'a'.repeat(5000)}`,
          ...forgedTokens,
        ),
      },
    ),
    ifMatch: fc.oneof(
      { weight: 4, arbitrary: fc.constant('current') },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          'none',
          '*',
          'W/"1"',
          '"-1"',
          '"1", "2"',
          '"99999999999999999999"',
          '"１"',
          'junk',
        ),
      },
      { weight: 1, arbitrary: hostileString.map(headerSafe) },
    ),
    accessPurpose: fc.option(
      fc.oneof(
        fc.constantFrom(
          'case%20review',
          '%',
          '%E0%A4%A',
          '%ED%A0%80',
          '%00',
          'a%00b',
          '%C3%A9'.repeat(500),
          'caf\xe9',
          '%25',
        ),
        hostileString.map(headerSafe),
      ),
      { freq: 2 },
    ),
    protoPollution: fc.boolean(),
  });
}

// ---------------------------------------------------------------------------------------------
// The world the fuzzer acts in

type Actors = Record<
  'originating' | 'lead' | 'coordinator' | 'privacyOfficer' | 'admin',
  { actor: Actor; session: SignedIn }
>;

async function createWorld(t: TestApp) {
  const { app } = t;
  const db = t.database.db;
  const cast = await createCast(app, db);
  const client = new SituationClient(app, db, cast);
  const open = await situationAt(client, cast, 'filter4');
  const draft = await situationAt(client, cast, 'draft');
  const meeting = await scheduleMeeting(client, cast);
  const privacyOfficer = await createUser(db, {
    agencyId: cast.agencies.chair,
    memberships: [{ tableId: cast.tableId, role: 'privacy_officer' }],
  });
  const admin = await createUser(db, { isAdministrator: true });
  // Administration is fuzzed on its own table, agency and person, so that a valid request that
  // gets through never disables the people the fuzzer acts as.
  const victimAgency = await createAgency(db);
  const victimTable = await createTable(db, { agencyIds: [victimAgency.id] });
  const victimUser = await createUser(db, {
    agencyId: victimAgency.id,
    memberships: [{ tableId: victimTable.id, role: 'agency_rep' }],
  });
  const member = (role: Actor['memberships'][number]['role']) => [
    { tableId: cast.tableId, role, agreementAccepted: true },
  ];
  const actorOf = (
    userId: string,
    agencyId: string | null,
    memberships: Actor['memberships'],
    isAdministrator = false,
  ): Actor => ({
    userId,
    agencyId,
    isAdministrator,
    secondFactor: false,
    memberships,
  });
  const actors: Actors = {
    originating: {
      actor: actorOf(cast.users.originating.id, cast.agencies.originating, member('agency_rep')),
      session: cast.sessions.originating,
    },
    lead: {
      actor: actorOf(cast.users.lead.id, cast.agencies.lead, member('agency_rep')),
      session: cast.sessions.lead,
    },
    coordinator: {
      actor: actorOf(cast.users.coordinator.id, cast.agencies.chair, member('coordinator')),
      session: cast.sessions.coordinator,
    },
    privacyOfficer: {
      actor: actorOf(privacyOfficer.id, cast.agencies.chair, member('privacy_officer')),
      session: await signIn(app, privacyOfficer.email),
    },
    admin: { actor: actorOf(admin.id, null, [], true), session: await signIn(app, admin.email) },
  };
  const taxonomy = (
    await app.inject({
      method: 'GET',
      url: '/api/taxonomy',
      headers: actors.originating.session.headers,
    })
  ).json() as Record<string, Array<{ code: string }>>;
  const codes = Object.values(taxonomy).flatMap((list) =>
    Array.isArray(list) ? list.map((c) => c.code) : [],
  );
  return {
    cast,
    actors,
    situations: [open, draft],
    pools: {
      ids: [cast.tableId, open, draft, ...Object.values(cast.agencies)],
      codes: codes.length > 0 ? codes : ['x'],
    },
    idPoolsFor: (path: string): Record<string, string[]> =>
      path.startsWith('/api/admin')
        ? {
            tableId: [victimTable.id],
            agencyId: [victimAgency.id],
            userId: [victimUser.id],
            list: ['risk_factor', 'situation_type', 'rejection_reason'],
            code: codes.slice(0, 5),
          }
        : path.startsWith('/api/meetings/')
          ? { id: [meeting], situationId: [open, draft] }
          : {
              tableId: [cast.tableId],
              id: [open, draft],
              situationId: [open, draft],
              agencyId: [cast.agencies.lead],
              userId: [cast.users.lead.id],
            },
  };
}

/** Who calls an operation: the first of these who holds its permission somewhere. */
function callerFor(
  access: RouteAccess,
  actors: Actors,
): { actor: Actor; session: SignedIn } | null {
  if (access === 'public') return null;
  if (access === 'authenticated') return actors.originating;
  const permission: Permission = access.permission;
  if (permission === 'admin.manage') return actors.admin;
  for (const candidate of [
    actors.originating,
    actors.lead,
    actors.coordinator,
    actors.privacyOfficer,
  ]) {
    if (tablesWhere(candidate.actor, permission).length > 0) return candidate;
  }
  return actors.admin;
}

/**
 * A fingerprint of everything a request could change: each table's rows, hashed in the database.
 * Left out: failed sign-in attempts and `denied` audit events (what a refusal is meant to record),
 * and the audit log's growth is counted rather than hashed (it only grows).
 */
async function fingerprint(db: Kysely<DB>): Promise<string> {
  tableNames ??= sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE'
      and table_name not in ('audit_event', 'login_attempt')
    order by table_name`
    .execute(db)
    .then((result) => result.rows.map((row) => row.table_name));
  const parts = (await tableNames).map(
    (name) =>
      sql`select ${name} as name, count(*)::text || ':' || coalesce(md5(string_agg(x::text, '|' order by x::text)), '') as hash from ${sql.table(name)} x`,
  );
  parts.push(
    sql`select 'audit_event' as name, count(*)::text || ':' || coalesce(max(id)::text, '') as hash from audit_event where outcome <> 'denied'`,
  );
  const rows = await sql<{
    name: string;
    hash: string;
  }>`${sql.join(parts, sql` union all `)}`.execute(db);
  return rows.rows
    .map((r) => `${r.name}=${r.hash}`)
    .sort()
    .join(';');
}
let tableNames: Promise<string[]> | undefined;

/**
 * Where the write-ahead log is: it moves with every write, so an unmoved position proves that a
 * request changed nothing, without hashing every table. (It may also move without a change, say
 * when a read prunes a page or autovacuum runs; then the fingerprint decides.)
 */
async function walPosition(db: Kysely<DB>): Promise<string> {
  const result = await sql<{
    lsn: string;
  }>`select pg_current_wal_insert_lsn()::text as lsn`.execute(db);
  return result.rows[0]!.lsn;
}

function hashOf(text: string): number {
  let hash = 0;
  for (const char of text) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

/**
 * Starts the app, builds the world and registers one vitest `it` per operation of this shard of the
 * OpenAPI document (named "METHOD /path", so `-t` selects one). Call with top-level await.
 */
export async function fuzzOpenApi({ shard, of }: { shard: number; of: number }) {
  const t = await createTestApp();
  const world = await createWorld(t);
  const document: OpenApiDocument = (
    await t.app.inject({ method: 'GET', url: '/api/openapi.json' })
  ).json();
  const declared = new Map(
    t.app.declaredRoutes
      .filter((r) => r.access !== 'public-docs')
      .map((r) => [`${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`, r.access as RouteAccess]),
  );
  const all: FuzzOperation[] = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      operation,
      access: declared.get(`${method.toUpperCase()} ${path}`)!,
    })),
  );
  const operations = all.filter((_, index) => index % of === shard);
  // Validly signed tokens whose claims are not what this API issues (a non-UUID subject…).
  const forgedTokens = [
    { sub: 'not-a-uuid', epoch: 0, mfa: false },
    { sub: world.cast.users.lead.id.toUpperCase(), epoch: 0, mfa: false },
    { sub: "x' or 1=1 --", epoch: 0, mfa: false },
    { sub: world.cast.users.lead.id, epoch: 'x', mfa: 'yes' },
    { sub: '\u0000', epoch: 1e308, mfa: false },
  ].map((claims) => `Bearer ${t.app.jwt.sign(claims as never)}`);
  console.log(
    `fuzz: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}; shard ${shard + 1}/${of}: ` +
      `${operations.length} of ${all.length} operations`,
  );

  describe(`OpenAPI fuzz (FUZZ_SEED=${SEED}, ${RUNS} cases per operation)`, () => {
    afterAll(async () => closeTestApp(t));

    it('covers every operation of the document, in one shard or another', () => {
      expect(all.length).toBeGreaterThan(10);
      for (const op of all) expect(op.access, `${op.method} ${op.path}`).toBeDefined();
    });

    for (const op of operations) {
      it(`${op.method} ${op.path}`, () => fuzzOperation(op));
    }

    async function fuzzOperation(op: FuzzOperation) {
      const key = `${op.method} ${op.path}`;
      const seed = SEED ^ hashOf(key);
      const caller = callerFor(op.access, world.actors);
      const db = t.database.db;
      const started = performance.now();
      // The state before the next request: its log position and its fingerprint.
      let state = { wal: await walPosition(db), print: await fingerprint(db) };
      const counts = { total: 0, ok: 0, refused: 0 };
      const property = fc.asyncProperty(
        caseFor(op, document, world.pools, world.idPoolsFor(op.path), forgedTokens),
        async (c) => {
          const request = await requestFor(op, c, caller);
          const res = await injectBounded(t.app, request, isEventStream(op));
          counts.total += 1;
          const where = `${key} → ${res.statusCode}`;
          expect(res.statusCode, `${where} ${res.body.slice(0, 300)}`).toBeLessThan(500);
          const wal = await walPosition(db);
          const print = wal === state.wal ? state.print : await fingerprint(db);
          if (res.statusCode >= 400) {
            counts.refused += 1;
            expect(String(res.headers['content-type']), where).toMatch(
              /^application\/problem\+json/,
            );
            const problem = problemSchema.safeParse(res.json());
            expect(problem.success, `${where}: not a problem: ${res.body.slice(0, 300)}`).toBe(
              true,
            );
            expect(problem.data?.status, where).toBe(res.statusCode);
            expect(print, `${where}: a refused request changed the database`).toBe(state.print);
          } else {
            counts.ok += 1;
          }
          state = { wal, print };
        },
      );
      await fc.assert(property, { seed, numRuns: RUNS, endOnFailure: true });
      expect(counts.total).toBeGreaterThanOrEqual(RUNS);
      console.log(
        `fuzz ${key}: ${counts.total} cases, ${counts.refused} refused, ${counts.ok} accepted ` +
          `(seed ${seed}, ${Math.round(performance.now() - started)} ms)`,
      );
      // A valid case may have changed the actors' sessions (never expected, but cheap to undo).
      for (const who of Object.values(world.actors)) {
        const me = await t.app.inject({
          method: 'GET',
          url: '/api/me',
          headers: who.session.headers,
        });
        if (me.statusCode !== 200)
          throw new Error(`${key} ended the session of ${who.actor.userId}`);
      }
    }

    async function requestFor(
      op: FuzzOperation,
      c: Case,
      caller: { session: SignedIn } | null,
    ): Promise<InjectOptions> {
      const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => c.params[name] ?? 'x');
      const search = c.query.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
      const headers: Record<string, string> = {};
      if (c.authorization === 'actor') {
        if (caller) Object.assign(headers, caller.session.headers);
      } else if (c.authorization !== 'none') {
        headers.authorization = c.authorization;
      }
      if (c.ifMatch === 'current') {
        const id = world.situations.find((s) => path.includes(s));
        if (id) {
          const row = await t.database.db
            .selectFrom('situation')
            .select('version')
            .where('id', '=', id)
            .executeTakeFirst();
          if (row) headers['if-match'] = `"${row.version}"`;
        }
      } else if (c.ifMatch !== 'none') {
        headers['if-match'] = c.ifMatch;
      }
      if (c.accessPurpose !== null) headers['access-purpose'] = c.accessPurpose;
      const request: InjectOptions = {
        method: op.method as InjectOptions['method'],
        url: search ? `${path}?${search}` : path,
        headers,
        remoteAddress: FUZZ_ADDRESS,
      };
      if (c.body?.kind === 'json') {
        let text = JSON.stringify(c.body.value) ?? 'null';
        if (c.protoPollution && text.startsWith('{')) {
          const injected =
            '"__proto__":{"isAdministrator":true},"constructor":{"prototype":{"isAdministrator":true}}';
          text = text === '{}' ? `{${injected}}` : `{${injected},${text.slice(1)}`;
        }
        headers['content-type'] = 'application/json';
        request.payload = text;
      } else if (c.body?.kind === 'raw') {
        headers['content-type'] = c.body.type;
        request.payload = c.body.text;
      }
      return request;
    }
  });
}
