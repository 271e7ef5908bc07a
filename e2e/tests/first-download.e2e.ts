/**
 * What a browser downloads, read from the build's manifest (apps/web/dist/.vite/manifest.json)
 * and checked against the requests Chromium makes (#12, point 5): the sign-in page fetches the
 * first download and nothing else, and a representative's home fetches no administration, audit
 * or statistics code (the charts library included) until such a page is opened. A home reopened
 * while signed in asks for all its data at once, none of it waiting for another answer, and
 * nothing on it moves as the answers arrive.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { reload, test, visit } from '../support/browser';
import { signInAs } from '../support/sign-in';

type Chunk = {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
};
const manifest = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../../apps/web/dist/.vite/manifest.json', import.meta.url)),
    'utf8',
  ),
) as Record<string, Chunk>;

/** The files a chunk needs before it runs: itself and its static imports, transitively. */
function staticClosure(keys: string[]): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visitChunk = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(key)) return;
    seen.add(key);
    files.add(chunk.file);
    chunk.imports?.forEach(visitChunk);
  };
  keys.forEach(visitChunk);
  return files;
}

const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry) ?? 'index.html';
const firstDownload = staticClosure([entryKey]);
const PRIVILEGED = /^src\/features\/(admin|audit|statistics)\//;
const dynamicKeys = Object.keys(manifest).filter((key) => key.startsWith('src/'));
const privilegedPages = dynamicKeys.filter((key) => PRIVILEGED.test(key));
// Files that only the administration, audit and statistics pages need.
const otherPages = staticClosure([entryKey, ...dynamicKeys.filter((key) => !PRIVILEGED.test(key))]);
const privilegedOnly = [...staticClosure(privilegedPages)].filter((file) => !otherPages.has(file));

/** The app's own scripts the page requested, as paths like `assets/index-….js`. */
function recordScripts(page: Page): string[] {
  const scripts: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/assets/') && pathname.endsWith('.js'))
      scripts.push(pathname.slice(1));
  });
  return scripts;
}

describe('the first download', () => {
  test('the sign-in page fetches the entry and its static imports, nothing more', async ({
    page,
  }) => {
    const scripts = recordScripts(page);
    await visit(page, '/sign-in');
    const expected = [...firstDownload].filter((file) => file.endsWith('.js'));
    expect(new Set(scripts)).toEqual(new Set(expected));
  });

  test('a representative’s home fetches no administration, audit or statistics code', async ({
    page,
  }) => {
    // The manifest does know such files: the check below is not vacuous.
    expect(privilegedOnly.length).toBeGreaterThan(0);
    expect(privilegedOnly.some((file) => file.includes('statistics-route'))).toBe(true);
    const scripts = recordScripts(page);
    await signInAs(page, 'police@riverside.demo');
    await page
      .getByRole('main')
      .getByRole('region', { name: 'Riverside Situation Table' })
      .waitFor();
    expect(scripts.filter((file) => privilegedOnly.includes(file))).toEqual([]);
  });

  test('a home reopened while signed in asks for its work, code lists and action items at once', async ({
    page,
  }) => {
    await signInAs(page, 'police@riverside.demo');
    await reload(page);
    await page
      .getByRole('main')
      .getByRole('region', { name: /open action items/i })
      .waitFor();
    // From the reloaded page's own resource timings: when each call was sent, when each answered.
    const calls = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((entry): entry is PerformanceResourceTiming => 'responseEnd' in entry)
        .map((entry) => ({
          path: new URL(entry.name).pathname,
          sent: entry.startTime,
          answered: entry.responseEnd,
        }))
        .filter((call) =>
          ['/api/me/work', '/api/taxonomy', '/api/action-items'].includes(call.path),
        ),
    );
    expect(new Set(calls.map((call) => call.path)).size).toBe(3);
    // The route's loader sends all three in one go: the action items no longer wait for the page
    // to render with the work, a round trip later.
    const firstAnswer = Math.min(...calls.map((call) => call.answered));
    for (const call of calls) expect(call.sent, call.path).toBeLessThanOrEqual(firstAnswer);
    // Answers that arrive in any order must not move what is already on screen: the action items
    // panel, answered first, was pushed down by the work (a layout shift of 0.12 in Lighthouse).
    const shifted = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          new PerformanceObserver((list) => {
            const entries = list.getEntries() as (PerformanceEntry & {
              value: number;
              hadRecentInput: boolean;
            })[];
            resolve(
              entries
                .filter((entry) => !entry.hadRecentInput)
                .reduce((sum, entry) => sum + entry.value, 0),
            );
          }).observe({ type: 'layout-shift', buffered: true });
          // No entry at all: nothing moved.
          setTimeout(() => resolve(0), 1000);
        }),
    );
    expect(shifted).toBeLessThan(0.01);
  });
});
