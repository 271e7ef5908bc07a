/**
 * Where the generator's rows go: one interface, three ways in.
 *
 * - PostgreSQL: COPY … FROM STDIN (FORMAT binary) through pg-copy-streams on one client, inside
 *   one transaction. Binary rather than text: the rows are written field by field into one Buffer
 *   a batch (no string per field, no escaping, little garbage), ids as their 16 bytes and times
 *   as their microseconds, so PostgreSQL parses no uuid or timestamp text either. The column
 *   types come from the catalogue first (`prepare`); a table not prepared goes as text.
 * - Embedded PGlite: COPY … FROM '/dev/blob', PGlite's own COPY path, with the rows of a batch
 *   handed over as a Blob (the `blob` option of `query`), inside `pglite.transaction`.
 * - A Kysely transaction (the demo data, which runs inside the start-up transaction and writes a
 *   few thousand rows): `insert … select … from json_populate_recordset`, one statement per table
 *   and batch.
 *
 * Rows are encoded as they are added (COPY binary or text format), so a batch holds bytes or
 * strings, not objects.
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

/**
 * A column value: text, number, boolean, null, a text array, or a timestamp (a Date, or ISO text).
 */
export type Value = string | number | boolean | null | Date | readonly string[];

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
  /** Reads what `buffer` needs to know of these tables beforehand (their column types). */
  prepare?(tables: readonly string[]): Promise<void>;
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
  if (value instanceof Date) return value.toISOString();
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

/** A growing Buffer the binary rows are written into. */
class ByteWriter {
  bytes: Buffer;
  at = 0;
  constructor(size: number) {
    this.bytes = Buffer.allocUnsafe(size);
  }
  room(n: number): void {
    if (this.at + n <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.at + n));
    this.bytes.copy(grown, 0, 0, this.at);
    this.bytes = grown;
  }
  int16(n: number): void {
    this.room(2);
    this.at = this.bytes.writeInt16BE(n, this.at);
  }
  int32(n: number): void {
    this.room(4);
    this.at = this.bytes.writeInt32BE(n, this.at);
  }
  /** A whole number of up to 53 bits as a big-endian int64. */
  int64(n: number): void {
    this.room(8);
    const high = Math.floor(n / 4294967296);
    this.at = this.bytes.writeInt32BE(high, this.at);
    this.at = this.bytes.writeUInt32BE(n - high * 4294967296, this.at);
  }
}

/** Microseconds from the Unix epoch to PostgreSQL's (2000-01-01 UTC). */
const POSTGRES_EPOCH_MS = 946_684_800_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COPY_SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

const uuidCache = new Map<string, Buffer>();
type FieldEncoder = (out: ByteWriter, value: Exclude<Value, null>) => void;

/** Binary encoders of the types the generated tables use (each writes length, then bytes). */
const encoders: Record<string, FieldEncoder> = {
  text(out, value) {
    const text = String(value);
    const length = text.length;
    out.room(4 + length * 3);
    const bytes = out.bytes;
    const start = out.at + 4;
    // Short ASCII text (codes, references, names) byte by byte: cheaper than a call into
    // Buffer#write; anything else through it.
    let i = 0;
    if (length <= 64) {
      for (; i < length; i++) {
        const c = text.charCodeAt(i);
        if (c >= 0x80) break;
        bytes[start + i] = c;
      }
    }
    const written = i === length ? length : i + bytes.write(text.slice(i), start + i, 'utf8');
    bytes.writeInt32BE(written, out.at);
    out.at = start + written;
  },
  uuid(out, value) {
    const text = value as string;
    // The same ids come back row after row (a situation's in its codes, the table's agencies and
    // people everywhere): parsed once. A lookup costs less than parsing, or than first comparing
    // with the column's last id (two strings of the same length are compared character by
    // character).
    let bytes = uuidCache.get(text);
    if (bytes === undefined) {
      if (!UUID.test(text)) throw new Error(`Not a uuid: ${text}`);
      bytes = Buffer.allocUnsafe(16);
      bytes.writeUInt32BE(parseInt(text.slice(0, 8), 16), 0);
      bytes.writeUInt32BE(parseInt(text.slice(9, 13) + text.slice(14, 18), 16), 4);
      bytes.writeUInt32BE(parseInt(text.slice(19, 23) + text.slice(24, 28), 16), 8);
      bytes.writeUInt32BE(parseInt(text.slice(28, 36), 16), 12);
      if (uuidCache.size >= 4096) uuidCache.clear();
      uuidCache.set(text, bytes);
    }
    out.room(20);
    const target = out.bytes;
    let i = target.writeInt32BE(16, out.at);
    for (let k = 0; k < 16; k++) target[i++] = bytes[k]!;
    out.at = i;
  },
  integer(out, value) {
    out.int32(4);
    out.int32(Number(value));
  },
  smallint(out, value) {
    out.int32(2);
    out.int16(Number(value));
  },
  boolean(out, value) {
    out.room(5);
    out.at = out.bytes.writeInt32BE(1, out.at);
    out.bytes[out.at++] = value === true || value === 't' ? 1 : 0;
  },
  'timestamp with time zone'(out, value) {
    const ms = value instanceof Date ? value.getTime() : Date.parse(String(value));
    if (Number.isNaN(ms)) throw new Error(`Not a timestamp: ${String(value)}`);
    out.int32(8);
    out.int64(Math.round((ms - POSTGRES_EPOCH_MS) * 1000));
  },
  'time without time zone'(out, value) {
    const [hours = 0, minutes = 0, seconds = 0] = String(value).split(':').map(Number);
    out.int32(8);
    out.int64(Math.round(((hours * 60 + minutes) * 60 + seconds) * 1_000_000));
  },
};

/**
 * Rows in PostgreSQL's binary COPY format: the signature and header, then per row the number of
 * fields and each field's length and bytes (-1 for null), then -1.
 */
function binaryBuffer(
  types: readonly string[],
  write: (bytes: Buffer) => Promise<void>,
): RowBuffer {
  const encode = types.map((type) => {
    const encoder = encoders[type];
    if (!encoder) throw new Error(`No binary COPY encoder for ${type}.`);
    return encoder;
  });
  let size = 1 << 16;
  let out = start();
  let rows = 0;
  function start() {
    const writer = new ByteWriter(size);
    writer.room(COPY_SIGNATURE.length + 8);
    writer.at += COPY_SIGNATURE.copy(writer.bytes, 0);
    writer.int32(0); // flags
    writer.int32(0); // header extension
    return writer;
  }
  return {
    add(row) {
      out.int16(row.length);
      for (let i = 0; i < row.length; i++) {
        const value = row[i];
        if (value === null || value === undefined) out.int32(-1);
        else encode[i]!(out, value);
      }
      rows += 1;
    },
    get rows() {
      return rows;
    },
    take() {
      if (rows === 0) return async () => undefined;
      out.int16(-1);
      const taken = out.bytes.subarray(0, out.at);
      // The next batch's buffer about as large as this one, so that it seldom grows.
      size = Math.ceil(out.at * 1.1);
      out = start();
      rows = 0;
      return () => write(taken);
    },
    flush() {
      return this.take()();
    },
  };
}

/** PostgreSQL through one client (the caller opens the transaction). */
export function postgresLoader(client: pg.ClientBase): Loader {
  const columnTypes = new Map<string, Map<string, string>>();
  return {
    kind: 'postgres',
    async query<R>(text: string, params: readonly unknown[] = []) {
      return (await client.query(text, params as unknown[])).rows as R[];
    },
    async execute<R>(text: string, params: readonly unknown[] = []) {
      const result = await client.query(text, params as unknown[]);
      return { rows: result.rows as R[], affected: result.rowCount ?? 0 };
    },
    async prepare(tables) {
      const rows = await client.query<{ table: string; name: string; type: string }>(
        `select c.relname as table, a.attname as name, format_type(a.atttypid, null) as type
         from pg_attribute a join pg_class c on c.oid = a.attrelid
         where a.attrelid = any($1::regclass[]) and a.attnum > 0 and not a.attisdropped`,
        [tables],
      );
      for (const row of rows.rows) {
        const types = columnTypes.get(row.table) ?? new Map<string, string>();
        types.set(row.name, row.type);
        columnTypes.set(row.table, types);
      }
    },
    buffer(table, columns) {
      const types = columnTypes.get(table);
      const binary = types && columns.every((column) => encoders[types.get(column) ?? '']);
      if (binary) {
        const statement = `${copyStatement(table, columns, 'stdin')} (format binary)`;
        return binaryBuffer(
          columns.map((column) => types.get(column)!),
          async (bytes) => {
            await pipeline(Readable.from([bytes]), client.query(copyFrom(statement)));
          },
        );
      }
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
