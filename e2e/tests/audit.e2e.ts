import type { Page } from 'playwright-core';
import { describe, expect, inject } from 'vitest';
import { DESKTOP, PHONE, expectRenderedAndAccessible, test, visit } from '../support/browser';
import { DEMO_PASSWORD, signInAs } from '../support/sign-in';

/** The id of a Riverside situation, found by its reference through the API as the chair. */
async function situationIdOf(reference: string): Promise<string> {
  const call = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${inject('baseUrl')}/api${path}`, init);
    expect(res.status, path).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  };
  const login = await call('/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'chair@riverside.demo', password: DEMO_PASSWORD }),
  });
  const me = login.me as { memberships: Array<{ table: { id: string; name: string } }> };
  const tableId = me.memberships.find((m) => m.table.name === 'Riverside Situation Table')!.table
    .id;
  const list = await call(`/tables/${tableId}/situations?q=${reference}`, {
    headers: { authorization: `Bearer ${login.accessToken as string}` },
  });
  return (list.items as Array<{ id: string }>)[0]!.id;
}

/** The results table fits its region: nothing to scroll sideways. */
async function expectResultsFit(page: Page) {
  const fits = await page
    .locator('.audit-table-wrap')
    .first()
    .evaluate((region) => region.scrollWidth <= region.clientWidth);
  expect(fits).toBe(true);
}

/** Each test signs in and runs axe on several pages: more than the default on a busy machine. */
const SLOW = 90_000;

describe('the audit log, for a privacy officer', () => {
  test(
    'searches the log, sees sign-ins, verifies the chain, and reads it in French',
    async ({ page }) => {
      await signInAs(page, 'privacy@riverside.demo');
      await page
        .getByRole('navigation', { name: 'Primary' })
        .getByRole('link', { name: 'Audit log' })
        .click();
      await page.locator('main h1', { hasText: 'Audit log' }).waitFor();
      await page
        .getByRole('status')
        .getByText(/\d+ events? shown/)
        .waitFor();
      const results = page.getByRole('table', { name: 'Audit events, newest first' });
      // Their own sign-in, a moment ago, is in the log.
      const signIn = results.getByRole('row').filter({ hasText: 'Parker Privacy' }).filter({
        hasText: 'Sign in',
      });
      expect(await signIn.count()).toBeGreaterThan(0);
      await expectResultsFit(page);
      await expectRenderedAndAccessible(page);

      // Narrow to refused requests: every row says so.
      await page.getByLabel('Outcome').selectOption({ label: 'Refused' });
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('outcome') === 'denied');
      await page
        .getByRole('status')
        .getByText(/shown|No event matches/)
        .waitFor();
      const rows = await results.locator('tbody tr').all();
      for (const row of rows) expect(await row.textContent()).toContain('Refused');

      // A malformed identifier is caught before any search, with an error summary that links to it.
      await page.getByLabel('Person (user ID)').fill('Parker');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
      await summary.waitFor();
      await summary.getByRole('link').click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('audit-filter-userId');
      await expectRenderedAndAccessible(page);

      await page.getByRole('link', { name: 'Verify the audit log' }).click();
      await page.locator('main h1', { hasText: 'Verify the audit log' }).waitFor();
      await page.getByRole('button', { name: 'Verify the audit log' }).click();
      await page.getByRole('status').getByText('The audit log is intact.').waitFor();
      await expectRenderedAndAccessible(page);

      await page.getByRole('button', { name: 'Français' }).click();
      await page.locator('main h1', { hasText: 'Vérifier le journal d’audit' }).waitFor();
      await page.getByRole('button', { name: 'Vérifier le journal d’audit' }).click();
      await page.getByRole('status').getByText('Le journal d’audit est intact.').waitFor();
      await expectRenderedAndAccessible(page);
    },
    SLOW,
  );

  test(
    'finds a situation’s events by its reference, with results that fit at 1280 and 360 px, in English and French',
    async ({ page }) => {
      const reference = 'RIV-2026-0002';
      const situationId = await situationIdOf(reference);
      await signInAs(page, 'privacy@riverside.demo');
      // Reading the situation's access report is itself an event about the situation.
      await visit(page, `/audit/situations/${situationId}`);
      await page
        .getByRole('navigation', { name: 'Primary' })
        .getByRole('link', { name: 'Audit log' })
        .click();
      await page.locator('main h1', { hasText: 'Audit log' }).waitFor();
      await page.getByLabel('Situation (reference or ID)').fill(reference.toLowerCase());
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.waitForURL(
        (url) => url.searchParams.get('situationId') === reference.toLowerCase(),
      );
      await page
        .getByRole('status')
        .getByText(/\d+ events? shown/)
        .waitFor();
      const rows = page
        .getByRole('table', { name: 'Audit events, newest first' })
        .locator('tbody tr');
      // The search's rows, not the unfiltered page's: its status is worded the same way, and its
      // newest row is the access report just read, which links to the situation too. Until the
      // search's answer replaces that page, the table may hold either (or, between, nothing).
      const onlyThisSituation = async () => {
        const shown = await rows.all();
        if (shown.length === 0) return false;
        for (const row of shown) {
          if ((await row.locator(`a[href="/audit/situations/${situationId}"]`).count()) !== 1) {
            return false;
          }
        }
        return true;
      };
      await expect.poll(onlyThisSituation, { timeout: 15_000 }).toBe(true);
      await expectResultsFit(page);
      await expectRenderedAndAccessible(page);

      // A phone: each event a card, nothing scrolls sideways; then French at both sizes.
      await page.setViewportSize(PHONE);
      expect(await rows.first().evaluate((row) => getComputedStyle(row).display)).toBe('block');
      await expectRenderedAndAccessible(page);
      await page.getByRole('button', { name: 'Français' }).click();
      await page.getByLabel('Situation (référence ou identifiant)').waitFor();
      await page
        .getByRole('status')
        .getByText(/\d+ événements? affichés?/)
        .waitFor();
      await expectRenderedAndAccessible(page);
      await page.setViewportSize(DESKTOP);
      await expectResultsFit(page);
      await expectRenderedAndAccessible(page);
    },
    SLOW,
  );

  test(
    'answers an unknown situation reference as not found',
    async ({ page }) => {
      await signInAs(page, 'privacy@riverside.demo');
      await visit(page, '/audit/person-report');
      await page.getByLabel('Situation reference').fill('riv-2026-9999');
      await page.getByRole('button', { name: 'Prepare the report' }).click();
      await page.getByRole('alert').getByText('What you asked for could not be found.').waitFor();
      await expectRenderedAndAccessible(page);
    },
    SLOW,
  );

  test(
    'is not offered to an agency representative',
    async ({ page }) => {
      await signInAs(page, 'police@riverside.demo');
      const nav = page.getByRole('navigation', { name: 'Primary' });
      await nav.getByRole('link', { name: 'Your account' }).waitFor();
      expect(await nav.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
    },
    SLOW,
  );
});
