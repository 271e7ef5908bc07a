/**
 * Where the generator's rows go: one interface, three ways in.
 *
 * - PostgreSQL: COPY … FROM STDIN through pg-copy-streams on one client, inside one transaction.
 * - Embedded PGlite: COPY … FROM '/dev/blob', PGlite's own COPY path, with the rows of a batch
 *   handed over as a Blob (the `blob` option of `query`), inside `pglite.transaction`.
 * - A Kysely transaction (the demo data, which runs inside the start-up transaction and writes a
 *   few thousand rows): `insert … select … from json_populate_recordset`, one statement per table
 *   and batch.
 *
 * Rows are encoded as they are added (COPY text format), so a batch holds strings, not objects.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite, Transaction as PGliteTransaction } from '@electric-sql/pglite';
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DB } from '../../db/schema';

/** A column value: text, number, boolean, null, or a text array. Timestamps are ISO strings. */
export type Value = string | number | boolean | null | readonly string[];

export type RowBuffer = {
  add(row: readonly Value[]): void;
  readonly rows: number;
  /** Writes the buffered rows and empties the buffer. */
  flush(): Promise<void>;
};

export type Loader = {
  readonly kind: 'postgres' | 'embedded' | 'kysely';
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /**
   * A buffer of rows for one table. `conflict` is an `on conflict …` clause; only the Kysely
   * loader applies it (COPY cannot): the COPY loaders write into tables the run created.
   */
  buffer(table: string, columns: readonly string[], conflict?: string): RowBuffer;
};

/** COPY text format: backslash, tab, newline and carriage return escaped; null is \N. */
function escapeCopy(text: string): string {
  return /[\\\t\n\r]/.test(text)
    ? text.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      )
    : text;
}

function arrayLiteral(values: readonly string[]): string {
  return `{${values
    .map((value) =>
      /^[A-Za-z0-9_.|-]+$/.test(value) && value.toLowerCase() !== 'null'
        ? value
        : `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`,
    )
    .join(',')}}`;
}

export function copyField(value: Value): string {
  if (value === null) return '\\N';
  if (typeof value === 'string') return escapeCopy(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return escapeCopy(arrayLiteral(value));
}

function copyBuffer(write: (text: string) => Promise<void>): RowBuffer {
  let lines: string[] = [];
  return {
    add(row) {
      let line = copyField(row[0]!);
      for (let i = 1; i < row.length; i++) line += '\t' + copyField(row[i]!);
      lines.push(line);
    },
    get rows() {
      return lines.length;
    },
    async flush() {
      if (lines.length === 0) return;
      const text = lines.join('\n') + '\n';
      lines = [];
      await write(text);
    },
  };
}

const copyStatement = (table: string, columns: readonly string[], source: string) =>
  `copy ${table} (${columns.join(', ')}) from ${source}`;

/** PostgreSQL through one client (the caller opens the transaction). */
export function postgresLoader(client: pg.ClientBase): Loader {
  return {
    kind: 'postgres',
    async query<R>(text: string, params: readonly unknown[] = []) {
      return (await client.query(text, params as unknown[])).rows as R[];
    },
    buffer(table, columns) {
      return copyBuffer(async (text) => {
        const stream = client.query(copyFrom(copyStatement(table, columns, 'stdin')));
        await pipeline(Readable.from([text]), stream);
      });
    },
  };
}

/** Embedded PGlite, inside `pglite.transaction` (or on the instance itself). */
export function pgliteLoader(db: PGlite | PGliteTransaction): Loader {
  return {
    kind: 'embedded',
    async query<R>(text: string, params: readonly unknown[] = []) {
      return (await db.query<R>(text, params as unknown[])).rows;
    },
    buffer(table, columns) {
      return copyBuffer(async (text) => {
        await db.query(copyStatement(table, columns, `'/dev/blob'`), [], {
          blob: new Blob([text]),
        });
      });
    },
  };
}

/** A Kysely transaction: JSON rows turned into records by the database. */
export function kyselyLoader(db: Kysely<DB> | Transaction<DB>): Loader {
  return {
    kind: 'kysely',
    async query<R>(text: string, params: readonly unknown[] = []) {
      return (await db.executeQuery<R>(CompiledQuery.raw(text, [...params]))).rows;
    },
    buffer(table, columns, conflict = '') {
      let rows: Array<Record<string, Value>> = [];
      const list = columns.join(', ');
      return {
        add(row) {
          const record: Record<string, Value> = {};
          columns.forEach((column, index) => (record[column] = row[index]!));
          rows.push(record);
        },
        get rows() {
          return rows.length;
        },
        async flush() {
          if (rows.length === 0) return;
          const json = JSON.stringify(rows);
          rows = [];
          await db.executeQuery(
            CompiledQuery.raw(
              `insert into ${table} (${list}) select ${list} ` +
                `from json_populate_recordset(null::${table}, $1::json) ${conflict}`,
              [json],
            ),
          );
        },
      };
    },
  };
}
