/**
 * Prepared (named) statements for the hottest reads (#12, point 2). PostgreSQL plans an unnamed
 * statement on every call; a named one is parsed once per connection and its plan cached — a
 * generic plan once PostgreSQL finds it as cheap as the custom ones (`plan_cache_mode = auto`, its
 * default), as for any driver that prepares (JDBC after five runs, postgres.js always). For the
 * person's statement, read on every request, planning is about 85% of its cost (0.40 ms of
 * PostgreSQL CPU unnamed, 0.06 ms named: docs/benchmarks.md).
 *
 * Opt-in, by the statement's text: one that starts with `prepared` (a SQL comment) is sent named,
 * its name derived from its text. Marked are only statements whose texts are few (a shape per
 * filter and sort, never a list of values spliced in) and whose result columns are explicit (no
 * `*` over a table, which a migration could widen under a cached plan). Each connection keeps at
 * most MAX_NAMED_PER_CONNECTION; past that a marked statement simply runs unnamed.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';

const MARK = '/* prepared */ ';

/** Put first in a statement's text to have it prepared: sql`${prepared}select …`. */
export const prepared = sql.raw(MARK);

/** A statement's compiled text, marked to be prepared (for a text compiled once and kept). */
export function preparedText(text: string): string {
  return MARK + text;
}

const MAX_NAMED_PER_CONNECTION = 200;

/** Names by text, shared by every connection: the marked texts are few by construction. */
const names = new Map<string, string>();

function nameOf(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `ff_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
    if (names.size < 10 * MAX_NAMED_PER_CONNECTION) names.set(text, name);
  }
  return name;
}

/** node-postgres's Client, sending marked statements as named ones (pg's `{ name, text }`). */
export class PreparingClient extends pg.Client {
  readonly #named = new Set<string>();

  override query(...args: unknown[]): never {
    const [text, values, callback] = args;
    if (typeof text === 'string' && text.startsWith(MARK) && !(typeof values === 'function')) {
      const name = nameOf(text);
      if (this.#named.has(name) || this.#named.size < MAX_NAMED_PER_CONNECTION) {
        this.#named.add(name);
        const config = { name, text, values: values as unknown[] | undefined };
        return (super.query as (...a: unknown[]) => never)(
          config,
          ...(callback === undefined ? [] : [callback]),
        );
      }
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}
