/**
 * The k-anonymous record-level exports (CSV and JSON): who may export which tables, the audit
 * event written before any byte leaves, and the streamed rows, one table and calendar year at a
 * time (memory bounded by the largest table-year, never the whole export).
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
import { generaliseTableYear, periodOverlaps } from './export-generalisation';
import {
  csvField,
  exportRowOf,
  presetShape,
  type CodeLabels,
  type PublishedFact,
} from './export-presets';
import {
  factsOfTableYear,
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

/** The published rows of one table-year that fall in the window; counts them in `notes`. */
function publishTableYear(
  tableName: string,
  facts: readonly FactRow[],
  window: { from: string; to: string },
  threshold: number,
  notes: ExportNotes,
): PublishedFact[] {
  const placements = generaliseTableYear(
    facts.map((fact) => ({
      month: fact.month,
      situationType: fact.situation_type,
      ageBand: fact.age_band,
      gender: fact.gender,
    })),
    threshold,
  );
  const published: PublishedFact[] = [];
  placements.forEach((placement, index) => {
    // A withheld row counts against its whole year, the least it could have been published as,
    // so the notes never tell which month a withheld row belongs to.
    if (placement.withheld) {
      notes.withheld += 1;
      return;
    }
    if (!periodOverlaps(placement.period, window.from, window.to)) return;
    const fact = facts[index]!;
    published.push({ tableName, period: placement.period, ageBand: placement.ageBand, fact });
    notes.rows += 1;
    if (placement.level !== 'month') notes.generalisedPeriod += 1;
    if (placement.level === 'year_wide_band' && placement.ageBand !== fact.age_band) {
      notes.generalisedAgeBand += 1;
    }
  });
  return published;
}

export function createExportsService(deps: {
  /** The primary: the audit events are written here. */
  db: Kysely<DB>;
  /** Where the facts are read (a read replica when configured); the primary otherwise. */
  readDb?: Kysely<DB>;
  threshold: number;
}) {
  const { db, threshold } = deps;
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
      const rows = streamRows(readDb, tables, query, threshold);
      // Reads the first table-year now, so a database that fails at once answers 503.
      const first = await rows.batches.next();
      const batches = (async function* () {
        if (!first.done) yield first.value;
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
      const facts = await factsOfTableYear(db, tableYear);
      const published = publishTableYear(
        names.get(tableYear.tableId) ?? '',
        facts,
        query,
        threshold,
        notes,
      );
      yield sortPublished(published);
      after = tableYear;
    }
  }
  return { notes, batches: batches() };
}

/**
 * Rows by period, type, band and gender, and within a class by their published content only: an
 * order that followed anything else (the true month of a year class, an id) would tell it.
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
