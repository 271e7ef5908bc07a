/**
 * Statistics read only what cannot identify anyone. A static check of the module's source: no
 * file but the facts repository names a table other than the rollup, the de-identified facts, the
 * tables' names and the code lists; the facts repository (the one reader of the situation tables,
 * and of the view `situation_fact_fresh` that defines a fact) names no identity, summary, note or
 * reference column, nor does that view (migration 0024); no file imports the situations module.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const moduleDir = path.resolve(__dirname, '../../../src/modules/statistics');
const schemaFile = path.resolve(__dirname, '../../../src/db/schema.ts');
const factsViewFile = path.resolve(
  __dirname,
  '../../../../../migrations/0024_write_round_trips.sql',
);
/** The view that defines a fact over the situation tables: the facts repository's alone to read. */
const FACTS_VIEW = 'situation_fact_fresh';

/** The one file allowed to read the situation tables. */
const FACTS_READER = 'facts.repository.ts';
const ALLOWED = new Set([
  'situation_fact',
  'stats_cell',
  'stats_cell_total',
  'situation_table',
  'code',
  'agency',
]);
const FACTS_READER_ALLOWED = new Set([
  ...ALLOWED,
  'situation',
  'situation_code',
  'situation_assisting_agency',
  'situation_repeat',
  FACTS_VIEW,
]);
/** Columns and tables of identity, free text and people, which the facts must never read. */
const NEVER = [
  'situation_identity',
  'intervention_note',
  'situation_fingerprint',
  'summary',
  'sealed',
  'reference',
  'names_confirmed_digest',
  'created_by',
  'decided_by',
  'closed_by',
  'app_user',
  'date_of_birth',
];

const stripComments = (source: string) =>
  source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

async function tableNames(): Promise<string[]> {
  const schema = await readFile(schemaFile, 'utf8');
  const db = schema.slice(schema.indexOf('export interface DB {'));
  return [...db.slice(0, db.indexOf('}')).matchAll(/^\s+([a-z_]+):/gm)].map((m) => m[1]!);
}

/** The known tables a source names as a table: in Kysely calls or after FROM, JOIN, … in SQL. */
function tablesIn(source: string, known: readonly string[]): Set<string> {
  const code = stripComments(source);
  const found = new Set<string>();
  const patterns = [
    /\b(?:selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin)\(\s*'([a-z_]+)/g,
    /\b(?:from|join|into|update|table|exists)\s+([a-z_]+)\b/gi,
    /,\s*([a-z_]+)\s+in\s+share/gi,
  ];
  for (const pattern of patterns) {
    for (const match of code.matchAll(pattern)) {
      if (known.includes(match[1]!)) found.add(match[1]!);
    }
  }
  return found;
}

describe('the statistics module reads nothing that identifies', async () => {
  const files = (await readdir(moduleDir)).filter((f) => f.endsWith('.ts'));
  const known = [...(await tableNames()), FACTS_VIEW];

  it('finds the module and the schema', () => {
    expect(files).toContain(FACTS_READER);
    expect(files).toContain('statistics.repository.ts');
    expect(known).toEqual(
      expect.arrayContaining(['situation', 'situation_identity', 'stats_cell']),
    );
  });

  it.each(files)('%s names only the tables it may read', async (file) => {
    const source = await readFile(path.join(moduleDir, file), 'utf8');
    const allowed = file === FACTS_READER ? FACTS_READER_ALLOWED : ALLOWED;
    const named = [...tablesIn(source, known)];
    expect(named.filter((table) => !allowed.has(table))).toEqual([]);
    expect(source).not.toMatch(/from ['"]\.\.\/situations\//);
  });

  it('the facts repository names no identity, summary, note or reference', async () => {
    const code = stripComments(await readFile(path.join(moduleDir, FACTS_READER), 'utf8'));
    for (const word of NEVER) expect(code, word).not.toMatch(new RegExp(`\\b${word}\\b`));
    expect([...tablesIn(code, known)]).toEqual(expect.arrayContaining([FACTS_VIEW, 'situation']));
  });

  it('the view that defines a fact reads no identity, summary, note or reference', async () => {
    const migration = await readFile(factsViewFile, 'utf8');
    const start = migration.indexOf(`create view ${FACTS_VIEW} as`);
    expect(start).toBeGreaterThan(-1);
    const view = migration.slice(start, migration.indexOf(';', start)).replace(/--.*$/gm, '');
    for (const word of NEVER) expect(view, word).not.toMatch(new RegExp(`\\b${word}\\b`));
    const named = [...tablesIn(view, known)];
    expect(named.filter((table) => !FACTS_READER_ALLOWED.has(table))).toEqual([]);
    // It does read the situation tables (so the checks above mean something).
    expect(named).toEqual(expect.arrayContaining(['situation', 'situation_code']));
  });

  it('catches a file that reads identity', () => {
    const known2 = ['situation_identity', 'situation', 'stats_cell'];
    expect([...tablesIn("db.selectFrom('situation_identity')", known2)]).toEqual([
      'situation_identity',
    ]);
    expect([...tablesIn('sql`select 1 from situation s join stats_cell c`', known2)]).toEqual([
      'situation',
      'stats_cell',
    ]);
    expect([...tablesIn('// joins situation_identity in a comment', known2)]).toEqual([]);
  });
});
