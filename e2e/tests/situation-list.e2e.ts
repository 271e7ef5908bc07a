/**
 * Finding situations by the words people use, on the table page: search by reference, filters
 * (stage, agencies, overdue first contact, creation days) and sort kept in the page address (so
 * they survive a reload, the back button and links from elsewhere), at desktop and phone sizes,
 * in English and French, with axe on every state.
 */
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { DESKTOP, PHONE, expectRenderedAndAccessible, test } from '../support/browser';
import { fillDateParts } from '../support/date-parts';
import { signInAs } from '../support/sign-in';

/** Each test signs in and runs axe on many states: more than the default on a busy machine. */
const SLOW = 90_000;

async function openRiverside(page: Page): Promise<string> {
  await page
    .getByRole('navigation', { name: 'Primary' })
    .getByRole('link', { name: 'Situation tables' })
    .click();
  await page.getByRole('link', { name: 'Riverside Situation Table' }).click();
  await page.locator('main h1', { hasText: 'Riverside Situation Table' }).waitFor();
  return new URL(page.url()).pathname.split('/')[2] ?? '';
}

/** The references of the rows shown, in order. */
const references = (page: Page) =>
  page.locator('.situations-table tbody th[scope="row"]').allTextContents();

/** Waits for the list to settle on a count or on the "no match" message. */
const settled = (page: Page, text: RegExp) =>
  page.locator('#situations-heading ~ [role="status"]', { hasText: text }).waitFor();

/** The list's table fits its region: nothing to scroll sideways at desktop width. */
async function expectListFits(page: Page) {
  const fits = await page
    .locator('.situations-table-scroll')
    .evaluate((region) => region.scrollWidth <= region.clientWidth);
  expect(fits).toBe(true);
}

describe('the situation list', () => {
  test(
    'the chair searches, filters and sorts, and the address keeps it all, at 1280 and 360 px, in English and French',
    async ({ page }) => {
      await signInAs(page, 'chair@riverside.demo');
      await openRiverside(page);
      await settled(page, /\d+ situations?\./);
      await expectListFits(page);
      await expectRenderedAndAccessible(page);

      // Search by a reference, typed in lower case: exactly that situation.
      const reference = 'RIV-2026-0001';
      await page.getByLabel('Reference').fill(reference.toLowerCase());
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL((url) => url.searchParams.get('q') === reference.toLowerCase());
      await settled(page, /1 situation matches the filters\./);
      expect(await references(page)).toEqual([reference]);
      await expectRenderedAndAccessible(page);

      // Part of a reference, then overdue first contacts only, led by Mental Health: the overdue
      // demo situation, its clock in words.
      await page.getByLabel('Reference').fill('2026-000');
      await page.getByText('More filters and sort').click();
      await page
        .getByLabel('Lead agency')
        .selectOption({ label: 'Riverside Mental Health and Addictions' });
      await page.getByLabel('Overdue first contact only').check();
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL((url) => url.searchParams.get('overdue') === 'true');
      await settled(page, /matches? the filters/);
      const overdueRows = page.locator('.situations-table tbody tr');
      // The new rows, not the previous search's (the count's wording is the same for both).
      await overdueRows
        .getByText(/First contact overdue by/)
        .first()
        .waitFor();
      expect(await overdueRows.count()).toBeGreaterThan(0);
      for (const row of await overdueRows.all()) {
        expect(await row.textContent()).toMatch(/First contact overdue by/);
        expect(await row.textContent()).toContain('Riverside Mental Health and Addictions');
      }
      await expectRenderedAndAccessible(page);

      // The stage tabs keep the other filters.
      await page.getByRole('link', { name: /^Filter 4/ }).click();
      await page.waitForURL((url) => url.searchParams.get('stage') === 'filter4');
      expect(new URL(page.url()).searchParams.get('overdue')).toBe('true');
      expect(new URL(page.url()).searchParams.get('q')).toBe('2026-000');

      // Clear, then sort by reference, ascending: the order on the page is that order.
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await page.waitForURL((url) => url.search === '');
      await settled(page, /\d+ situations?\./);
      await page.getByText('More filters and sort').click();
      await page.getByLabel('Sort by').selectOption({ label: 'Reference' });
      await page.getByLabel('Order').selectOption({ label: 'Ascending' });
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL((url) => url.searchParams.get('sort') === 'reference');
      await settled(page, /\d+ situations?\./);
      // The sorted page, once it has replaced the previous one (the status reads the same).
      await expect.poll(async () => (await references(page)).length).toBeGreaterThan(5);
      const sorted = await references(page);
      expect(sorted).toEqual([...sorted].sort());
      // Load more keeps the sort.
      await page.getByRole('button', { name: 'Load more' }).click();
      await page.waitForFunction(
        (before) => document.querySelectorAll('.situations-table tbody tr').length > before,
        sorted.length,
      );
      const more = await references(page);
      expect(more).toEqual([...more].sort());

      // Days are typed as day, month and year (in the interface's language, whatever the
      // browser's). A day typed in part, then a backwards range, are refused on the spot.
      const main = page.locator('main');
      await main
        .getByRole('group', { name: 'Created from', exact: true })
        .getByLabel('Year')
        .fill('2026');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: 'Enter a whole date: day, month and year.' })
        .waitFor();
      await fillDateParts(main, 'Created from', '2026-03-02');
      await fillDateParts(main, 'Created to', '2026-03-01');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.getByRole('alert').filter({ hasText: 'must be the same day' }).waitFor();
      await expectRenderedAndAccessible(page);
      // A day with no situation: said in words.
      await fillDateParts(main, 'Created from', '2099-01-01');
      await fillDateParts(main, 'Created to', '2099-01-01');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL((url) => url.searchParams.get('createdTo') === '2099-01-01');
      await settled(page, /No situations match these filters/);
      await expectRenderedAndAccessible(page);

      // Back: the previous search, its form refilled; a reload keeps it.
      await page.goBack();
      await page.waitForURL((url) => !url.searchParams.has('createdTo'));
      expect(await page.getByLabel('Sort by').inputValue()).toBe('reference');
      await page.reload();
      await settled(page, /\d+ situations?\./);
      expect(await page.getByLabel('Order').inputValue()).toBe('asc');
      await expect.poll(() => references(page)).toEqual(sorted);

      // A phone: cards, no sideways scroll; then French at both sizes.
      await page.setViewportSize(PHONE);
      const firstRow = page.locator('.situations-table tbody tr').first();
      expect(await firstRow.evaluate((row) => getComputedStyle(row).display)).toBe('block');
      await expectRenderedAndAccessible(page);
      await page.getByRole('button', { name: 'Français' }).click();
      await page.getByRole('button', { name: 'Appliquer les filtres' }).waitFor();
      expect(await page.getByLabel('Trier par').inputValue()).toBe('reference');
      await settled(page, /\d+ situations?\./);
      await expectRenderedAndAccessible(page);
      await page.setViewportSize(DESKTOP);
      await expectListFits(page);
      await expectRenderedAndAccessible(page);
    },
    SLOW,
  );

  test(
    'a representative follows links into the list: drafts of an agency, overdue first contacts',
    async ({ page }) => {
      await signInAs(page, 'mentalhealth@riverside.demo');
      const tableId = await openRiverside(page);
      await page.getByText('More filters and sort').click();
      const agencyId = await page
        .getByLabel('Originating agency')
        .locator('option', { hasText: 'Riverside Police Service' })
        .getAttribute('value');

      await page.goto(`/tables/${tableId}?overdue=true`);
      await settled(page, /matches? the filters/);
      expect(await page.getByLabel('Overdue first contact only').isChecked()).toBe(true);
      expect(await page.locator('.situations-table tbody tr').first().textContent()).toMatch(
        /First contact overdue by/,
      );
      await expectRenderedAndAccessible(page);

      await page.goto(`/tables/${tableId}?stage=filter2&originatingAgencyId=${agencyId}`);
      await settled(page, /matches? the filters|No situations match/);
      expect(await page.getByLabel('Originating agency').inputValue()).toBe(agencyId);
      expect(await page.getByRole('link', { name: /^Filter 2/ }).getAttribute('aria-current')).toBe(
        'page',
      );
      for (const row of await page.locator('.situations-table tbody tr').all()) {
        expect(await row.textContent()).toContain('Riverside Police Service');
      }
      await page.setViewportSize(PHONE);
      await expectRenderedAndAccessible(page);
    },
    SLOW,
  );
});
