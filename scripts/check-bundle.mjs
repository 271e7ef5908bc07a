// `pnpm check:bundle [distDir] [budgetBytes]`: the web app's first download, held to a budget
// (#12, point 5). Reads the
// manifest Vite writes at build (apps/web/dist/.vite/manifest.json), follows the entry's static
// imports (what the browser must fetch before the first page shows; dynamic imports load later,
// when a page is opened), and sums the gzip size of their JavaScript and CSS. Fails above the
// JavaScript budget, printing every file so that the cause is in the log.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * What #12 asks of signing in: at most 150 KB of gzip JavaScript, counted in thousands of bytes.
 * The build holds it (148.8 KB): about 125 KB is the libraries every page runs (React DOM 68 KB,
 * React Router 31, i18next and react-i18next 18, TanStack Query 11), the rest the app's frame and
 * the sign-in form. zod is not among them: the first page's code imports only the zod-free shared
 * modules (error codes, the access policy, the state machine, the actor), and the schemas that
 * check its answers load with the first answer (`lazySchema` in apps/web/src/lib/api-client.ts);
 * see ARCHITECTURE.md, "The web app".
 */
export const JS_BUDGET_BYTES = 150_000;

/**
 * The files the entry needs at load, JavaScript and CSS, in the order they are reached.
 * `manifest` is Vite's manifest object; a chunk reached twice is counted once.
 */
export function initialFiles(manifest) {
  const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
  if (entries.length !== 1) {
    throw new Error(`Expected one entry in the manifest, found ${entries.length}`);
  }
  const seen = new Set();
  const files = [];
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`The manifest has no chunk ${key}`);
    files.push(chunk.file);
    for (const css of chunk.css ?? []) if (!files.includes(css)) files.push(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entries[0][0]);
  return files;
}

/**
 * Measures the initial files of the build in `distDir` (gzip at the highest level, as the build's
 * own .gz copies are made) and compares the JavaScript with `budgetBytes`.
 */
export function checkBundle(distDir, budgetBytes = JS_BUDGET_BYTES) {
  const manifest = JSON.parse(readFileSync(path.join(distDir, '.vite/manifest.json'), 'utf8'));
  const files = initialFiles(manifest).map((file) => {
    const content = readFileSync(path.join(distDir, file));
    return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  });
  const total = (extension) =>
    files.filter(({ file }) => file.endsWith(extension)).reduce((sum, f) => sum + f.gzipBytes, 0);
  const jsGzipBytes = total('.js');
  return {
    files,
    jsGzipBytes,
    cssGzipBytes: total('.css'),
    budgetBytes,
    withinBudget: jsGzipBytes <= budgetBytes,
  };
}

/** The report as printed: one line per file, then the totals against the budget. */
export function formatReport(result) {
  const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`.padStart(9);
  return [
    'Initial download of the web app (entry and its static imports), gzip:',
    ...result.files.map(({ file, gzipBytes }) => `${kb(gzipBytes)}  ${file}`),
    `${kb(result.jsGzipBytes)}  JavaScript (budget ${kb(result.budgetBytes).trim()})`,
    `${kb(result.cssGzipBytes)}  CSS`,
    result.withinBudget
      ? 'Within budget.'
      : `Over budget by ${kb(result.jsGzipBytes - result.budgetBytes).trim()}: move code behind a lazy route or import.`,
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const distDir = process.argv[2] ?? fileURLToPath(new URL('../apps/web/dist/', import.meta.url));
  const budgetArgument = process.argv[3];
  const result = checkBundle(distDir, budgetArgument ? Number(budgetArgument) : JS_BUDGET_BYTES);
  console.log(formatReport(result));
  if (!result.withinBudget) process.exitCode = 1;
}
