/**
 * The k-anonymous record-level exports (CSV and JSON): who may export which tables, the audit
 * event written before any byte leaves, and the streamed rows, one table and calendar year at a
 * time: how each class of the year is published is decided on its count (SQL counts them), then
 * the rows of a few thousand published classes at a time are read and sent, so memory is bounded
 * by a batch, never by a table-year or the whole export.
 *
 * Order of a request: the query was validated by the route (400); the tables are resolved and
 * checked (a table the person may not export answers 404 as if missing); the audit events are
 * committed in their own transaction; the first table-year is read — so a database failure up to
 * here is a 503 problem and no file at all; then the rows stream. A failure after the first byte
 * destroys the stream: the client sees a truncated download, never a complete-looking file (the
 * last line of a complete CSV is its `# rows: …` comment, of a complete JSON its `notes`).
 */
import { Readable, Transform, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Kysely } from 'kysely';
import {
  can,
  decide,
  tablesWhere,
  type Actor,
  type TableSubject,
} from '@fourfold/shared/access-policy';
import type { ExportNotes, ExportPreset, StatsExportQuery } from '@fourfold/shared/statistics';
import type { CodeListName, Taxonomy } from '@fourfold/shared/taxonomy';
import type { DB } from '../../db/schema';
import { AccessDeniedError, authorize, roleOn } from '../../lib/access';
import { recordAudit } from '../audit/audit.service';
import { findTables, type TableRow } from '../tables/tables.service';
import { getTaxonomy } from '../taxonomy/taxonomy.service';
import {
  generaliseClasses,
  keyOf,
  periodOverlaps,
  type Level,
  type QuasiClass,
} from './export-generalisation';
import {
  csvField,
  exportRowOf,
  presetShape,
  type CodeLabels,
  type PublishedFact,
} from './export-presets';
import {
  classesOfTableYear,
  factsOfClasses,
  nextTableYear,
  type FactRow,
  type TableYear,
} from './exports.repository';

export type ExportFormat = 'csv' | 'json';
export type RequestContext = { requestId: string };

export type ExportDownload = {
  fileName: string;
  contentType: string;
  body: Readable;
};

/** What the last line of a CSV says after the counts: the window rule, in one sentence. */
const WINDOW_RULE =
  'a row is included when its published period (month, quarter or year) overlaps the window, so a ' +
  'quarter or year class appears whole; generalisation is decided per table and calendar year';

/** `# rows: N; generalised period: N; …; threshold: t; <window rule>`. */
function notesLine(notes: ExportNotes): string {
  return (
    `# rows: ${notes.rows}; generalised period: ${notes.generalisedPeriod}; ` +
    `generalised age band: ${notes.generalisedAgeBand}; withheld: ${notes.withheld}; ` +
    `threshold: ${notes.threshold}; ${WINDOW_RULE}\n`
  );
}

function exportFileName(
  query: Pick<StatsExportQuery, 'from' | 'to' | 'preset'>,
  format: ExportFormat,
) {
  const preset = query.preset === 'ontario_rtd' ? '-rtd' : '';
  return `fourfold-statistics-${query.from}-${query.to}${preset}.${format}`;
}

const tableSubject = (table: Pick<TableRow, 'id' | 'requires_second_factor'>): TableSubject => ({
  kind: 'table',
  tableId: table.id,
  requiresSecondFactor: table.requires_second_factor,
});

/** Code → English label, from the code lists (retired codes included: old rows keep labels). */
function codeLabelsOf(taxonomy: Taxonomy): CodeLabels {
  const map = new Map<string, string>();
  const add = (list: CodeListName, entries: readonly { code: string; label: { en: string } }[]) =>
    entries.forEach((entry) => map.set(`${list}:${entry.code}`, entry.label.en));
  add('situation_type', taxonomy.situationTypes);
  add('age_band', taxonomy.ageBands);
  add('gender', taxonomy.genders);
  add('risk_category', taxonomy.riskCategories);
  add(
    'risk_factor',
    taxonomy.riskCategories.flatMap((category) => category.factors),
  );
  add('protective_factor', taxonomy.protectiveFactors);
  add('study_flag', taxonomy.studyFlags);
  add('rejection_reason', taxonomy.rejectionReasons);
  add('conclusion_reason', taxonomy.conclusionReasons);
  add('sector', taxonomy.sectors);
  return (list, code) => map.get(`${list}:${code}`) ?? code;
}

/**
 * The rows read together by default: whole published classes, added until a batch holds at least
 * this many. A batch is a few MB of objects; the largest class (one month, type, band and gender)
 * is seldom more than a few hundred rows.
 */
const BATCH_ROWS = 5_000;

/** The classes of a table-year published with the same quasi-identifiers, and their rows. */
type PublishedClass = {
  /** The published period, type, age band and gender, joined: the file's order. */
  key: string;
  level: Level;
  period: string;
  ageBand: string;
  /** The classes of the table-year published as this one. */
  sources: QuasiClass[];
  /** Their rows when they were counted. */
  rows: number;
};

/**
 * How a table-year is published, from its classes' counts: the published classes that fall in
 * the window, in the file's order, and the rows withheld (counted against the whole year, the
 * least they could have been published as, so the notes never tell which month one belongs to).
 */
function planTableYear(
  classes: readonly QuasiClass[],
  window: { from: string; to: string },
  threshold: number,
): { published: PublishedClass[]; withheld: number } {
  const placements = generaliseClasses(classes, threshold);
  const published = new Map<string, PublishedClass>();
  let withheld = 0;
  placements.forEach((placement, index) => {
    const source = classes[index]!;
    if (placement.withheld) {
      withheld += source.count;
      return;
    }
    if (!periodOverlaps(placement.period, window.from, window.to)) return;
    const key = keyOf(placement.period, source.situationType, placement.ageBand, source.gender);
    const entry = published.get(key);
    if (entry) {
      entry.sources.push(source);
      entry.rows += source.count;
      return;
    }
    published.set(key, {
      key,
      level: placement.level,
      period: placement.period,
      ageBand: placement.ageBand,
      sources: [source],
      rows: source.count,
    });
  });
  const ordered = [...published.values()].sort((a, b) =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
  );
  return { published: ordered, withheld };
}

/** Consecutive published classes, whole, of at least `batchRows` rows together (the last fewer). */
function* batchesOf(
  published: readonly PublishedClass[],
  batchRows: number,
): Generator<PublishedClass[]> {
  let batch: PublishedClass[] = [];
  let rows = 0;
  for (const entry of published) {
    batch.push(entry);
    rows += entry.rows;
    if (rows >= batchRows) {
      yield batch;
      batch = [];
      rows = 0;
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * The rows of a batch's published classes, as published, counted in `notes`. The classes were
 * counted by an earlier statement: a fact that changed since (a situation's write refreshes its
 * fact) may have left a class, joined one, or been sent already under its former class. So a class
 * is published only with exactly the rows it was decided on, none of them sent before in this
 * table-year (`sent`, the situations' ids); otherwise it is withheld whole, and every published
 * class still has at least the threshold of distinct situations.
 */
function publishBatch(
  tableName: string,
  batch: readonly PublishedClass[],
  facts: readonly FactRow[],
  sent: Set<string>,
  notes: ExportNotes,
): PublishedFact[] {
  const classOfSource = new Map<string, PublishedClass>();
  for (const entry of batch) {
    for (const source of entry.sources) {
      classOfSource.set(
        keyOf(source.month, source.situationType, source.ageBand, source.gender),
        entry,
      );
    }
  }
  const rowsOf = new Map<PublishedClass, FactRow[]>(batch.map((entry) => [entry, []]));
  for (const fact of facts) {
    const entry = classOfSource.get(
      keyOf(fact.month, fact.situation_type, fact.age_band, fact.gender),
    );
    if (entry && !sent.has(fact.situation_id)) rowsOf.get(entry)!.push(fact);
  }
  const published: PublishedFact[] = [];
  for (const [entry, rows] of rowsOf) {
    if (rows.length !== entry.rows) {
      notes.withheld += rows.length;
      continue;
    }
    for (const fact of rows) {
      sent.add(fact.situation_id);
      published.push({ tableName, period: entry.period, ageBand: entry.ageBand, fact });
      notes.rows += 1;
      if (entry.level !== 'month') notes.generalisedPeriod += 1;
      if (entry.level === 'year_wide_band' && entry.ageBand !== fact.age_band) {
        notes.generalisedAgeBand += 1;
      }
    }
  }
  return published;
}

export function createExportsService(deps: {
  /** The primary: the audit events are written here. */
  db: Kysely<DB>;
  /** Where the facts are read (a read replica when configured); the primary otherwise. */
  readDb?: Kysely<DB>;
  threshold: number;
  /** Rows read together (`BATCH_ROWS` by default); tests make it small to see many batches. */
  batchRows?: number;
}) {
  const { db, threshold } = deps;
  const batchRows = deps.batchRows ?? BATCH_ROWS;
  const readDb = deps.readDb ?? db;

  /**
   * The tables to export: those named (each one the person may export, else 404 as if missing),
   * or every table where they may. Refusals the person may be told (second factor) keep their 403.
   */
  async function exportableTables(actor: Actor, tableIds: readonly string[]): Promise<TableRow[]> {
    if (tableIds.length === 0) {
      const tables = await findTables(db, tablesWhere(actor, 'statistics.export'));
      const allowed = tables.filter((table) =>
        can(actor, 'statistics.export', tableSubject(table)),
      );
      if (allowed.length > 0) return allowed;
      const first = tables[0];
      if (first) authorize(actor, 'statistics.export', tableSubject(first));
      throw new AccessDeniedError('statistics.export', 'hidden', {});
    }
    const tables = await findTables(db, tableIds);
    const byId = new Map(tables.map((table) => [table.id, table]));
    for (const tableId of new Set(tableIds)) {
      const table = byId.get(tableId);
      const decision = table
        ? decide(actor, 'statistics.export', tableSubject(table))
        : ({ allowed: false, reason: 'hidden' } as const);
      if (decision.allowed) continue;
      // A member whose role exports nothing here is told the same as a stranger: no such table.
      const reason = decision.reason === 'not_permitted' ? 'hidden' : decision.reason;
      throw new AccessDeniedError('statistics.export', reason, { tableId });
    }
    return tables;
  }

  return {
    async open(
      actor: Actor,
      query: StatsExportQuery,
      format: ExportFormat,
      ctx: RequestContext,
    ): Promise<ExportDownload> {
      const tables = await exportableTables(actor, query.tableId);

      // The record of the export commits before anything is read or sent: an export that cannot
      // be recorded does not happen (503), and one that was recorded may still fail to finish.
      await db.transaction().execute(async (trx) => {
        for (const table of tables) {
          await recordAudit(trx, {
            action: 'statistics.export',
            dataCategory: 'statistics',
            outcome: 'allowed',
            userId: actor.userId,
            agencyId: actor.agencyId,
            role: roleOn(actor, table.id),
            tableId: table.id,
            requestId: ctx.requestId,
          });
        }
      });

      const labels =
        query.preset === 'ontario_rtd' ? codeLabelsOf(await getTaxonomy(readDb)) : () => '';
      const rows = streamRows(readDb, tables, query, threshold, batchRows);
      // Reads the first batch now, so a database that fails at once answers 503. Handed on and
      // then let go: the closure would otherwise hold its rows until the download ends.
      let first: IteratorResult<PublishedFact[]> | undefined = await rows.batches.next();
      const batches = (async function* () {
        const head = first;
        first = undefined;
        if (head && !head.done) yield head.value;
        yield* rows.batches;
      })();
      const body =
        format === 'csv'
          ? csvBody(batches, rows.notes, query.preset, labels)
          : jsonBody(batches, rows.notes, query.preset, labels);
      return {
        fileName: exportFileName(query, format),
        contentType:
          format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
        body,
      };
    },
  };
}

/** The published rows, batch by table-year, and the notes they fill in as they go. */
function streamRows(
  db: Kysely<DB>,
  tables: readonly TableRow[],
  query: StatsExportQuery,
  threshold: number,
  batchRows: number,
) {
  const notes: ExportNotes = {
    rows: 0,
    generalisedPeriod: 0,
    generalisedAgeBand: 0,
    withheld: 0,
    threshold,
  };
  const names = new Map(tables.map((table) => [table.id, table.name]));
  const tableIds = tables.map((table) => table.id);
  const fromYear = Number(query.from.slice(0, 4));
  const toYear = Number(query.to.slice(0, 4));
  async function* batches(): AsyncGenerator<PublishedFact[]> {
    let after: TableYear | null = null;
    for (;;) {
      const tableYear = await nextTableYear(db, tableIds, fromYear, toYear, after);
      if (!tableYear) return;
      const tableName = names.get(tableYear.tableId) ?? '';
      const plan = planTableYear(await classesOfTableYear(db, tableYear), query, threshold);
      notes.withheld += plan.withheld;
      const sent = new Set<string>();
      for (const batch of batchesOf(plan.published, batchRows)) {
        const facts = await factsOfClasses(
          db,
          tableYear,
          batch.flatMap((entry) => entry.sources),
        );
        yield sortPublished(publishBatch(tableName, batch, facts, sent, notes));
      }
      after = tableYear;
    }
  }
  return { notes, batches: batches() };
}

/**
 * Rows by period, type, band and gender, and within a class by their published content only: an
 * order that followed anything else (the true month of a year class, an id) would tell it. A
 * batch holds whole classes, in this order, so sorting each batch sorts the file.
 */
function sortPublished(rows: PublishedFact[]): PublishedFact[] {
  const keyed = rows.map((row) => ({
    row,
    key: [
      row.period,
      row.fact.situation_type,
      row.ageBand,
      row.fact.gender,
      JSON.stringify(exportRowOf(row)),
    ].join('\u001f'),
  }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map(({ row }) => row);
}

function csvBody(
  batches: AsyncIterable<PublishedFact[]>,
  notes: ExportNotes,
  preset: ExportPreset,
  labels: CodeLabels,
): Readable {
  const shape = presetShape(preset, labels);
  const records = Readable.from(
    (async function* () {
      for await (const batch of batches) {
        for (const published of batch) {
          const row = shape.row(published);
          yield shape.columns.map((column) => csvField(row[column] ?? null));
        }
      }
    })(),
  );
  const csv = stringify({
    header: true,
    columns: [...shape.columns],
    // A field starting with # is quoted, so no row can pass for the final comment line.
    quoted_match: /^#/,
    record_delimiter: '\n',
  });
  const trailer = new Transform({
    transform(chunk, _encoding, callback) {
      callback(null, chunk);
    },
    flush(callback) {
      callback(null, notesLine(notes));
    },
  });
  // pipeline destroys every stream on a failure, so the reply is cut short, never completed.
  pipeline(records, csv, trailer, () => {});
  return trailer;
}

function jsonBody(
  batches: AsyncIterable<PublishedFact[]>,
  notes: ExportNotes,
  preset: ExportPreset,
  labels: CodeLabels,
): Readable {
  const shape = presetShape(preset, labels);
  return Readable.from(
    (async function* () {
      yield '{"rows":[';
      let first = true;
      for await (const batch of batches) {
        if (batch.length === 0) continue;
        const text = batch.map((published) => JSON.stringify(shape.row(published))).join(',');
        yield first ? text : `,${text}`;
        first = false;
      }
      yield `],"notes":${JSON.stringify(notes)}}`;
    })(),
    { objectMode: false },
  );
}
