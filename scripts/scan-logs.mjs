// Fails when a log line carries a personal value of the demo or of the tests (#12, point 8): CI
// runs the API and browser suites with their real logs at info level written to files
// (FOURFOLD_TEST_LOG_FILE), then `node scripts/scan-logs.mjs <file>...`. The values are read from
// the source that writes them (the demo data, the API tests and the browser tests), not from a
// list kept here, so a new test person is scanned for without anyone remembering to add it. The
// report names files, line numbers and which kind of value matched, never the value itself.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where the demo's and the tests' people are written. */
const sources = ['apps/api/src/db', 'apps/api/test', 'e2e/support', 'e2e/tests'];

function* typescriptFiles(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) yield* typescriptFiles(file);
    else if (/\.(ts|tsx|mjs)$/.test(name)) yield file;
  }
}

// A quoted literal with no interpolation: '…', "…" or `…` without ${.
const literal = String.raw`('([^'\\\n]*)'|"([^"\\\n]*)"|\x60([^\x60$\\\n]*)\x60)`;
const valueOf = (match, first) => match[first] ?? match[first + 1] ?? match[first + 2];

/**
 * Kinds of value, each found by the property (or constant) it is assigned to, or by its shape
 * wherever it is quoted (phone and health card numbers typed into free text).
 */
const byKey = [
  ['name', /^(givenName|familyName|displayName|GIVEN|FAMILY)$/],
  ['date of birth', /^(dateOfBirth|DATE_OF_BIRTH)$/],
  ['address', /^(address|ADDRESS)$/],
  ['identity note', /^(notes|NOTE_TEXT)$/],
];
const assignment = new RegExp(String.raw`\b(\w+)\s*[:=]\s*` + literal, 'g');
const byShape = [
  ['phone number', /(?<!\d)(?:\(\d{3}\) ?|\d{3}[-. ])\d{3}[-. ]\d{4}(?!\d)/g],
  ['health card number', /(?<!\d)\d{4}[- ]\d{3}[- ]\d{3}(?: ?[A-Z]{2})?(?!\d)/g],
  ['email address', /[\w.+-]+@[\w-]+\.demo\b/g],
];
// The demo's people are listed as [local part, display name, agency] for each representative.
const demoTuple = new RegExp(String.raw`\[\s*'([a-z]+)',\s*'([A-Z][a-z]+ [A-Z][a-z]+)',`, 'g');

/**
 * Printed on purpose: on a demo start-up, server.ts names the administrator account to sign in
 * with ("demo data loaded: sign in as …"), the README's own instruction, not a person's address.
 */
const publicOnPurpose = new Set(['admin@fourfold.demo']);

/**
 * Values too short or too common to mean a person (a test's 'A' or 'Same'): a line containing
 * one says nothing.
 */
const meaningful = (value) => value.trim().length >= 4 && !/^(true|false|null)$/i.test(value);

/** Every personal value of the demo and the tests, with its kind. */
export function personalValues(base = root) {
  const values = new Map();
  const add = (kind, value) => {
    const trimmed = value.trim();
    // An address is a street's, not a network's (a test's remote 192.0.2.77).
    if (kind === 'address' && !/[a-z]/i.test(trimmed)) return;
    if (publicOnPurpose.has(trimmed)) return;
    if (meaningful(trimmed) && !values.has(trimmed)) values.set(trimmed, kind);
  };
  for (const dir of sources) {
    for (const file of typescriptFiles(path.join(base, dir))) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(assignment)) {
        const kind = byKey.find(([, key]) => key.test(match[1]));
        if (kind) add(kind[0], valueOf(match, 3));
      }
      for (const match of text.matchAll(new RegExp(literal, 'g'))) {
        const quoted = valueOf(match, 2);
        for (const [kind, shape] of byShape) {
          for (const found of quoted.matchAll(shape)) add(kind, found[0]);
        }
      }
      for (const match of text.matchAll(demoTuple)) {
        add('name', match[2]);
        add('email address', `${match[1]}@riverside.demo`);
      }
    }
  }
  return values;
}

/** The lines of `text` that contain one of `values`: line number and kinds, never the value. */
export function findLeaks(text, values) {
  const leaks = [];
  text.split('\n').forEach((line, index) => {
    const kinds = new Set();
    for (const [value, kind] of values) if (line.includes(value)) kinds.add(kind);
    if (kinds.size > 0) leaks.push({ line: index + 1, kinds: [...kinds].sort() });
  });
  return leaks;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('usage: node scripts/scan-logs.mjs <log file>...');
    process.exit(2);
  }
  const values = personalValues();
  let failed = false;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n').filter(Boolean).length;
    // An empty log proves nothing: the suites did not write to it.
    if (lines === 0) {
      console.error(`${file}: no log lines (was FOURFOLD_TEST_LOG_FILE set for the run?)`);
      failed = true;
      continue;
    }
    const leaks = findLeaks(text, values);
    for (const leak of leaks) console.error(`${file}:${leak.line}: ${leak.kinds.join(', ')}`);
    console.log(
      `${file}: ${lines} lines scanned for ${values.size} values, ${leaks.length} leaking`,
    );
    if (leaks.length > 0) failed = true;
  }
  process.exit(failed ? 1 : 0);
}
