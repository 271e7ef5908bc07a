/**
 * Every screen at 360 px, as each demo role, in English and then in French (switched in place),
 * with the page checked on each state: rendered, no sideways scroll, no serious axe violation.
 * The browser's own locale is en-US, so French dates here come from the interface language, not
 * the browser. Per role, the header's menu button is opened, closed with Escape and used once.
 * One browser and one sign-in per role; pages are opened by address, links found on the way.
 *
 * The details of issue #11 checked on the way: content starts right under the compact header,
 * a refused page has a heading and a way back, the sign-in error names a code only once one was
 * asked for, the date of birth is asked in the interface language, and dates follow it too.
 */
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import {
  PHONE,
  expectRenderedAndAccessible,
  focusedElement,
  test,
  visit,
} from '../support/browser';
import { fillSignInForm, signInAs } from '../support/sign-in';
import { siteMenuButton } from '../support/site-menu';

type Language = 'en' | 'fr';
/** A page to visit: its address, or a link to find on the page before it (first match). */
type Stop = string | { linkTo: RegExp };

const NAV = { en: 'Primary', fr: 'Principale' } as const;

/** Visits each stop, in order, and returns the addresses actually visited (links resolved). */
async function walk(page: Page, stops: readonly Stop[]): Promise<string[]> {
  const visited: string[] = [];
  for (const stop of stops) {
    const path = typeof stop === 'string' ? stop : await linkOnPage(page, stop.linkTo);
    await page.goto(path);
    await settled(page);
    await expectRenderedAndAccessible(page);
    visited.push(path);
  }
  return visited;
}

/** The API requests each page has in flight (not the live meeting stream, which stays open). */
const inFlight = new WeakMap<Page, Set<unknown>>();

function trackRequests(page: Page) {
  const pending = new Set<unknown>();
  inFlight.set(page, pending);
  const isApiRead = (url: string, type: string) =>
    url.includes('/api/') && type !== 'eventsource' && !url.endsWith('/events');
  page.on('request', (request) => {
    if (isApiRead(request.url(), request.resourceType())) pending.add(request);
  });
  page.on('requestfinished', (request) => pending.delete(request));
  page.on('requestfailed', (request) => pending.delete(request));
}

/**
 * Waits for the page's data: a list that arrives after the heading can be what sticks out, so
 * the checks run once no API request has been in flight for a moment.
 */
async function settled(page: Page) {
  await page.locator('main h1').waitFor();
  const pending = inFlight.get(page) ?? new Set();
  for (let quiet = 0; quiet < 3;) {
    await page.waitForTimeout(100);
    quiet = pending.size === 0 ? quiet + 1 : 0;
  }
}

async function linkOnPage(page: Page, pattern: RegExp): Promise<string> {
  const hrefs = await page
    .locator('main a[href]')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  const href = hrefs.find((candidate) => pattern.test(candidate));
  if (href === undefined) throw new Error(`No link to ${pattern} on ${page.url()}`);
  return href;
}

/** Switches the interface language with the header's switch, which a phone keeps in view. */
async function switchTo(page: Page, language: Language) {
  await page.getByRole('button', { name: language === 'fr' ? 'Français' : 'English' }).click();
  await page.locator(`html[lang="${language}"]`).waitFor();
  await expectRenderedAndAccessible(page);
}

/**
 * The menu of a phone: closed, the content starts right under the bar; opened, it shows the
 * navigation; Escape closes it and gives focus back to the button; following a link closes it.
 */
async function useMenu(page: Page, language: Language, link: string, heading: string) {
  const button = siteMenuButton(page);
  const nav = page.getByRole('navigation', { name: NAV[language] });
  expect(await button.getAttribute('aria-expanded')).toBe('false');
  expect(await nav.isVisible()).toBe(false);
  const mainTop = await page.locator('main').evaluate((main) => main.getBoundingClientRect().top);
  expect(mainTop).toBeLessThanOrEqual(120);

  await button.click();
  expect(await button.getAttribute('aria-expanded')).toBe('true');
  await nav.getByRole('link', { name: link }).waitFor();
  await expectRenderedAndAccessible(page);
  await page.keyboard.press('Escape');
  expect(await button.getAttribute('aria-expanded')).toBe('false');
  expect(await focusedElement(page)).toMatchObject({ tag: 'button', text: 'Menu' });
  expect(await nav.isVisible()).toBe(false);

  await page.keyboard.press('Enter');
  await nav.getByRole('link', { name: link }).click();
  await page.locator('main h1', { hasText: heading }).waitFor();
  expect(await button.getAttribute('aria-expanded')).toBe('false');
  await expectRenderedAndAccessible(page);
}

/** A date and time as fr-CA writes it ("30 nov. 2026, 10 h 00"), never as en-US would. */
const FRENCH_TIME = /\d{1,2} h \d{2}/;
const ENGLISH_TIME = /\d{1,2}:\d{2}\s?(a\.m\.|p\.m\.|AM|PM)/;

describe('every screen on a phone', () => {
  test.override('viewport', PHONE);
  test.override('locale', 'en-US');

  test('the chair: tables, a situation, meetings, minutes, memberships, statistics, notifications, account', async ({
    page,
  }) => {
    trackRequests(page);
    await signInAs(page, 'chair@riverside.demo');
    await useMenu(page, 'en', 'Situation tables', 'Situation tables');
    const stops: Stop[] = [
      '/tables',
      { linkTo: /^\/tables\/[0-9a-f-]+$/ },
      { linkTo: /^\/situations\/[0-9a-f-]+$/ },
    ];
    const [, table = '', situation = ''] = await walk(page, stops);
    expect(await page.locator('main').textContent()).toMatch(ENGLISH_TIME);
    const [, meeting = ''] = await walk(page, [
      `${table}/meetings`,
      { linkTo: /^\/meetings\/[0-9a-f-]+$/ },
    ]);
    const rest = [
      `${meeting}/minutes`,
      '/memberships',
      '/statistics',
      '/notifications',
      '/account',
    ];
    await walk(page, rest);

    await switchTo(page, 'fr');
    await walk(page, [situation]);
    // The stages of the situation, dated in French under an English browser.
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toMatch(FRENCH_TIME);
    expect(text).not.toMatch(ENGLISH_TIME);
    await walk(page, ['/tables', table, `${table}/meetings`, meeting, ...rest]);
    await useMenu(page, 'fr', 'Statistiques', 'Statistiques');
  });

  test('a representative: refused pages, the sign-in error, the situation form and its date of birth', async ({
    page,
  }) => {
    trackRequests(page);
    // A wrong password, before any code is asked for: the error speaks of the password only.
    await visit(page, '/sign-in');
    await fillSignInForm(page, 'police@riverside.demo', 'not-the-right-password');
    const alert = page.getByRole('alert');
    await alert.getByText('The email address or password was not recognized.').waitFor();
    expect(await alert.textContent()).not.toMatch(/code/i);
    await expectRenderedAndAccessible(page);

    await signInAs(page, 'police@riverside.demo');
    await useMenu(page, 'en', 'Your account', 'Your account');
    const [, table = '', situation = ''] = await walk(page, [
      '/tables',
      { linkTo: /^\/tables\/[0-9a-f-]+$/ },
      { linkTo: /^\/situations\/[0-9a-f-]+$/ },
    ]);
    const newSituation = `${table}/situations/new`;
    await walk(page, [newSituation, '/notifications']);

    // A page the role does not have: a heading that says so, and a way back.
    for (const path of ['/admin', '/audit', '/memberships']) {
      await visit(page, path);
      expect(await page.locator('main h1').textContent()).toBe('You cannot open this page');
      await page.getByRole('main').getByRole('link', { name: 'Go to the home page' }).waitFor();
    }
    await page.getByRole('button', { name: 'Go back to the previous page' }).click();
    await page.waitForURL((url) => url.pathname === '/audit');
    await expectRenderedAndAccessible(page);

    await switchTo(page, 'fr');
    expect(await page.locator('main h1').textContent()).toBe(
      'Vous ne pouvez pas ouvrir cette page',
    );
    await page.getByRole('button', { name: 'Revenir à la page précédente' }).waitFor();
    await walk(page, ['/tables', table, situation, '/notifications', '/account', newSituation]);

    // The date of birth in French, whatever the browser's locale: day, month by name, year.
    const birth = page.getByRole('group', { name: 'Date de naissance (facultatif)' });
    await birth.getByLabel('Jour', { exact: true }).fill('27');
    const month = birth.getByLabel('Mois', { exact: true });
    expect(await month.locator('option').allTextContents()).toContain('mars');
    await month.selectOption({ label: 'mars' });
    await birth.getByLabel('Année', { exact: true }).fill('2009');
    expect(await page.locator('input[type="date"]').count()).toBe(0);
    await expectRenderedAndAccessible(page);
  });

  test('the administrator: every administration page', async ({ page }) => {
    trackRequests(page);
    await signInAs(page, 'admin@fourfold.demo');
    await useMenu(page, 'en', 'Administration', 'Administration');
    const stops: Stop[] = [
      '/admin/agencies',
      '/admin/tables',
      { linkTo: /^\/admin\/tables\/[0-9a-f-]+$/ },
      '/admin/users',
      { linkTo: /^\/admin\/users\/[0-9a-f-]+$/ },
      '/admin/code-lists',
      '/admin/code-lists/sector',
      '/account',
      '/notifications',
    ];
    const visited = await walk(page, stops);
    await switchTo(page, 'fr');
    await walk(page, ['/admin', ...visited]);
  });

  test('the analyst: statistics, tables, account', async ({ page }) => {
    trackRequests(page);
    await signInAs(page, 'analyst@riverside.demo');
    await useMenu(page, 'en', 'Statistics', 'Statistics');
    // Notifications are the same screen for every role: the chair's walk covers them.
    const stops = ['/tables', '/account'];
    await walk(page, stops);
    await switchTo(page, 'fr');
    await walk(page, ['/statistics', ...stops]);
  });

  test('the privacy officer: audit log, reports, verification, memberships', async ({ page }) => {
    trackRequests(page);
    await signInAs(page, 'privacy@riverside.demo');
    await useMenu(page, 'en', 'Audit log', 'Audit log');
    const stops = ['/audit/person-report', '/audit/verify', '/memberships', '/account'];
    await walk(page, stops);
    await switchTo(page, 'fr');
    await walk(page, ['/audit', ...stops]);
  });
});
