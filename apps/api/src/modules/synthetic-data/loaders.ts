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
import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type Transaction,
} from 'kysely';
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
  /**
   * Empties the buffer now and returns the write of what it held, to run later: the generator
   * takes every table's rows at one instant (so no child row leaves before its parent) and goes on
   * generating while the database takes them.
   */
  take(): () => Promise<void>;
};

export type Loader = {
  readonly kind: 'postgres' | 'embedded' | 'kysely';
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /** {@link query} with the number of rows the statement changed. */
  execute<R = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
  ): Promise<{ rows: R[]; affected: number }>;
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
    take() {
      if (lines.length === 0) return async () => undefined;
      const taken = lines;
      lines = [];
      return () => write(taken.join('\n') + '\n');
    },
    flush() {
      return this.take()();
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
    async execute<R>(text: string, params: readonly unknown[] = []) {
      const result = await client.query(text, params as unknown[]);
      return { rows: result.rows as R[], affected: result.rowCount ?? 0 };
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
    async execute<R>(text: string, params: readonly unknown[] = []) {
      const result = await db.query<R>(text, params as unknown[]);
      return { rows: result.rows, affected: result.affectedRows ?? 0 };
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

/**
 * A Kysely transaction: JSON rows turned into records by the database (json_to_recordset, given
 * the columns' types, is about a third faster than json_populate_recordset on PGlite).
 */
export function kyselyLoader(db: Kysely<DB> | Transaction<DB>): Loader {
  const execute = async <R>(text: string, params: readonly unknown[] = []) => {
    const result = await db.executeQuery<R>(CompiledQuery.raw(text, [...params]));
    return { rows: result.rows, affected: Number(result.numAffectedRows ?? 0) };
  };
  const run = async <R>(text: string, params: readonly unknown[] = []) =>
    (await execute<R>(text, params)).rows;
  return {
    kind: 'kysely',
    query: run,
    execute,
    buffer(table, columns, conflict = '') {
      let rows: Array<Record<string, Value>> = [];
      const list = columns.join(', ');
      let recordType: string | undefined;
      return {
        add(row) {
          const record: Record<string, Value> = {};
          columns.forEach((column, index) => (record[column] = row[index]!));
          rows.push(record);
        },
        get rows() {
          return rows.length;
        },
        flush() {
          return this.take()();
        },
        take() {
          const taken = rows;
          rows = [];
          return () => write(taken);
        },
      };
      async function write(taken: Array<Record<string, Value>>) {
        if (taken.length === 0) return;
        if (recordType === undefined) {
          const types = await run<{ name: string; type: string }>(
            `select attname as name, format_type(atttypid, atttypmod) as type
               from pg_attribute
               where attrelid = $1::regclass and attnum > 0 and not attisdropped`,
            [table],
          );
          const typeOf = new Map(types.map((t) => [t.name, t.type]));
          recordType = columns.map((column) => `${column} ${typeOf.get(column)!}`).join(', ');
        }
        await run(
          `insert into ${table} (${list}) select ${list} ` +
            `from json_to_recordset($1::json) as r(${recordType}) ${conflict}`,
          [JSON.stringify(taken)],
        );
      }
    },
  };
}

/**
 * A Kysely over the loader's connection, for the statistics rebuild that follows the load in the
 * same transaction (its statements are the statistics module's, written with Kysely). It never
 * opens a transaction of its own: the loader's caller holds one.
 */
export function kyselyOver(loader: Loader): Kysely<DB> {
  const connection: DatabaseConnection = {
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      const { rows, affected } = await loader.execute<R>(query.sql, query.parameters);
      return { rows, numAffectedRows: BigInt(affected) };
    },
    // eslint-disable-next-line require-yield -- an interface member the rebuild never calls
    async *streamQuery() {
      throw new Error('The loader does not stream.');
    },
  };
  const refuse = async () => {
    throw new Error('The loader’s caller holds the transaction.');
  };
  const driver: Driver = {
    init: async () => undefined,
    acquireConnection: async () => connection,
    beginTransaction: refuse,
    commitTransaction: refuse,
    rollbackTransaction: refuse,
    releaseConnection: async () => undefined,
    destroy: async () => undefined,
  };
  return new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => driver,
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
}
