/**
 * The statistics dashboard, as the people who use it:
 *
 * - the analyst (English, 1280 px) lands on it on signing in (it is their home), widens the period to this
 *   month and shows it by quarter (the address follows, a reload keeps it, Back undoes it), reads
 *   the charts' data tables, downloads the CSV, then reads it at 360 px and in French;
 * - the chair (French, 360 px) opens it from the navigation, changes period and interval, reloads,
 *   downloads the CSV, then reads it in English at 1280 px;
 * - a representative sees no statistics link, and /statistics tells them it is not available.
 *
 * axe runs on every state (zero serious or critical violations), the page must report no console
 * error and no Content-Security-Policy refusal (the charts' library must not inject styles), and at
 * 360 px the page must not scroll sideways (wide tables and heat maps scroll in their own box).
 *
 * The counts: the demo data may come without history. Then ten situations are walked through the
 * API (created by the police representative, accepted, assigned, contacted and closed by the
 * chair — so they sit on no agenda and in no other test's way), decided this month, so that the
 * charts have published counts and suppressed ones to show.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import {
  expectNoHorizontalOverflow,
  expectRenderedAndAccessible,
  reload,
  test,
  visit,
} from '../support/browser';
import { api, apiLogin, type ApiSession } from '../support/api';
import { signInAs } from '../support/sign-in';
import { openSiteMenu } from '../support/site-menu';

const SLOW = 360_000;
const CHART_TITLES = {
  en: [
    'Situations discussed',
    'Most frequent risk categories',
    'Most frequent risk factors',
    'Risk categories by age band',
    'Risk categories found together',
    'How interventions ended',
    'Time to first contact',
  ],
  fr: [
    'Situations discutées',
    'Catégories de risque les plus fréquentes',
    'Facteurs de risque les plus fréquents',
    'Catégories de risque par tranche d’âge',
    'Catégories de risque présentes ensemble',
    'Issue des interventions',
    'Délai du premier contact',
  ],
};

const now = new Date();
const thisYear = now.getFullYear();
const thisMonth = now.getMonth() + 1;
const yearMonth = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;
const THIS_MONTH = yearMonth(thisYear, thisMonth);
/** Twelve months before this one: the window the tests choose is 13 months ending this month. */
const A_YEAR_AGO = yearMonth(thisYear - 1, thisMonth);

// Seeding through the API -------------------------------------------------------------------------

let seeded: Promise<void> | null = null;

/** Ten closed situations decided this month, unless the demo already has a history to show. */
function ensureCounts(): Promise<void> {
  seeded ??= (async () => {
    const chair = await apiLogin('chair@riverside.demo');
    const summary = (
      await api(chair.accessToken, 'GET', `/stats/summary?from=${A_YEAR_AGO}&to=${THIS_MONTH}`)
    ).json as { breakdowns: { dimension: string; rows: { total: number | string }[] }[] };
    const discussions = summary.breakdowns.find((b) => b.dimension === 'discussions');
    // A history (tens of discussions) draws every chart; the demo's few recent ones do not.
    const total = discussions?.rows[0]?.total;
    if (typeof total === 'number' && total >= 30) return;

    const police = await apiLogin('police@riverside.demo');
    const tableId = chair.me.memberships[0]!.table.id;
    const policeAgency = police.me.agency!.id;
    for (let i = 0; i < 10; i++) {
      // Eight alike (published counts) and two that differ (small cells, suppressed).
      const alike = i < 8;
      const created = await api(police.accessToken, 'POST', `/tables/${tableId}/situations`, {
        situationType: 'individual',
        ageBand: alike ? '18_24' : '12_15',
        gender: 'female',
        riskFactors: alike
          ? ['alcohol.abuse', 'antisocial.threats']
          : ['alcohol.abuse', 'drugs.use', 'housing.homeless'],
        protectiveFactors: [],
        studyFlags: [],
        summary: 'Young person making escalating threats at home.',
        filter1: {
          agencyExhaustedOptions: true,
          significantInterest: true,
          probabilityOfHarm: true,
          severityOfHarm: true,
          multipleAgenciesNeeded: true,
        },
      });
      const id = (created.json as { id: string }).id;
      let etag = created.etag;
      const step = async (session: ApiSession, path: string, body?: unknown) => {
        etag = (await api(session.accessToken, 'POST', `/situations/${id}${path}`, body, etag))
          .etag;
      };
      await step(police, '/submit');
      await step(chair, '/decision', { outcome: 'accepted', agenciesPresent: [policeAgency] });
      await step(chair, '/assignment', { leadAgencyId: policeAgency, assistingAgencyIds: [] });
      await step(police, '/contact', { at: new Date().toISOString(), outcome: 'engaged' });
      await step(chair, '/close', { conclusion: 'lowered_connected' });
    }
  })();
  return seeded;
}

// Checks ------------------------------------------------------------------------------------------

/** Console errors from now on (after sign-in, whose first refresh is refused by design). */
function watchConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

/** The page has finished loading: no loading or updating status left. */
async function settled(page: Page) {
  await page.locator('main .stats-page__scope').filter({ hasNotText: /…/ }).waitFor();
}

async function check(page: Page, errors: string[]) {
  await settled(page);
  await expectRenderedAndAccessible(page);
  expect(errors).toEqual([]);
}

/** Every chart is drawn (an image with a spoken summary) and its data table opens. */
async function expectChartsAndTables(page: Page, language: 'en' | 'fr') {
  const main = page.locator('main');
  for (const title of CHART_TITLES[language]) {
    const figure = main.locator('section.stats-figure', {
      has: page.getByRole('heading', { name: title, exact: true }),
    });
    await figure.waitFor();
    // The chart is one image with a spoken summary (recharts' legend icons inside it are
    // images too, presentational there).
    const chart = figure.locator('.stats-figure__chart');
    expect(await chart.getAttribute('role')).toBe('img');
    expect(await chart.getAttribute('aria-label')).toBeTruthy();
    // Drawn: an SVG with marks in it.
    expect(await chart.locator('svg rect, svg path').count()).toBeGreaterThan(0);
    // "Show the data" opens the table; it stays open across a change of language or width.
    if (!(await figure.locator('details').evaluate((el) => (el as HTMLDetailsElement).open))) {
      await figure.getByText(language === 'en' ? 'Show the data' : 'Afficher les données').click();
    }
    const table = figure.getByRole('table');
    await table.waitFor();
    expect(await table.locator('caption').textContent()).toBeTruthy();
    expect(await table.locator('th[scope="col"]').count()).toBeGreaterThan(0);
  }
  // A suppressed count reads as the word, never as an empty cell or a zero standing in for it.
  const cells = await main.locator('table.stats-table td').allTextContents();
  expect(cells.length).toBeGreaterThan(0);
  for (const cell of cells) expect(cell.trim()).not.toBe('');
}

async function choosePeriod(
  page: Page,
  language: 'en' | 'fr',
  window: { from: string; to: string; interval: 'month' | 'quarter' },
) {
  const words =
    language === 'en'
      ? { from: 'From', to: 'To', month: 'Month', year: 'Year', by: 'Show by', show: 'Show' }
      : { from: 'De', to: 'À', month: 'Mois', year: 'Année', by: 'Afficher par', show: 'Afficher' };
  const form = page.locator('main form');
  for (const [which, value] of [
    [words.from, window.from],
    [words.to, window.to],
  ] as const) {
    const group = form.getByRole('group', { name: which, exact: true });
    const [year, month] = value.split('-');
    await group.getByLabel(words.year, { exact: true }).selectOption(String(Number(year)));
    await group.getByLabel(words.month, { exact: true }).selectOption(String(Number(month)));
  }
  await form
    .getByLabel(words.by, { exact: true })
    .selectOption(window.interval === 'month' ? { index: 0 } : { index: 1 });
  await form.getByRole('button', { name: words.show, exact: true }).click();
  await page.waitForURL(
    (url) =>
      url.searchParams.get('from') === window.from &&
      url.searchParams.get('to') === window.to &&
      url.searchParams.get('interval') === window.interval,
  );
}

async function downloadCsv(
  page: Page,
  language: 'en' | 'fr',
  window: { from: string; to: string },
) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page
      .getByRole('button', {
        name: language === 'en' ? 'Download CSV' : 'Télécharger en CSV',
        exact: true,
      })
      .click(),
  ]);
  expect(download.suggestedFilename()).toBe(`fourfold-statistics-${window.from}-${window.to}.csv`);
  const path = await download.path();
  const text = await readFile(path, 'utf8');
  expect(text.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toMatch(/^table,period,/);
  await page
    .getByRole('status')
    .getByText(language === 'en' ? /in your downloads/ : /dans vos téléchargements/)
    .waitFor();
}

// Tests -------------------------------------------------------------------------------------------

describe('the statistics dashboard', () => {
  test(
    'the analyst lands on it, widens the period, reads the data, downloads the CSV, at 1280 px then 360 px, in English then French',
    async ({ page }) => {
      await ensureCounts();
      await signInAs(page, 'analyst@riverside.demo');
      const errors = watchConsoleErrors(page);

      // The analyst's home is the statistics: signing in lands there.
      await page.locator('main h1', { hasText: 'Statistics' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/statistics');
      await check(page, errors);

      const window = { from: A_YEAR_AGO, to: THIS_MONTH, interval: 'quarter' as const };
      await choosePeriod(page, 'en', window);
      await check(page, errors);
      await expectChartsAndTables(page, 'en');
      await page.getByRole('heading', { name: 'How these counts are protected' }).waitFor();
      await page.getByText(/rounded to a multiple of 5/).waitFor();
      await check(page, errors);

      // The address is the state: a reload keeps it, and Back goes to the previous view.
      await reload(page);
      await settled(page);
      expect(new URL(page.url()).searchParams.get('interval')).toBe('quarter');
      expect(
        await page.getByLabel('Show by', { exact: true }).evaluate((el) => {
          const select = el as HTMLSelectElement;
          return select.options[select.selectedIndex]?.text;
        }),
      ).toBe('Quarter');
      await page.getByRole('heading', { name: 'Situations discussed', exact: true }).waitFor();
      await page.goBack();
      await page.waitForURL((url) => !url.searchParams.has('interval'));
      await page.goForward();
      await page.waitForURL((url) => url.searchParams.get('interval') === 'quarter');
      await check(page, errors);

      await downloadCsv(page, 'en', window);
      await check(page, errors);

      await page.setViewportSize({ width: 360, height: 800 });
      await expectChartsAndTables(page, 'en');
      await check(page, errors);
      await expectNoHorizontalOverflow(page);

      await page.getByRole('button', { name: 'Français' }).click();
      await page.locator('main h1', { hasText: 'Statistiques' }).waitFor();
      await expectChartsAndTables(page, 'fr');
      await page.getByText('supprimé', { exact: true }).first().waitFor();
      await check(page, errors);
      await expectNoHorizontalOverflow(page);
    },
    SLOW,
  );

  describe('in French', () => {
    test.override('locale', 'fr-CA');

    test(
      'the chair opens it from the navigation in French at 360 px, changes period and interval, reloads, downloads, then reads it in English at 1280 px',
      async ({ page }) => {
        await ensureCounts();
        await page.setViewportSize({ width: 360, height: 800 });
        await signInAs(page, 'chair@riverside.demo');
        const errors = watchConsoleErrors(page);
        await openSiteMenu(page);
        await page
          .getByRole('navigation', { name: 'Principale' })
          .getByRole('link', { name: 'Statistiques' })
          .click();
        await page.locator('main h1', { hasText: 'Statistiques' }).waitFor();
        await check(page, errors);
        await expectNoHorizontalOverflow(page);

        const window = { from: A_YEAR_AGO, to: THIS_MONTH, interval: 'month' as const };
        await choosePeriod(page, 'fr', window);
        await check(page, errors);
        await expectChartsAndTables(page, 'fr');
        await check(page, errors);
        await expectNoHorizontalOverflow(page);

        const byQuarter = { ...window, interval: 'quarter' as const };
        await choosePeriod(page, 'fr', byQuarter);
        await reload(page);
        await settled(page);
        expect(new URL(page.url()).searchParams.get('interval')).toBe('quarter');
        await expectChartsAndTables(page, 'fr');
        await check(page, errors);
        await expectNoHorizontalOverflow(page);

        await downloadCsv(page, 'fr', byQuarter);
        await check(page, errors);

        await page.setViewportSize({ width: 1280, height: 800 });
        await page.getByRole('button', { name: 'English' }).click();
        await page.locator('main h1', { hasText: 'Statistics' }).waitFor();
        await expectChartsAndTables(page, 'en');
        await check(page, errors);
      },
      SLOW,
    );
  });

  test('a representative sees no statistics link, and the page is not available to them', async ({
    page,
  }) => {
    await signInAs(page, 'police@riverside.demo');
    const errors = watchConsoleErrors(page);
    const nav = page.getByRole('navigation', { name: 'Primary' });
    await nav.getByRole('link', { name: 'Your account' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Statistics' }).count()).toBe(0);
    // The work home has loaded (the table's panel offers a new situation) before the absence of
    // its statistics panel is checked.
    await page.getByRole('link', { name: 'New situation' }).first().waitFor();
    expect(await page.getByRole('link', { name: 'Open the statistics' }).count()).toBe(0);
    await visit(page, '/statistics');
    await page.locator('main h1', { hasText: 'Statistics not available' }).waitFor();
    await page.getByRole('link', { name: 'Go to the home page' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await expectRenderedAndAccessible(page);
    expect(errors).toEqual([]);
  });
});
