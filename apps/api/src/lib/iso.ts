/**
 * Timestamps leave the API as ISO 8601 in UTC with milliseconds (2026-03-01T05:30:00.000Z),
 * whether the driver gave a Date (node-postgres) or a string (a `::text` cast, PGlite); one
 * formatter for every answer.
 */
import { sql, type Expression, type RawBuilder } from 'kysely';

export const iso = (value: Date | string) => new Date(value).toISOString();

/**
 * The same format made by the database, for hot lists: the row arrives as the text the answer
 * sends, with no Date parsed and formatted again per item (#12, point 3). Milliseconds are
 * truncated, as the driver's Date truncates them; null stays null.
 */
export const isoText = (timestamp: Expression<unknown> | RawBuilder<unknown>) =>
  sql<string>`to_char(${timestamp} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
