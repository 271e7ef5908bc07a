/**
 * Database errors by what they mean for the caller. A driver error's message can quote values, so
 * nothing here looks at more than the class, the SQLSTATE or node's error code, and (for the few
 * errors node-postgres and pg-pool raise without a code) a fixed message of the driver itself.
 */

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
