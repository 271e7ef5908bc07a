/**
 * Timestamps leave the API as ISO 8601 in UTC, whether the driver gave a Date (node-postgres) or a
 * string (a `::text` cast, PGlite); one formatter for every answer.
 */
export const iso = (value: Date | string) => new Date(value).toISOString();
