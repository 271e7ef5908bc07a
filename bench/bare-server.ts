/**
 * The bare baseline of the API suites: Fastify and pg, nothing else (no authentication, no access
 * policy, no schemas, no audit of reads), on the same database, with a pool of the API's size, in
 * a child process of its own like the API (bench/server.ts), so that neither shares an event loop
 * with the load generator. What it answers is the floor the API's overhead is measured against.
 *
 *   GET /bare/list/:name       runs the list query the parent registered under that name (the SQL
 *                              the API's own query builder compiles, with its parameters)
 *   GET /bare/situations/:id   one situation as the view shows it, in one statement
 *   PUT /bare/situations/:id   a draft edit with If-Match: the row, its codes and the audit event
 *                              in one statement, then the view (two round trips)
 *
 * The parent registers the list queries with POST /bare/queries (`{ name: { sql, parameters } }`).
 */
// The API's own Fastify (the root depends on none): the same version as the API's.
import Fastify from '../apps/api/node_modules/fastify/fastify.js';
import pg from 'pg';
import { loadConfig } from '../apps/api/src/config';
import { bareDraftEditSql, bareSituationSql, type BareQuery } from './lib/bare-sql';

const config = loadConfig();
if (config.database.kind !== 'postgres') throw new Error('the bare baseline needs DATABASE_URL');
const pool = new pg.Pool({
  connectionString: config.database.url,
  max: config.database.poolMax,
  statement_timeout: config.database.statementTimeoutMs,
  application_name: 'fourfold-bench-bare',
});

const queries = new Map<string, BareQuery>();
const app = Fastify({ logger: false });

app.post<{ Body: Record<string, BareQuery> }>('/bare/queries', async (request) => {
  for (const [name, query] of Object.entries(request.body)) queries.set(name, query);
  return { registered: queries.size };
});

app.get<{ Params: { name: string } }>('/bare/list/:name', async (request, reply) => {
  const query = queries.get(request.params.name);
  if (!query) return reply.code(404).send({ error: 'no such query' });
  const result = await pool.query(query.sql, query.parameters as unknown[]);
  return { items: result.rows };
});

app.get<{ Params: { id: string } }>('/bare/situations/:id', async (request, reply) => {
  const result = await pool.query(bareSituationSql, [request.params.id]);
  if (result.rows.length === 0) return reply.code(404).send({ error: 'not found' });
  const situation = result.rows[0] as { version: number };
  reply.header('etag', `"${situation.version}"`);
  return situation;
});

type DraftEdit = {
  userId: string;
  agencyId: string;
  situationType: string;
  ageBand: string;
  gender: string;
  summary: string;
  codes: { list: string; code: string }[];
};

app.put<{ Params: { id: string }; Body: DraftEdit }>(
  '/bare/situations/:id',
  async (request, reply) => {
    const version = /^"(\d+)"$/.exec(request.headers['if-match'] ?? '')?.[1];
    if (version === undefined) return reply.code(428).send({ error: 'If-Match' });
    const body = request.body;
    const written = await pool.query(bareDraftEditSql, [
      request.params.id,
      Number(version),
      body.situationType,
      body.ageBand,
      body.gender,
      body.summary,
      body.codes.map((c) => c.list),
      body.codes.map((c) => c.code),
      body.userId,
      body.agencyId,
    ]);
    if (written.rows.length === 0) {
      // As the API does: the current version's ETag with the 412.
      const current = await pool.query<{ version: number }>(
        'select version from situation where id = $1',
        [request.params.id],
      );
      if (current.rows[0]) reply.header('etag', `"${current.rows[0].version}"`);
      return reply.code(412).send({ error: 'version' });
    }
    const result = await pool.query(bareSituationSql, [request.params.id]);
    const situation = result.rows[0] as { version: number };
    reply.header('etag', `"${situation.version}"`);
    return situation;
  },
);

await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (address === null || typeof address === 'string') throw new Error('no port');
process.send?.({ port: address.port });
process.on('disconnect', () => {
  void app
    .close()
    .then(() => pool.end())
    .then(() => process.exit(0));
});
