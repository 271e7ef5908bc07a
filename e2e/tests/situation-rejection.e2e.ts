/**
 * The other ending of filter 2, and two people acting on one situation at once:
 *
 * - police@riverside drafts a situation with an identity, corrects the draft — whose summary now
 *   names a service after a person, which the guard flags as a possible name while typing — is
 *   stopped from presenting it until confirming, by keyboard, that it is not a person's name, and
 *   presents it;
 * - chair@riverside has it open in two tabs; in one the table's decision is recorded as a
 *   rejection, the other — now stale — tries to accept it and is told to reload instead of
 *   overwriting the decision;
 * - the rejection destroyed the identity and the summary with it: the originating agency can no
 *   longer show either, and the page says what was kept (the coded facts, for statistics).
 *
 * Axe runs on every new state of a page. The situation is this test's own, found by its reference.
 */
import { chromium, type Page } from 'playwright-core';
import { describe, expect, inject } from 'vitest';
import { expectRenderedAndAccessible, test } from '../support/browser';
import { DEMO_PASSWORD, fillSignInForm, signInAs } from '../support/sign-in';
import { draftSituation } from '../support/situations';

const GIVEN = 'Oriane';
const FAMILY = 'Thistlewood';

async function settled(page: Page) {
  await page.locator('main .loading').first().waitFor({ state: 'detached' });
  await expectRenderedAndAccessible(page);
}

describe('a situation the table rejects', () => {
  test(
    'is corrected as a draft, rejected by the table, and a stale tab cannot overturn the decision',
    { timeout: 240_000 },
    async ({ page: police }) => {
      await signInAs(police, 'police@riverside.demo');
      const { situationId, reference } = await draftSituation(police, {
        givenName: GIVEN,
        familyName: FAMILY,
      });

      // The originating agency corrects its draft before presenting it. The new summary names a
      // service after a person: the guard asks, while typing, whether it is a person's name.
      await police.getByRole('link', { name: 'Edit draft' }).click();
      await police.locator('main h1', { hasText: `Edit draft ${reference}` }).waitFor();
      await settled(police);
      const form = police.locator('main form');
      const summary = form.getByLabel('De-identified summary');
      await summary.fill(
        'An adult with mounting gambling debts and no income has been served an eviction notice; the John Howard Society has offered help.',
      );
      const check = form.getByRole('status').filter({ hasText: 'look' });
      await check.getByText('1 word looks like a person’s name.', { exact: false }).waitFor();
      const notAName = form.getByLabel('“John Howard” is not a person’s name');
      await notAName.waitFor();
      await settled(police);
      // Saved without confirming: the draft is kept, but it cannot be presented yet.
      await form.getByRole('button', { name: 'Save draft' }).click();
      await police.getByText('Draft updated.').waitFor();
      await police.getByText('no income has been served').waitFor();
      await police
        .getByText('some words of the summary look like a person’s name', { exact: false })
        .waitFor();
      expect(await police.getByRole('button', { name: 'Present to the table' }).isDisabled()).toBe(
        true,
      );
      await settled(police);

      // Confirmed, by keyboard, at a phone's width: then it can be presented.
      await police.setViewportSize({ width: 360, height: 740 });
      await police.getByRole('link', { name: 'Edit the draft' }).click();
      await police.locator('main h1', { hasText: `Edit draft ${reference}` }).waitFor();
      await notAName.focus();
      await police.keyboard.press('Space');
      expect(await notAName.isChecked()).toBe(true);
      await form
        .getByText('You confirmed the highlighted words are not names.', { exact: false })
        .waitFor();
      expect(
        await police.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      ).toBe(true);
      await settled(police);
      await form.getByRole('button', { name: 'Save draft' }).click();
      await police.getByText('Draft updated.').waitFor();
      await police.setViewportSize({ width: 1280, height: 800 });
      await settled(police);
      await police.getByRole('button', { name: 'Present to the table' }).click();
      await police.getByText('Presented.', { exact: false }).waitFor();

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
        const first = await context.newPage();
        await first.goto('/sign-in');
        await fillSignInForm(first, 'chair@riverside.demo', DEMO_PASSWORD);
        await first.waitForURL((url) => url.pathname === '/');
        // Two tabs of the same person on the same situation.
        const second = await context.newPage();
        for (const tab of [first, second]) {
          await tab.goto(`/situations/${situationId}`);
          await tab.locator('main h1', { hasText: reference }).waitFor();
          await tab.getByRole('region', { name: 'Record the filter 2 decision' }).waitFor();
        }

        const decide = first.getByRole('region', { name: 'Record the filter 2 decision' });
        await decide.getByLabel('Reject – not acutely elevated risk').check();
        await decide
          .getByLabel('Reason for rejecting')
          .selectOption({ label: 'A single agency can mitigate the risk' });
        await settled(first);
        await decide.getByRole('button', { name: 'Record the decision' }).click();
        await first.getByText('Decision recorded: rejected.', { exact: false }).waitFor();
        await settled(first);
        expect(
          await first.getByRole('region', { name: 'Record the filter 2 decision' }).count(),
        ).toBe(0);

        // The stale tab still offers the decision; recording it is refused, nothing overwritten.
        const stale = second.getByRole('region', { name: 'Record the filter 2 decision' });
        await stale.getByLabel('Accept – acutely elevated risk').check();
        await stale.getByRole('button', { name: 'Record the decision' }).click();
        await second.getByText('Someone changed this situation since you opened it.').waitFor();
        await settled(second);
        await second.getByRole('button', { name: 'Reload' }).click();
        await second
          .getByText('The table decided this is not an acutely elevated risk.', { exact: false })
          .waitFor();
        expect(
          await second.getByRole('region', { name: 'Record the filter 2 decision' }).count(),
        ).toBe(0);
        await settled(second);
        await context.close();
      } finally {
        await browser.close();
      }

      // The rejection destroyed the identity: even the originating agency cannot show it. The
      // summary went with it; the page says what was kept.
      await police.reload();
      await police.locator('main h1', { hasText: reference }).waitFor();
      await police.getByText('Identifying information destroyed:', { exact: false }).waitFor();
      await police
        .getByText('The summary was destroyed with the identifying information on', {
          exact: false,
        })
        .waitFor();
      await police
        .getByText('Kept, for the table’s statistics: the coded facts', { exact: false })
        .waitFor();
      // The notice of the last write was for that moment only, not for every reload.
      expect(await police.getByText('Draft updated.').count()).toBe(0);
      expect(await police.getByRole('button', { name: 'Show identity' }).count()).toBe(0);
      const text = await police.locator('body').innerText();
      expect(text).not.toContain(GIVEN);
      expect(text).not.toContain(FAMILY);
      expect(text).not.toContain('gambling debts');
      await settled(police);
    },
  );
});
