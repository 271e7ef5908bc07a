/**
 * Nothing typed is lost (issue #11, point 3): a representative types a new draft, identity and
 * summary included, and their session ends elsewhere (signed out from another tab of the same
 * browser). Saving opens a sign-in dialog over the form instead of leaving the page; cancelling
 * keeps the form as typed; signing in again saves it with everything typed. Nothing of it is
 * ever written to browser storage. The draft was saved with Filter 1 unanswered: the situation
 * page says which questions are open and presenting waits for them.
 */
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import {
  DESKTOP,
  PHONE,
  expectRenderedAndAccessible,
  focusedElement,
  test,
} from '../support/browser';
import { DEMO_PASSWORD, signInAs } from '../support/sign-in';

const EMAIL = 'police@riverside.demo';
const GIVEN = 'Odalys';
const FAMILY = 'Thistlewood';
const SUMMARY = 'A parent facing eviction has stopped answering the door since the lease ended.';

const FILTER1_QUESTIONS = [
  /important at stake/,
  /harm likely/,
  /harm be serious/,
  /more than one agency/,
  /everything it can do alone/,
];

/**
 * Fails if anything typed, the password, the address or a token sits in browser storage: local
 * and session storage, IndexedDB, Cache Storage, cookies the page can read or any cookie at all.
 */
async function expectNothingStored(page: Page) {
  const stored = await page.evaluate(async () => {
    const entries: string[] = [];
    for (const storage of [localStorage, sessionStorage]) {
      for (let index = 0; index < storage.length; index += 1) {
        const key = storage.key(index) ?? '';
        entries.push(`${key}=${storage.getItem(key) ?? ''}`);
      }
    }
    const databases = (await indexedDB.databases()).map((database) => database.name ?? '');
    const caches = 'caches' in window ? await window.caches.keys() : [];
    return { entries, databases, caches, cookie: document.cookie };
  });
  expect(stored.databases).toEqual([]);
  expect(stored.caches).toEqual([]);
  const cookies = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`);
  const everything = [...stored.entries, stored.cookie, ...cookies].join('\n');
  for (const value of [GIVEN, FAMILY, SUMMARY.slice(0, 30), DEMO_PASSWORD, EMAIL]) {
    expect(everything).not.toContain(value);
  }
  // No access token (a JWT) in storage the page can read.
  expect([...stored.entries, stored.cookie].join('\n')).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\./);
}

/** Ends the session from a second tab of the same browser, as the person would by signing out. */
async function signOutElsewhere(page: Page) {
  const other = await page.context().newPage();
  await other.goto('/');
  await other.getByRole('button', { name: 'Sign out' }).click();
  await other.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor();
  await other.close();
  await page.bringToFront();
}

describe('nothing typed is lost', () => {
  test('a lapsed session is signed in again over the form, and the draft is saved with everything typed', async ({
    page,
  }) => {
    await signInAs(page, EMAIL);
    await page.goto('/tables');
    await page.getByRole('link', { name: 'Riverside Situation Table' }).click();
    await page.getByRole('link', { name: 'New situation' }).click();
    const form = page.locator('main form');
    await form.getByLabel('Situation type').waitFor();
    await form
      .getByText('You can save the draft before answering them; presenting it to the table')
      .waitFor();

    // The facts and the identity, and no Filter 1 answer: a draft may wait for them.
    await form.getByLabel('Situation type').selectOption({ label: 'Individual' });
    await form.getByLabel('Age band').selectOption({ label: '40–59' });
    await form.getByLabel('Gender').selectOption({ label: 'Female' });
    const riskFactors = form.getByRole('group', { name: 'Risk factors' });
    const filter = riskFactors.getByLabel('Filter the list: Risk factors');
    for (const factor of ['gambling', 'poverty']) {
      await filter.fill(factor);
      await riskFactors.getByRole('checkbox').first().check();
    }
    await filter.fill('');
    const identity = form.getByRole('region', { name: 'Protected – identifying information' });
    await identity.getByLabel('Given name').fill(GIVEN);
    await identity.getByLabel('Family name').fill(FAMILY);
    await form.getByLabel('De-identified summary').fill(SUMMARY);

    await signOutElsewhere(page);

    // Saving meets the ended session: the dialog opens over the form, for the same person.
    await form.getByRole('button', { name: 'Save draft' }).click();
    let dialog = page.getByRole('dialog', { name: 'Your session has ended' });
    await dialog.waitFor();
    const email = dialog.getByLabel('Email address');
    expect(await email.inputValue()).toBe(EMAIL);
    expect(await email.getAttribute('readonly')).not.toBeNull();
    expect((await focusedElement(page)).id).toBe('re-sign-in-password');
    await expectRenderedAndAccessible(page);

    // Cancel (Escape): the save fails as usual, the form keeps everything, focus is back on Save.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('alert').getByText('You need to sign in to continue.').waitFor();
    const notice = page.getByRole('status').filter({ hasText: 'Your session has ended' });
    await notice.getByRole('button', { name: 'Sign in again' }).waitFor();
    expect(await form.getByLabel('De-identified summary').inputValue()).toBe(SUMMARY);
    expect(await identity.getByLabel('Given name').inputValue()).toBe(GIVEN);
    await page.waitForFunction(() => document.activeElement?.textContent === 'Save draft');
    await expectRenderedAndAccessible(page);
    await expectNothingStored(page);

    // The same in French, at 1280 and then on a phone, where the save is tried again.
    await page.getByRole('button', { name: 'Français' }).click();
    await page.locator('main h1', { hasText: 'Nouvelle situation' }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: 'Votre session a pris fin' })
      .getByRole('button', { name: 'Se reconnecter' })
      .waitFor();
    await expectRenderedAndAccessible(page);
    await page.setViewportSize(PHONE);
    await expectRenderedAndAccessible(page);
    await form.getByRole('button', { name: 'Enregistrer l’ébauche' }).click();
    dialog = page.getByRole('dialog', { name: 'Votre session a pris fin' });
    await dialog.waitFor();
    await expectRenderedAndAccessible(page);
    await dialog.getByLabel('Mot de passe').fill('not-the-right-password');
    await dialog.getByRole('button', { name: 'Se connecter' }).click();
    await dialog.getByRole('alert').waitFor();
    await expectRenderedAndAccessible(page);
    await dialog.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
    await dialog.getByRole('button', { name: 'Se connecter' }).click();

    // Signed in again, the save went through: the situation page, with what was typed.
    await page.waitForURL(/\/situations\/[0-9a-f-]{36}$/);
    await page.getByText('Ébauche enregistrée.', { exact: false }).waitFor();
    await expectRenderedAndAccessible(page);
    const facts = page.getByRole('region', { name: 'Faits dépersonnalisés' });
    await facts.getByText(SUMMARY).waitFor();
    expect(await facts.getByText('Pas encore de réponse', { exact: true }).count()).toBe(5);
    const present = page.getByRole('region', { name: 'Présenter à la table' });
    expect(await present.getByText('(pas encore de réponse)', { exact: true }).count()).toBe(5);
    expect(await present.getByRole('button', { name: 'Présenter à la table' }).isDisabled()).toBe(
      true,
    );
    const panel = page.getByRole('region', { name: 'Protégé – renseignements identificatoires' });
    await panel.getByRole('button', { name: 'Afficher l’identité' }).click();
    await panel.getByRole('button', { name: 'Afficher l’identité' }).click();
    await panel.getByText(`${GIVEN} ${FAMILY}`).waitFor();
    await expectRenderedAndAccessible(page);
    await expectNothingStored(page);

    // In English: answering the five questions makes the draft ready to present.
    await page.setViewportSize(DESKTOP);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Edit draft' }).first().click();
    const edit = page.locator('main form');
    for (const question of FILTER1_QUESTIONS) {
      await edit.getByRole('group', { name: question }).getByLabel('Yes').check();
    }
    await edit.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL(/\/situations\/[0-9a-f-]{36}$/);
    const ready = page.getByRole('region', { name: 'Present to the table' });
    await ready.getByRole('button', { name: 'Present to the table', disabled: false }).waitFor();
    expect(await ready.getByText('answer “Yes” to every Filter 1 question').count()).toBe(0);
    await page
      .getByRole('region', { name: 'De-identified facts' })
      .getByText('All five criteria met')
      .waitFor();
    await expectRenderedAndAccessible(page);
    await page.setViewportSize(PHONE);
    await expectRenderedAndAccessible(page);
    await expectNothingStored(page);
  });
});
