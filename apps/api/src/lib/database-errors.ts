/**
 * Database errors by what they mean for the caller, in one place: `plugins/errors.ts` asks these
 * functions for every route. A driver error's message can quote values, so nothing here looks at
 * more than the class, the SQLSTATE or node's error code, and (for the few errors node-postgres and
 * pg-pool raise without a code) a fixed message of the driver itself.
 */
import type { ErrorCode } from '@fourfold/shared/error-codes';

/** SQLSTATEs of a server that is gone, going or not yet there. */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown: the server is stopping (fast or immediate shutdown)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, shutting down, in recovery
  '53300', // too_many_connections
]);

/** Node socket errors of a connection that could not be made or was cut. */
const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** Errors node-postgres, pg-pool and Kysely raise with no code when a connection is lost. */
const UNAVAILABLE_DRIVER_MESSAGES = [
  /^timeout exceeded when trying to connect$/,
  /^Connection terminated/,
  /^Client has encountered a connection error and is not queryable$/,
  /^Client was closed and is not queryable$/,
  /^Postgres connection has been discarded$/,
];

/**
 * True when an error says the database cannot be reached right now (the request may succeed if
 * retried later), as opposed to a refusal of this request. Looks through `cause` and
 * AggregateError (node's dual-stack connect raises one per address).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return unavailable(error, 0);
}

function unavailable(error: unknown, depth: number): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    // Class 08: connection exception (08000, 08003, 08006, 08001, 08004, …).
    if (/^08[0-9A-Z]{3}$/.test(code) || UNAVAILABLE_SQLSTATES.has(code)) return true;
    if (UNAVAILABLE_NODE_CODES.has(code)) return true;
  }
  if (UNAVAILABLE_DRIVER_MESSAGES.some((pattern) => pattern.test(error.message))) return true;
  if (
    error instanceof AggregateError &&
    error.errors.some((inner) => unavailable(inner, depth + 1))
  ) {
    return true;
  }
  return unavailable(error.cause, depth + 1);
}

/** A PostgreSQL SQLSTATE (node-postgres and PGlite both put it on `code`): five characters. */
export function sqlStateOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

export type DatabaseInputProblem = {
  code: ErrorCode;
  status: number;
  detail: string;
  /** The SQLSTATE, for the log line: a class and number, never a value. */
  sqlState: string;
};

/**
 * A database error caused by the request's input, as a 4xx problem; undefined for anything else
 * (which stays an opaque 500). Class 22 (data exception: a value out of range, malformed, NUL in
 * text…) and class 23 (integrity constraint violation). The driver's message, detail and
 * constraint name are never used: they quote values and name the schema.
 *
 * Schemas should refuse such input first (text(), idSchema, bounded numbers, validated cursors);
 * this is the net under them, so a value they miss is a 4xx and not a 500.
 */
export function databaseInputProblem(error: unknown): DatabaseInputProblem | undefined {
  const sqlState = sqlStateOf(error);
  if (!sqlState) return undefined;
  if (sqlState.startsWith('22')) {
    return {
      code: 'VALIDATION_FAILED',
      status: 400,
      detail: 'A value in the request is malformed or out of range.',
      sqlState,
    };
  }
  switch (sqlState) {
    case '23505': // unique_violation
      return {
        code: 'CONFLICT',
        status: 409,
        detail: 'Something with the same unique value already exists.',
        sqlState,
      };
    case '23503': // foreign_key_violation
      return {
        code: 'CONFLICT',
        status: 409,
        detail: 'The request refers to something that does not exist, or that is still in use.',
        sqlState,
      };
    case '23502': // not_null_violation
    case '23514': // check_violation
      return {
        code: 'VALIDATION_FAILED',
        status: 422,
        detail: 'A value in the request is not allowed here.',
        sqlState,
      };
    case '23P01': // exclusion_violation
      return {
        code: 'CONFLICT',
        status: 409,
        detail: 'The request conflicts with an existing record.',
        sqlState,
      };
  }
  if (sqlState.startsWith('23')) {
    return {
      code: 'CONFLICT',
      status: 409,
      detail: 'The request conflicts with the records it refers to.',
      sqlState,
    };
  }
  return undefined;
}
