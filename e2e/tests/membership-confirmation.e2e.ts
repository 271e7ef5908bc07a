/**
 * Separation of duties in the browser: an administrator asks for a representative, who is pending
 * and sees nothing of the table; the table's coordinator confirms on the memberships page; the
 * representative then sees the table. A new table keeps the demo tables as other tests expect
 * them: its very first coordinator (the Northgate chair) takes effect at once, as documented.
 */
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { expectRenderedAndAccessible, test, visit } from '../support/browser';
import { signInAs } from '../support/sign-in';

async function signOut(page: Page) {
  const header = page.getByRole('banner');
  await header.getByRole('button', { name: 'Sign out' }).click();
  await header.getByRole('link', { name: 'Sign in' }).waitFor();
}

async function addMember(page: Page, agency: string, person: string, role: string) {
  const form = page.getByRole('group', { name: 'Add a member' });
  await form.getByLabel('Agency').selectOption({ label: `${agency} (member agency)` });
  await form.getByLabel('Person').selectOption({ label: person });
  await form.getByLabel('Role').selectOption({ label: role });
  await form.getByRole('button', { name: 'Add member' }).click();
}

describe('membership confirmation', () => {
  test(
    'an administrator asks for a representative; pending, then the coordinator confirms and the representative sees the table',
    { timeout: 180_000 },
    async ({ page }) => {
      const stamp = Date.now().toString(36);
      const tableName = `Harbour Situation Table ${stamp}`;
      const prefix = `H${stamp
        .replace(/[^a-z]/g, '')
        .toUpperCase()
        .padEnd(3, 'X')
        .slice(0, 5)}`;

      // The administrator creates the table and seats its two Northgate agencies.
      await signInAs(page, 'admin@fourfold.demo');
      await visit(page, '/admin/tables');
      const addTable = page.getByRole('region', { name: 'Add a situation table' });
      await addTable.getByLabel('Name of the table').fill(tableName);
      await addTable.getByLabel('Reference prefix').fill(prefix);
      await addTable.getByLabel('Municipality').fill('Harbourville');
      await addTable.getByRole('button', { name: 'Add situation table' }).click();
      await page.locator('main h1', { hasText: tableName }).waitFor();
      for (const agency of [
        'Northgate Community Health (Community and public health)',
        'Northgate Police Service (Police)',
      ]) {
        await page.getByLabel('Agency to add').selectOption({ label: agency });
        await page.getByRole('button', { name: 'Add agency to the table' }).click();
        await page
          .getByRole('status')
          .getByText(`Agency ${agency.replace(/ \(.*\)$/, '')} added to the table.`)
          .waitFor();
      }

      // The first coordinator takes effect at once (nobody could confirm them).
      await addMember(
        page,
        'Northgate Community Health',
        'Noor Northgate (chair@northgate.demo)',
        'Coordinator',
      );
      await page.getByRole('status').getByText('Noor Northgate added as Coordinator.').waitFor();

      // The representative is pending.
      await addMember(
        page,
        'Northgate Police Service',
        'Nico Northgate (police@northgate.demo)',
        'Agency representative',
      );
      await page
        .getByRole('status')
        .getByText(/Nico Northgate asked for as Agency representative\. Pending confirmation/)
        .waitFor();
      const members = page.getByRole('table', { name: new RegExp(`Members of ${tableName}`) });
      const nicoRow = members.getByRole('row').filter({ hasText: 'Nico Northgate' });
      await nicoRow.getByText(/^Pending confirmation/).waitFor();
      await expectRenderedAndAccessible(page);
      await signOut(page);

      // Pending grants nothing: the representative does not see the new table.
      await signInAs(page, 'police@northgate.demo');
      await visit(page, '/tables');
      await page.getByRole('link', { name: 'Northgate Situation Table' }).waitFor();
      expect(await page.getByRole('link', { name: tableName }).count()).toBe(0);
      await signOut(page);

      // The coordinator confirms, from the table's page.
      await signInAs(page, 'chair@northgate.demo');
      await page
        .getByRole('navigation', { name: 'Primary' })
        .getByRole('link', { name: 'Memberships' })
        .waitFor();
      await visit(page, '/tables');
      await page.getByRole('link', { name: tableName }).click();
      await page.locator('main h1', { hasText: tableName }).waitFor();
      await page.getByRole('link', { name: 'Memberships of this table to confirm' }).click();
      await page.locator('main h1', { hasText: 'Memberships to confirm' }).waitFor();
      const pending = page.getByRole('table', { name: /Memberships waiting for confirmation/ });
      await pending.getByRole('rowheader', { name: /Nico Northgate/ }).waitFor();
      await expectRenderedAndAccessible(page);
      await page
        .getByRole('button', {
          name: `Confirm Nico Northgate as Agency representative at ${tableName}`,
        })
        .click();
      await page
        .getByRole('status')
        .getByText(`Nico Northgate is now Agency representative at ${tableName}.`)
        .waitFor();
      await page.getByText('No membership is waiting for confirmation.').waitFor();
      const recent = page.getByRole('table', { name: /Memberships that took effect/ });
      await recent.getByRole('rowheader', { name: /Nico Northgate/ }).waitFor();
      await recent.getByText('Confirmed by Noor Northgate').waitFor();
      await expectRenderedAndAccessible(page);

      // The same page in French, at 360 px.
      await page.setViewportSize({ width: 360, height: 740 });
      await page.getByRole('button', { name: 'Français' }).click();
      await page.locator('main h1', { hasText: 'Adhésions à confirmer' }).waitFor();
      await expectRenderedAndAccessible(page);
      await page.getByRole('button', { name: 'English' }).click();
      await page.setViewportSize({ width: 1280, height: 800 });
      await signOut(page);

      // In effect: the representative sees the table.
      await signInAs(page, 'police@northgate.demo');
      await visit(page, '/tables');
      await page.getByRole('link', { name: tableName }).waitFor();
      await expectRenderedAndAccessible(page);
    },
  );
});
