import { chromium, type Page } from 'playwright-core';
import { describe, expect, inject } from 'vitest';
import { expectRenderedAndAccessible, test, visit } from '../support/browser';
import { DEMO_PASSWORD, fillSignInForm, signInAs } from '../support/sign-in';
import { draftSituation } from '../support/situations';

/** The sector choices the agency form offers right now. */
async function offeredSectors(page: Page): Promise<string[]> {
  await page
    .getByRole('navigation', { name: 'Administration sections' })
    .getByRole('link', { name: 'Agencies' })
    .click();
  await page.locator('main h1', { hasText: 'Agencies' }).waitFor();
  const sector = page.getByRole('region', { name: 'Add an agency' }).getByLabel('Sector');
  await sector.locator('option', { hasText: 'Police' }).waitFor({ state: 'attached' });
  return sector.locator('option').allTextContents();
}

async function openSectors(page: Page) {
  await page
    .getByRole('navigation', { name: 'Administration sections' })
    .getByRole('link', { name: 'Code lists' })
    .click();
  await page.locator('main h1', { hasText: 'Code lists' }).waitFor();
  await page.getByRole('link', { name: 'Agency sectors' }).click();
  await page.locator('main h1', { hasText: 'Agency sectors' }).waitFor();
}

describe('code lists', () => {
  test(
    'an administrator adds a sector, moves and relabels it, and retires it: forms follow at once',
    { timeout: 180_000 },
    async ({ page }) => {
      const stamp = Date.now().toString(36);
      const english = `Street outreach ${stamp}`;
      const french = `Travail de rue ${stamp}`;
      await signInAs(page, 'admin@fourfold.demo');
      await page
        .getByRole('navigation', { name: 'Primary' })
        .getByRole('link', { name: 'Administration' })
        .click();
      await page.locator('main h1', { hasText: 'Administration' }).waitFor();
      await page.getByRole('link', { name: 'Code lists' }).first().click();
      await page.getByRole('table', { name: /Code lists, with what they are used for/ }).waitFor();
      await expectRenderedAndAccessible(page);
      await page.getByRole('link', { name: 'Agency sectors' }).click();
      await page.locator('main h1', { hasText: 'Agency sectors' }).waitFor();
      const codes = page.getByRole('table', { name: /Agency sectors: every code/ });
      await codes.getByRole('rowheader', { name: 'Police' }).waitFor();
      await expectRenderedAndAccessible(page);

      // Submitting empty lists what is missing, each a link to its field.
      const add = page.getByRole('region', { name: 'Add a code' });
      await add.getByRole('button', { name: 'Add code' }).click();
      const summary = add.getByRole('alert');
      await summary.getByRole('link', { name: /Enter a code of lowercase letters/ }).waitFor();
      await summary.getByRole('link', { name: 'Enter the French label.' }).waitFor();
      await expectRenderedAndAccessible(page);

      // Capitals are lowered as they are typed; a code is an identifier.
      await add.getByLabel('Code', { exact: true }).fill(`Outreach_${stamp}`);
      expect(await add.getByLabel('Code', { exact: true }).inputValue()).toBe(`outreach_${stamp}`);
      await add.getByLabel('English label').fill(english);
      await add.getByLabel('French label').fill(french);
      await add.getByRole('button', { name: 'Add code' }).click();
      await page.getByRole('status').getByText(`${english} added.`).waitFor();
      const row = codes.getByRole('row', { name: new RegExp(english) });
      await row.waitFor();
      expect(await row.getByRole('button', { name: `Move down: ${english}` }).isDisabled()).toBe(
        true,
      );

      // A label another code on offer has is refused on its field.
      await add.getByLabel('Code', { exact: true }).fill(`copy_${stamp}`);
      await add.getByLabel('English label').fill('police');
      await add.getByLabel('French label').fill(`Copie ${stamp}`);
      await add.getByRole('button', { name: 'Add code' }).click();
      await add
        .getByRole('alert')
        .getByRole('link', { name: 'Another code on offer already has this English label.' })
        .waitFor();
      await expectRenderedAndAccessible(page);

      // Moving it up keeps the focus on the row's buttons.
      await row.getByRole('button', { name: `Move up: ${english}` }).click();
      await page.getByRole('status').getByText(`${english} moved up.`).waitFor();
      await page.waitForFunction(
        (name) => document.activeElement?.getAttribute('aria-label')?.includes(name) === true,
        english,
      );
      expect(await row.getByRole('button', { name: `Move down: ${english}` }).isDisabled()).toBe(
        false,
      );

      // Relabelled, then offered by the agency form under its new label.
      await row.getByRole('button', { name: `Relabel ${english}` }).click();
      const edit = page.getByRole('region', { name: `Relabel ${english}` });
      await edit.getByText(`outreach_${stamp}`).waitFor();
      await expectRenderedAndAccessible(page);
      const relabelled = `Outreach workers ${stamp}`;
      await edit.getByLabel('English label').fill(relabelled);
      await edit.getByRole('button', { name: 'Save labels' }).click();
      await page.getByRole('status').getByText(`${relabelled} saved.`).waitFor();
      expect(await offeredSectors(page)).toContain(relabelled);

      // Retired after a confirmation: no longer offered, and it can come back.
      await openSectors(page);
      const retiring = page
        .getByRole('table', { name: /Agency sectors: every code/ })
        .getByRole('row', { name: new RegExp(relabelled) });
      await retiring.getByRole('button', { name: `Retire ${relabelled}` }).click();
      const dialog = page.getByRole('dialog', { name: `Retire ${relabelled}?` });
      await dialog.waitFor();
      await expectRenderedAndAccessible(page);
      await dialog.getByRole('button', { name: 'Retire' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('status').getByText(`${relabelled} retired`).waitFor();
      await retiring.getByRole('button', { name: `Reinstate ${relabelled}` }).waitFor();
      await retiring.getByRole('cell', { name: 'Retired' }).waitFor();
      await expectRenderedAndAccessible(page);
      expect(await offeredSectors(page)).not.toContain(relabelled);

      // In French.
      await openSectors(page);
      await page.getByRole('button', { name: 'Français' }).click();
      await page.locator('main h1', { hasText: 'Secteurs des organismes' }).waitFor();
      await page
        .getByRole('table', { name: /Secteurs des organismes : tous les codes/ })
        .getByRole('button', { name: `Rétablir ${french}` })
        .waitFor();
      await expectRenderedAndAccessible(page);
    },
  );

  test(
    'a draft keeps a code retired since it was chosen, marked, until its agency removes it',
    { timeout: 180_000 },
    async ({ page: admin }) => {
      const stamp = Date.now().toString(36);
      const flag = `Tracked topic ${stamp}`;
      await signInAs(admin, 'admin@fourfold.demo');
      await visit(admin, '/admin/code-lists/study_flag');
      const add = admin.getByRole('region', { name: 'Add a code' });
      await add.getByLabel('Code', { exact: true }).fill(`topic_${stamp}`);
      await add.getByLabel('English label').fill(flag);
      await add.getByLabel('French label').fill(`Sujet suivi ${stamp}`);
      await add.getByRole('button', { name: 'Add code' }).click();
      await admin.getByRole('status').getByText(`${flag} added.`).waitFor();

      const browser = await chromium.launch({
        executablePath: '/usr/bin/chromium',
        headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
      });
      try {
        const context = await browser.newContext({
          baseURL: inject('baseUrl'),
          locale: 'en-CA',
          viewport: { width: 1280, height: 800 },
        });
        const police = await context.newPage();
        await police.goto('/sign-in');
        await fillSignInForm(police, 'police@riverside.demo', DEMO_PASSWORD);
        await police.waitForURL((url) => url.pathname === '/');
        const { reference } = await draftSituation(police, {
          givenName: 'Ilse',
          familyName: 'Marrowby',
          studyFlags: [flag],
        });

        // The administrator retires the flag while the draft has it.
        await admin.reload();
        await admin
          .getByRole('table', { name: /Study flags: every code/ })
          .getByRole('button', { name: `Retire ${flag}` })
          .click();
        const dialog = admin.getByRole('dialog', { name: `Retire ${flag}?` });
        await dialog.getByRole('button', { name: 'Retire' }).click();
        await admin.getByRole('status').getByText(`${flag} retired`).waitFor();

        // The draft still shows it, marked; saving asks for it to go first.
        await police.getByRole('link', { name: 'Edit draft' }).click();
        await police.locator('main h1', { hasText: `Edit draft ${reference}` }).waitFor();
        const form = police.locator('main form');
        const retired = form
          .getByRole('group', { name: 'Study flags' })
          .getByLabel(`${flag} (no longer offered)`);
        expect(await retired.isChecked()).toBe(true);
        await form.getByRole('button', { name: 'Save draft' }).click();
        await form
          .getByRole('alert')
          .getByRole('link', { name: 'Remove the study flags marked “no longer offered”.' })
          .waitFor();
        await expectRenderedAndAccessible(police);
        await retired.uncheck();
        await form.getByRole('button', { name: 'Save draft' }).click();
        await police.getByText('Draft updated.').waitFor();
        expect(await police.getByText(flag).count()).toBe(0);
        await context.close();
      } finally {
        await browser.close();
      }
    },
  );
});
