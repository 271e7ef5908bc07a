/**
 * The other ending of filter 2, and two people acting on one situation at once:
 *
 * - police@riverside drafts a situation with an identity, corrects the draft — whose summary now
 *   names a service after a person, which the guard flags as a possible name while typing — is
 *   stopped from presenting it until confirming, by keyboard, that it is not a person's name, and
 *   presents it;
 * - chair@riverside has it open in two tabs; in one the table's decision is recorded as a
 *   rejection, confirmed in a dialog that says the identity and the free text are destroyed
 *   (Cancel first: nothing happens); the other tab — now stale — tries to accept it and is told
 *   what changed (the stage moved to rejected) and to reload, instead of overwriting the decision;
 * - the rejection destroyed the identity and the summary with it: the originating agency can no
 *   longer show either, and the page says what was kept (the coded facts, for statistics), what
 *   the table decided, why, who recorded it and when — and no lead agency or involvement column —
 *   in English and French, at 1280 and 360 px.
 *
 * Axe runs on every new state of a page. The situation is this test's own, found by its reference.
 */
import { chromium, type Page } from 'playwright-core';
import { describe, expect, inject } from 'vitest';
import { expectRenderedAndAccessible, PHONE, test } from '../support/browser';
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
      await police
        .getByRole('dialog', { name: `Present ${reference} to the table?` })
        .getByRole('button', { name: 'Present to the table' })
        .click();
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
        const confirmRejection = first.getByRole('dialog', {
          name: `Record the rejection of ${reference}?`,
        });
        await confirmRejection
          .getByText(
            'The identifying information and the free text (the summary and any notes) are destroyed. This cannot be undone.',
          )
          .waitFor();
        await confirmRejection
          .getByText('Reason: A single agency can mitigate the risk.')
          .waitFor();
        await settled(first);
        // Cancel: nothing is recorded, the form keeps its choices.
        await confirmRejection.getByRole('button', { name: 'Cancel' }).click();
        await confirmRejection.waitFor({ state: 'hidden' });
        expect(await decide.getByLabel('Reject – not acutely elevated risk').isChecked()).toBe(
          true,
        );
        await decide.getByRole('button', { name: 'Record the decision' }).click();
        await confirmRejection.getByRole('button', { name: 'Reject and destroy' }).click();
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
        // It says what changed, read from the situation as it now is.
        await second
          .getByRole('alert')
          .getByText(
            'The stage moved from “Filter 2 – de-identified discussion” to “Not acutely elevated risk – rejected”.',
          )
          .waitFor();
        await second
          .getByRole('alert')
          .getByText('The identifying information and the free text were destroyed.')
          .waitFor();
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
      // What a rejected situation has: the decision, its reason, who and when; no lead agency,
      // no assisting agencies, no involvement column.
      const outcome = police.getByRole('region', { name: 'Outcome' });
      await outcome.getByText('Not an acutely elevated risk: rejected').waitFor();
      await outcome.getByText('A single agency can mitigate the risk').waitFor();
      await outcome.getByText(/, recorded by Casey Chair, Riverside Social Services$/).waitFor();
      await outcome
        .getByText(
          'The identifying information and the free text were destroyed with the decision',
          {
            exact: false,
          },
        )
        .waitFor();
      expect(await police.getByText('Not yet assigned').count()).toBe(0);
      expect(await police.getByText('Lead agency').count()).toBe(0);
      expect(await police.getByText('Already works with the person?').count()).toBe(0);
      await police
        .getByRole('heading', { name: 'Agencies present at the filter 2 decision' })
        .waitFor();
      // The same in French, and at a phone's width.
      await police.getByRole('button', { name: 'Français' }).click();
      await police
        .getByRole('region', { name: 'Issue' })
        .getByText('Pas un risque aigu élevé : rejetée')
        .waitFor();
      expect(await police.getByText('Pas encore désigné').count()).toBe(0);
      await settled(police);
      await police.setViewportSize(PHONE);
      await settled(police);
    },
  );
});
