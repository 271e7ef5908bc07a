/**
 * The test API of the browser tests: `test` gives each test a fresh Chromium profile (so nothing,
 * not even the language choice, leaks between tests) and a `page` on the server that the global
 * setup started. Debian's Chromium is used; no browser is ever downloaded.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { test as base, inject } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS_DIR = fileURLToPath(new URL('../artifacts/', import.meta.url));
/** The WCAG 2.1 A and AA rules: what Ontario's accessibility standard (AODA) asks of the web. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Problems the page reported itself: uncaught exceptions and Content-Security-Policy refusals. */
const pageProblems = new WeakMap<Page, string[]>();

/** The two sizes every screen is tested at: a desktop, and a phone (360 CSS pixels wide). */
export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 360, height: 740 } as const;
export type Viewport = { width: number; height: number };

export const test = base
  // The browser's language, as Accept-Language and navigator.languages; override per suite.
  .extend('locale', 'en-CA')
  // The window size; `test.override('viewport', PHONE)` in a describe block tests at phone size.
  .extend('viewport', DESKTOP as Viewport)
  // One Chromium for the whole run (the worker), and a new context per test: a context is a
  // fresh, isolated profile (cookies, storage, cache), so nothing leaks between tests, without
  // paying for a browser start each time. Tests that need a second person open another context
  // on `browser`.
  // eslint-disable-next-line no-empty-pattern -- a worker fixture that needs no other fixture
  .extend('browser', { scope: 'worker' }, async ({}, { onCleanup }): Promise<Browser> => {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    onCleanup(async () => {
      await browser.close();
    });
    return browser;
  })
  .extend(
    'browserContext',
    async ({ browser, locale, viewport }, { onCleanup }): Promise<BrowserContext> => {
      const context = await browser.newContext({
        baseURL: inject('baseUrl'),
        locale,
        viewport,
        // Phones report touch; the layout must not depend on hover either way.
        hasTouch: viewport.width < 600,
      });
      onCleanup(async () => {
        await context.close();
      });
      return context;
    },
  )
  .extend('page', async ({ browserContext, task }, { onCleanup }): Promise<Page> => {
    const page = browserContext.pages()[0] ?? (await browserContext.newPage());
    const problems: string[] = [];
    pageProblems.set(page, problems);
    page.on('pageerror', (error) => problems.push(`Uncaught exception: ${error.message}`));
    page.on('console', (message) => {
      const text = message.text();
      if (/Content[- ]Security[- ]Policy|Refused to (load|apply|execute)/i.test(text)) {
        problems.push(`CSP: ${text}`);
      }
    });
    // Registered before the context's cleanup, so it runs first, while the browser is still open.
    onCleanup(async () => {
      if (task.result?.state !== 'fail') return;
      await mkdir(ARTIFACTS_DIR, { recursive: true });
      const name = task.fullName.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
      await page
        .screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), fullPage: true })
        .catch(() => undefined);
    });
    return page;
  });

/** Opens a path of the app, waits for it to render, and checks it with axe. */
export async function visit(page: Page, pathname: string): Promise<void> {
  await page.goto(pathname);
  await expectRenderedAndAccessible(page);
}

/** Reloads the page, and checks it as `visit` does. */
export async function reload(page: Page): Promise<void> {
  await page.reload();
  await expectRenderedAndAccessible(page);
}

/**
 * Checks the page as it is now: rendered (its h1 shown), no page errors or CSP refusals, and no
 * serious or critical WCAG 2.1 AA violation. Call it again after anything that changes the page.
 */
export async function expectRenderedAndAccessible(page: Page): Promise<void> {
  await page.locator('main h1').waitFor();
  expectNoPageProblems(page);
  await expectNoHorizontalOverflow(page);
  const results = await runAxe(page);
  const violations = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  if (violations.length > 0) {
    const report = violations
      .map(
        (violation) =>
          `- ${violation.id} (${violation.impact}): ${violation.help}\n` +
          violation.nodes.map((node) => `    at ${node.target.join(' ')}`).join('\n'),
      )
      .join('\n');
    throw new Error(`Accessibility violations on ${page.url()}:\n${report}`);
  }
}

/** The page's window once axe-core is in it. */
type WindowWithAxe = Window & { axe?: typeof axe };

/**
 * Runs axe-core in the page, WCAG 2.1 A and AA rules, violations only. axe is put into a document
 * once and stays there across the app's own navigations (they keep the document), so that a check
 * after a click costs only the analysis. @axe-core/playwright evaluated axe's source (1.5 MB)
 * twice for every check: about 350 ms of the 590 each took on this machine, and the whole browser
 * suite went from 773 s to 582 s without it. The app has no frames: the main frame is the page.
 */
async function runAxe(page: Page): Promise<axe.AxeResults> {
  const present = await page.evaluate(() => (window as WindowWithAxe).axe !== undefined);
  if (!present) await page.evaluate(axe.source);
  return page.evaluate(
    (tags) =>
      (window as WindowWithAxe).axe!.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    WCAG_TAGS,
  );
}

/**
 * Fails when the page scrolls sideways: nothing may stick out of the viewport at any size (a wide
 * table scrolls inside its own container, never the page). Names the widest offenders.
 */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return null;
    const offenders = [...document.querySelectorAll('body *')]
      .filter((element) => {
        const box = element.getBoundingClientRect();
        if (box.width === 0 || box.right <= width + 1) return false;
        // Inside a container that scrolls sideways on its own: that is allowed.
        for (let parent = element.parentElement; parent; parent = parent.parentElement) {
          const style = getComputedStyle(parent);
          if (/(auto|scroll|hidden|clip)/.test(style.overflowX)) {
            return parent.getBoundingClientRect().right > width + 1;
          }
        }
        return true;
      })
      .slice(0, 5)
      .map((element) => {
        const id = element.id ? `#${element.id}` : '';
        const classes = [...element.classList].map((name) => `.${name}`).join('');
        return `${element.tagName.toLowerCase()}${id}${classes} (right edge ${Math.round(element.getBoundingClientRect().right)} px)`;
      });
    return { width, scrollWidth: document.documentElement.scrollWidth, offenders };
  });
  if (overflow) {
    throw new Error(
      `The page scrolls sideways on ${page.url()}: ${overflow.scrollWidth} px of content in a ` +
        `${overflow.width} px window. Widest: ${overflow.offenders.join(', ') || 'unknown'}`,
    );
  }
}

export function expectNoPageProblems(page: Page): void {
  const problems = pageProblems.get(page) ?? [];
  if (problems.length > 0) {
    throw new Error(`The page reported problems on ${page.url()}:\n- ${problems.join('\n- ')}`);
  }
}

/** A few facts about the focused element, read in the browser. */
export async function focusedElement(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement;
    return {
      tag: element?.tagName.toLowerCase() ?? '',
      id: element?.id ?? '',
      text: element?.textContent?.trim() ?? '',
      insideMain: Boolean(element && document.querySelector('main')?.contains(element)),
    };
  });
}
