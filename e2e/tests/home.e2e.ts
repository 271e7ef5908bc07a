/**
 * Every role lands on its work (issue #11, point 1), as the demo people, at 1280 px and 360 px, in
 * English and French, with axe on every state: the representative (police: an involvement answer
 * waits), the lead agency (mental health: its overdue first contact), the chair (what waits for
 * the table's decision, the next meeting), the analyst (straight to the statistics), the privacy
 * officer (identity views, pending memberships) and the administrator (administration). The Four
 * Filters explanation stays one click away. The README's screenshots are taken here, every run.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { DESKTOP, PHONE, expectRenderedAndAccessible, test, visit } from '../support/browser';
import { signInAs } from '../support/sign-in';

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const TABLE = 'Riverside Situation Table';

async function screenshot(page: Page, name: string) {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
}

/** Switches the interface to French with the header's language switch (shown at desktop size). */
async function toFrench(page: Page) {
  await page.setViewportSize(DESKTOP);
  await page.getByRole('banner').getByRole('button', { name: 'Français' }).click();
  await page.locator('html[lang="fr"]').waitFor();
}

async function atPhoneSize(page: Page) {
  await page.setViewportSize(PHONE);
  await expectRenderedAndAccessible(page);
}

const tablePanel = (page: Page) => page.getByRole('region', { name: TABLE });
const section = (page: Page, name: RegExp) => tablePanel(page).getByRole('region', { name });

/**
 * A section whose content other browser tests may have changed (they draft, present and decide
 * on the same demo table, in any order): its heading's count must agree with what it lists (at
 * most 20 items; none means its empty state in words). Returns the count.
 */
async function expectSectionConsistent(page: Page, title: string, emptyText: string) {
  const region = section(page, new RegExp(`^${title} \\(\\d+\\)`));
  await region.waitFor();
  const heading = (await region.getByRole('heading').first().textContent()) ?? '';
  const count = Number(/\((\d+)\)/.exec(heading)?.[1]);
  expect(Number.isInteger(count)).toBe(true);
  if (count === 0) {
    expect(await region.getByText(emptyText).count()).toBe(1);
  } else {
    expect(await region.getByRole('listitem').count()).toBe(Math.min(count, 20));
  }
  return count;
}

describe('the home page', () => {
  test('welcomes a visitor, and the Four Filters are one click away, in English and French', async ({
    page,
  }) => {
    await visit(page, '/');
    expect(await page.locator('main h1').textContent()).toBe('Welcome to Fourfold');
    expect(await page.title()).toBe('Home – Fourfold');
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).waitFor();
    await page.getByRole('status').getByText('Database connected').waitFor();

    await page.getByRole('main').getByRole('link', { name: 'How the Four Filters work' }).click();
    await page.locator('main h1', { hasText: 'How the Four Filters work' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/about');
    expect(await page.locator('.filter-list > li').count()).toBe(4);
    await expectRenderedAndAccessible(page);
    await atPhoneSize(page);

    await toFrench(page);
    await page.locator('main h1', { hasText: 'Fonctionnement des quatre filtres' }).waitFor();
    await expectRenderedAndAccessible(page);
    // From the footer of any page too.
    await page
      .getByRole('navigation', { name: 'Principale' })
      .getByRole('link', { name: 'Accueil' })
      .click();
    await page.locator('main h1', { hasText: 'Bienvenue dans Fourfold' }).waitFor();
    await atPhoneSize(page);
    await page
      .getByRole('contentinfo')
      .getByRole('link', { name: 'Fonctionnement des quatre filtres' })
      .click();
    await page.locator('main h1', { hasText: 'Fonctionnement des quatre filtres' }).waitFor();
    await expectRenderedAndAccessible(page);
  });

  test('a representative lands on their agency’s work, at 1280 px and 360 px, in English and French', async ({
    page,
  }) => {
    await signInAs(page, 'police@riverside.demo');
    expect(await page.locator('main h1').textContent()).toBe('Your work');
    const involvement = section(page, /^Waiting for your agency’s involvement answer/);
    await involvement.getByRole('link', { name: /^RIV-\d{4}-0003$/ }).waitFor();
    await expectSectionConsistent(page, 'Drafts of your agency', 'No drafts.');
    await expectSectionConsistent(
      page,
      'Interventions of your agency',
      'Your agency is not lead or assisting on any open situation.',
    );
    await tablePanel(page).getByRole('link', { name: 'New situation' }).waitFor();
    await tablePanel(page)
      .getByRole('link', { name: /^Next meeting: / })
      .waitFor();
    await expectRenderedAndAccessible(page);
    await screenshot(page, 'home-representative.png');

    await atPhoneSize(page);
    await screenshot(page, 'home-representative-phone.png');

    await toFrench(page);
    await page.locator('main h1', { hasText: 'Votre travail' }).waitFor();
    await section(page, /^En attente de la réponse de votre organisme/)
      .getByRole('link', { name: /^RIV-\d{4}-0003$/ })
      .waitFor();
    await expectRenderedAndAccessible(page);
    await atPhoneSize(page);

    // The Four Filters, one click from the work home.
    await page
      .getByRole('main')
      .getByRole('link', { name: 'Fonctionnement des quatre filtres' })
      .click();
    await page.locator('main h1', { hasText: 'Fonctionnement des quatre filtres' }).waitFor();
    await expectRenderedAndAccessible(page);
  });

  test('the lead agency sees its overdue first contact in words, in English and French', async ({
    page,
  }) => {
    await signInAs(page, 'mentalhealth@riverside.demo');
    await expectSectionConsistent(
      page,
      'Interventions of your agency',
      'Your agency is not lead or assisting on any open situation.',
    );
    const interventions = section(page, /^Interventions of your agency \(\d+\)/);
    const overdue = interventions.getByRole('listitem').filter({ hasText: /-0006/ });
    await overdue.getByText(/^First contact overdue by /).waitFor();
    await expectRenderedAndAccessible(page);
    await atPhoneSize(page);

    await toFrench(page);
    await section(page, /^Interventions de votre organisme \(\d+\)/)
      .getByRole('listitem')
      .filter({ hasText: /-0006/ })
      .getByText(/^Premier contact en retard de /)
      .waitFor();
    await expectRenderedAndAccessible(page);
    await atPhoneSize(page);
  });

  test('the chair lands on what waits for the table’s decision, in English and French', async ({
    page,
  }) => {
    await signInAs(page, 'chair@riverside.demo');
    await tablePanel(page).getByText('Your role: Coordinator').waitFor();
    // The demo presents two; other browser tests present and decide on the same table.
    await expectSectionConsistent(
      page,
      'Presented, waiting for the decision',
      'No situation waits for the table’s decision.',
    );
    await expectSectionConsistent(
      page,
      'Accepted, waiting for lead and assisting agencies',
      'No accepted situation waits for its agencies.',
    );
    await section(page, /^First contact overdue \(\d+\)/)
      .getByRole('link', { name: /-0006$/ })
      .waitFor();
    await expectSectionConsistent(page, 'Ready to conclude', 'No situation is ready to conclude.');
    await expectSectionConsistent(
      page,
      'Interventions at this table',
      'No situation is at filter 4.',
    );
    await expectSectionConsistent(
      page,
      'Memberships waiting for confirmation',
      'No membership waits for confirmation.',
    );
    await expectRenderedAndAccessible(page);
    await screenshot(page, 'home-chair.png');
    await atPhoneSize(page);

    await toFrench(page);
    await section(page, /^Présentées, en attente de la décision \(\d+\)/).waitFor();
    await expectRenderedAndAccessible(page);
    await atPhoneSize(page);

    // The next meeting is one click away.
    await tablePanel(page)
      .getByRole('link', { name: /^Prochaine réunion : / })
      .click();
    await page.locator('main h1', { hasText: TABLE }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/meetings\/[0-9a-f-]{36}$/);
  });

  test('the analyst lands on the statistics', async ({ page }) => {
    await signInAs(page, 'analyst@riverside.demo');
    await page.locator('main h1', { hasText: 'Statistics' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/statistics');
  });

  test('the privacy officer lands on identity views and pending memberships, in English and French', async ({
    page,
  }) => {
    await signInAs(page, 'privacy@riverside.demo');
    await section(page, /^Latest views of identity/)
      .getByRole('link', { name: 'Search the audit log' })
      .waitFor();
    await section(page, /^Memberships waiting for confirmation \(\d+\)/)
      .getByRole('link', { name: 'Review memberships' })
      .waitFor();
    expect(await tablePanel(page).getByRole('link', { name: 'New situation' }).count()).toBe(0);
    await expectRenderedAndAccessible(page);
    await toFrench(page);
    await section(page, /^Dernières consultations de l’identité/).waitFor();
    await atPhoneSize(page);
  });

  test('the administrator lands on administration, in English and French', async ({ page }) => {
    await signInAs(page, 'admin@fourfold.demo');
    expect(await page.locator('main h1').textContent()).toBe('Your work');
    await page
      .getByText(/^You manage agencies, situation tables, users and the code lists/)
      .waitFor();
    for (const name of ['Agencies', 'Situation tables', 'Users', 'Code lists']) {
      await page.getByRole('main').getByRole('link', { name, exact: true }).waitFor();
    }
    await page.getByRole('status').getByText('Database connected').waitFor();
    await atPhoneSize(page);
    await toFrench(page);
    await page.getByRole('main').getByRole('link', { name: 'Listes de codes' }).waitFor();
    await expectRenderedAndAccessible(page);
  });
});
