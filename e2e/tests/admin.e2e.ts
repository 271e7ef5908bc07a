import { describe, expect, inject } from 'vitest';
import { expectRenderedAndAccessible, test, visit } from '../support/browser';
import { mailsTo, newestLinkTo } from '../support/outbox';
import { signInAs } from '../support/sign-in';

describe('administration', () => {
  // A whole administrator's errand in one test, with axe on every step: longer than the default.
  test(
    'an administrator adds an agency and a user (e-mailed an invitation), seats them at a table, changes their address, then deactivates them',
    { timeout: 180_000 },
    async ({ page }) => {
      const stamp = Date.now().toString(36);
      const agencyName = `Lakeside Outreach ${stamp}`;
      const userName = `Quinn Outreach ${stamp}`;
      const email = `quinn.${stamp}@lakeside.example`;
      await signInAs(page, 'admin@fourfold.demo');
      await page
        .getByRole('navigation', { name: 'Primary' })
        .getByRole('link', { name: 'Administration' })
        .click();
      await page.locator('main h1', { hasText: 'Administration' }).waitFor();
      await expectRenderedAndAccessible(page);

      // An agency.
      await page
        .getByRole('navigation', { name: 'Administration sections' })
        .getByRole('link', { name: 'Agencies' })
        .click();
      await page.locator('main h1', { hasText: 'Agencies' }).waitFor();
      const addAgency = page.getByRole('region', { name: 'Add an agency' });
      // Submitting empty shows the error summary, linked to the fields.
      await addAgency.getByRole('button', { name: 'Add agency' }).click();
      const summary = addAgency.getByRole('alert');
      await summary.getByRole('link', { name: /Enter the name of the agency/ }).waitFor();
      await expectRenderedAndAccessible(page);
      await addAgency.getByLabel('Name of the agency').fill(agencyName);
      await addAgency.getByLabel('Sector').selectOption({ label: 'Housing' });
      await addAgency.getByRole('button', { name: 'Add agency' }).click();
      await page.getByRole('status').getByText(`Agency ${agencyName} added.`).waitFor();
      const agencies = page.getByRole('table', { name: /Agencies, with their sector/ });
      await agencies.getByRole('rowheader', { name: agencyName }).waitFor();
      await expectRenderedAndAccessible(page);

      // A user, whose invitation link is e-mailed to them (here: the server's outbox), never shown.
      await page.getByRole('link', { name: 'Users' }).click();
      await page.locator('main h1', { hasText: 'Users' }).waitFor();
      const addUser = page.getByRole('region', { name: 'Add a user' });
      await addUser.getByLabel('Email address').fill(email);
      await addUser.getByLabel('Name', { exact: true }).fill(userName);
      await addUser.getByLabel('Agency').selectOption({ label: agencyName });
      await addUser.getByRole('button', { name: 'Add user and email an invitation' }).click();
      const panel = page.getByRole('region', { name: `Invitation sent to ${userName}` });
      await panel.waitFor();
      await panel.getByText('An invitation link was emailed to q…@lakeside.example.').waitFor();
      await panel.getByText(/saved in the server’s outbox folder/).waitFor();
      await panel.getByText(/expires on .* \(72 hours\)/).waitFor();
      const link = await newestLinkTo(email);
      expect(link).toMatch(new RegExp(`^${inject('baseUrl')}/set-password#[A-Za-z0-9_-]{43}$`));
      expect(await page.content()).not.toContain(link.split('#')[1]);
      await expectRenderedAndAccessible(page);
      await panel.getByRole('button', { name: 'Done' }).click();
      await panel.waitFor({ state: 'hidden' });

      // Seat them at a table: their agency joins it first, then they do.
      await page
        .getByRole('navigation', { name: 'Administration sections' })
        .getByRole('link', { name: 'Situation tables' })
        .click();
      await page.getByRole('link', { name: 'Riverside Situation Table' }).click();
      await page.locator('main h1', { hasText: 'Riverside Situation Table' }).waitFor();
      await expectRenderedAndAccessible(page);
      await page.getByLabel('Agency to add').selectOption({ label: `${agencyName} (Housing)` });
      await page.getByRole('button', { name: 'Add agency to the table' }).click();
      await page
        .getByRole('status')
        .getByText(`Agency ${agencyName} added to the table.`)
        .waitFor();

      const addMember = page.getByRole('group', { name: 'Add a member' });
      await addMember.getByLabel('Agency').selectOption({ label: `${agencyName} (member agency)` });
      await addMember.getByLabel('Person').selectOption({ label: `${userName} (${email})` });
      await addMember.getByLabel('Role').selectOption({ label: 'Agency representative' });
      await addMember.getByRole('button', { name: 'Add member' }).click();
      // Separation of duties: a representative is pending until the table's coordinator confirms.
      await page
        .getByRole('status')
        .getByText(`${userName} asked for as Agency representative. Pending confirmation`, {
          exact: false,
        })
        .waitFor();
      const members = page.getByRole('table', { name: /Members of Riverside Situation Table/ });
      await members.getByRole('rowheader', { name: userName }).waitFor();
      await members
        .getByRole('row')
        .filter({ hasText: userName })
        .getByText(/^Pending confirmation/)
        .waitFor();
      await expectRenderedAndAccessible(page);

      // Deactivate them, after a confirmation.
      await page
        .getByRole('navigation', { name: 'Administration sections' })
        .getByRole('link', { name: 'Users' })
        .click();
      await page.getByRole('link', { name: userName }).click();
      await page.locator('main h1', { hasText: userName }).waitFor();

      // A new address: the old one and the new one are both told, by e-mail.
      const newEmail = `quinn.${stamp}@outreach.example`;
      await page.getByRole('button', { name: 'Edit account' }).click();
      await page.getByText('Both the old and the new address are told of a change').waitFor();
      await page.getByLabel('Email address').fill(newEmail);
      await expectRenderedAndAccessible(page);
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByRole('status').getByText(`Changes to ${userName} saved.`).waitFor();
      await page.getByText(newEmail).waitFor();
      expect((await mailsTo(email)).at(-1)?.subject).toMatch(/sign-in address changed/);
      expect(await mailsTo(newEmail)).toHaveLength(1);
      await page.getByRole('button', { name: 'Deactivate user' }).click();
      const dialog = page.getByRole('dialog', { name: `Deactivate ${userName}?` });
      await dialog.waitFor();
      // Focus starts on the safe choice.
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
      await expectRenderedAndAccessible(page);
      await dialog.getByRole('button', { name: 'Deactivate user' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('status').getByText(`${userName} deactivated and signed out.`).waitFor();
      await page.getByRole('button', { name: 'Reactivate user' }).waitFor();
      await expectRenderedAndAccessible(page);

      // One page in French.
      await page.getByRole('button', { name: 'Français' }).click();
      await page
        .getByRole('navigation', { name: 'Sections de l’administration' })
        .getByRole('link', { name: 'Tables de situation' })
        .click();
      await page.locator('main h1', { hasText: 'Tables de situation' }).waitFor();
      await page.getByRole('table', { name: /Tables de situation, avec leurs réunions/ }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      await expectRenderedAndAccessible(page);
    },
  );

  test('administration is not offered to anyone else', { timeout: 60_000 }, async ({ page }) => {
    await signInAs(page, 'police@riverside.demo');
    const nav = page.getByRole('navigation', { name: 'Primary' });
    // The menu is drawn for this person first (the link every signed-in person has): only then
    // does a missing link mean anything.
    await nav.getByRole('link', { name: 'Your account' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    await visit(page, '/admin/users');
    await page.locator('main h1', { hasText: 'You cannot open this page' }).waitFor();
    await page.getByText('These pages are for administrators.', { exact: false }).waitFor();
    // A way back: to where the person came from, and home.
    await page.getByRole('button', { name: 'Go back to the previous page' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await expectRenderedAndAccessible(page);
  });
});
