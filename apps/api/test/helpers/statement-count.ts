/**
 * Counts the statements the database receives while one request runs, for the round-trip tests
 * of #12 (point 2). The count is taken where every statement passes: node-postgres's
 * `Client.prototype.query`, which Kysely's PostgresDialect calls for every query it compiles,
 * for raw sql`` fragments and for the BEGIN / COMMIT / ROLLBACK of a transaction alike, on
 * PostgreSQL and on PGlite (whose node-postgres shim is a pg Client with its own connection).
 * Each statement is one round trip to the database: that is what the targets bound.
 *
 * Tests in a file run one after another, so while `statementsDuring` runs the only statements in
 * the process are the request's own.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';

type QueryArguments = Parameters<pg.Client['query']>;

let recording: string[] | null = null;
/** With parameters, for the plan tests that EXPLAIN what the app sent (test data only). */
let capturing: Array<{ text: string; values: unknown[] }> | null = null;
const originalQuery = pg.Client.prototype.query;

function textOf(query: unknown): string {
  if (typeof query === 'string') return query;
  if (query && typeof query === 'object' && 'text' in query) return String(query.text);
  return String(query);
}

function valuesOf(args: readonly unknown[]): unknown[] {
  if (Array.isArray(args[1])) return args[1];
  const query = args[0];
  if (query && typeof query === 'object' && 'values' in query && Array.isArray(query.values)) {
    return query.values;
  }
  return [];
}

/** Installed once per process: records the text (never the parameters) of every statement. */
function install() {
  if ((pg.Client.prototype.query as { counting?: boolean }).counting) return;
  const counting = function (this: pg.Client, ...args: QueryArguments) {
    recording?.push(textOf(args[0]).replace(/\s+/g, ' ').trim());
    capturing?.push({ text: textOf(args[0]), values: valuesOf(args) });
    return (originalQuery as (...a: QueryArguments) => unknown).apply(this, args);
  } as unknown as typeof pg.Client.prototype.query & { counting?: boolean };
  counting.counting = true;
  pg.Client.prototype.query = counting;
}

/** The statements (their SQL text) sent while `work` ran, in the order they were sent. */
export async function statementsDuring<T>(
  work: () => Promise<T>,
): Promise<{ result: T; statements: string[] }> {
  install();
  if (recording) throw new Error('statementsDuring does not nest');
  const statements: string[] = [];
  recording = statements;
  try {
    const result = await work();
    return { result, statements };
  } finally {
    recording = null;
  }
}

/** One `app.inject` and the statements it made. */
export async function injectCounting(
  app: FastifyInstance,
  options: InjectOptions,
): Promise<{ res: LightMyRequestResponse; statements: string[] }> {
  const { result, statements } = await statementsDuring(() => app.inject(options));
  return { res: result, statements };
}

/** A readable list for a failing assertion: numbered, each statement cut to 160 characters. */
export function describeStatements(statements: readonly string[]): string {
  return statements.map((s, i) => `${i + 1}. ${s.slice(0, 160)}`).join('\n');
}

/** The statements (text and parameters) sent while `work` ran, to EXPLAIN them afterwards. */
export async function queriesDuring(
  work: () => Promise<unknown>,
): Promise<Array<{ text: string; values: unknown[] }>> {
  install();
  if (capturing) throw new Error('queriesDuring does not nest');
  const queries: Array<{ text: string; values: unknown[] }> = [];
  capturing = queries;
  try {
    await work();
    return queries;
  } finally {
    capturing = null;
  }
}
