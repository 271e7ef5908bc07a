import * as OTPAuth from 'otpauth';
import type { Page } from 'playwright-core';
import { describe, expect, inject } from 'vitest';
import { expectRenderedAndAccessible, test, visit } from '../support/browser';
import { newestLinkTo } from '../support/outbox';
import { DEMO_PASSWORD, fillSignInForm, signInAs } from '../support/sign-in';

// Demo users that no other browser test uses: this file changes their second factor.
const ENROLLING_USER = 'cas@riverside.demo';
const READING_USER = 'hospital@riverside.demo';

/** The code an authenticator app would show now for the key on the page. */
const codeFor = (secret: string) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate();

async function signOut(page: Page) {
  const header = page.getByRole('banner');
  await header.getByRole('button', { name: 'Sign out' }).click();
  await header.getByRole('link', { name: 'Sign in' }).waitFor();
}

describe('your account', () => {
  test('a representative turns on two-step verification, signs in with a code, and is refused a weak password in English and French', async ({
    page,
  }) => {
    await signInAs(page, ENROLLING_USER);
    await visit(page, '/account');
    const twoStep = page.getByRole('region', { name: 'Two-step verification' });
    await twoStep.getByText('Two-step verification is off.').waitFor();

    // Password first, then the QR code and the key for typing in by hand.
    await twoStep.getByRole('button', { name: 'Set up two-step verification' }).click();
    await twoStep.getByLabel('Current password').fill(DEMO_PASSWORD);
    await twoStep.getByRole('button', { name: 'Continue' }).click();
    await twoStep
      .getByRole('heading', { name: 'Add Fourfold to your authenticator app' })
      .waitFor();
    await twoStep.getByRole('img', { name: /QR code that adds your Fourfold account/ }).waitFor();
    await expectRenderedAndAccessible(page);
    const secret = ((await twoStep.locator('code.two-step__secret').textContent()) ?? '').replace(
      /\s+/g,
      '',
    );
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    await twoStep.getByLabel('Code from your authenticator app').fill(codeFor(secret));
    await twoStep.getByRole('button', { name: 'Turn on two-step verification' }).click();

    // The recovery codes, once, with a download and an acknowledgement.
    await twoStep.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
    const codes = twoStep.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    expect(await codes.count()).toBe(10);
    expect(await codes.first().textContent()).toMatch(/^[a-z2-9]{12}$/);
    await expectRenderedAndAccessible(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      twoStep.getByRole('button', { name: 'Download the codes as a text file' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('fourfold-recovery-codes.txt');
    await twoStep.getByRole('button', { name: 'Done' }).click();
    await twoStep.getByText('Confirm that you have stored your recovery codes.').waitFor();
    await twoStep.getByLabel('I have stored my recovery codes somewhere safe').check();
    await twoStep.getByRole('button', { name: 'Done' }).click();
    await twoStep.getByText('Two-step verification is now on.').waitFor();
    await twoStep.getByRole('button', { name: 'Get new recovery codes' }).waitFor();
    await expectRenderedAndAccessible(page);

    // Signing in again now takes a code after the password.
    await signOut(page);
    await visit(page, '/sign-in');
    await fillSignInForm(page, ENROLLING_USER, DEMO_PASSWORD);
    const codeField = page.getByLabel('Code from your authenticator app');
    await codeField.waitFor();
    await expectRenderedAndAccessible(page);
    await codeField.fill(codeFor(secret));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    // A weak new password is refused, with the reasons in the reader's language.
    await visit(page, '/account');
    await page
      .getByRole('region', { name: 'Two-step verification' })
      .getByText('Two-step verification is on.')
      .waitFor();
    const changePassword = page.getByRole('region', { name: 'Change password' });
    await changePassword.getByLabel('Current password').fill(DEMO_PASSWORD);
    await changePassword.getByLabel('New password', { exact: true }).fill('password1234');
    await changePassword.getByLabel('Repeat the new password').fill('password1234');
    await changePassword.getByRole('button', { name: 'Change password' }).click();
    await changePassword.getByText('This password cannot be used:').waitFor();
    await changePassword.getByText('It would be too easy to guess.').waitFor();
    expect(
      await changePassword.getByLabel('New password', { exact: true }).getAttribute('aria-invalid'),
    ).toBe('true');
    await expectRenderedAndAccessible(page);

    await page.getByRole('button', { name: 'Français' }).click();
    await page.locator('main h1', { hasText: 'Votre compte' }).waitFor();
    const deuxEtapes = page.getByRole('region', { name: 'Vérification en deux étapes' });
    await deuxEtapes.getByText('La vérification en deux étapes est activée.').waitFor();
    await deuxEtapes
      .getByRole('button', { name: 'Obtenir de nouveaux codes de récupération' })
      .waitFor();
    const motDePasse = page.getByRole('region', { name: 'Changer le mot de passe' });
    await motDePasse.getByText('Il serait trop facile à deviner.').waitFor();
    await motDePasse.getByLabel('Nouveau mot de passe', { exact: true }).waitFor();
    await expectRenderedAndAccessible(page);
    // Many pages and states, each checked with axe: longer than the default of one page.
  }, 120_000);

  test('a representative reads the accepted confidentiality agreement, in French too', async ({
    page,
  }) => {
    await signInAs(page, READING_USER);
    await visit(page, '/account');
    const tableLink = page.getByRole('link', { name: 'Riverside Situation Table' });
    const href = (await tableLink.getAttribute('href')) ?? '';
    const tableId = /\/tables\/([0-9a-f-]{36})/.exec(href)?.[1];
    expect(tableId).toBeDefined();

    await visit(page, `/tables/${tableId}/agreement`);
    await page
      .locator('main h1', { hasText: 'Confidentiality agreement – Riverside Situation Table' })
      .waitFor();
    await page.getByText(/^I will use information shared at this situation table/).waitFor();
    await page
      .getByRole('status')
      .getByText(/You accepted this version on/)
      .waitFor();

    await page.getByRole('button', { name: 'Français' }).click();
    await page.locator('main h1', { hasText: 'Entente de confidentialité' }).waitFor();
    await page.getByText(/^Je n’utiliserai les renseignements/).waitFor();
    await expectRenderedAndAccessible(page);
  }, 60_000);

  test('an invited person opens the link from their e-mail, chooses a password and is signed in', async ({
    page,
  }) => {
    // The administrator's part, through the API: the answer carries no link.
    const api = async (path: string, init: { method?: string; token?: string; body?: object }) => {
      const response = await fetch(`${inject('baseUrl')}/api${path}`, {
        method: init.method ?? 'GET',
        headers: {
          ...(init.body ? { 'content-type': 'application/json' } : {}),
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        },
        ...(init.body ? { body: JSON.stringify(init.body) } : {}),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const login = await api('/auth/login', {
      method: 'POST',
      body: { email: 'admin@fourfold.demo', password: DEMO_PASSWORD },
    });
    const token = login.body.accessToken as string;
    const agencies = await api('/admin/agencies', { token });
    const agency = (agencies.body.items as { id: string; name: string }[]).find(
      (item) => item.name === 'Riverside Housing Help Centre',
    )!;
    const email = `sam.${Date.now().toString(36)}@riverside.example`;
    const created = await api('/admin/users', {
      method: 'POST',
      token,
      body: { email, displayName: 'Sam Newcomer', agencyId: agency.id },
    });
    expect(created.status).toBe(201);
    expect(JSON.stringify(created.body)).not.toContain('set-password');

    // The person's part: the link from the e-mail.
    const link = await newestLinkTo(email);
    await page.goto(link);
    await page.locator('main h1', { hasText: 'Set your password' }).waitFor();
    await page.getByText('Welcome to Fourfold, Sam Newcomer.', { exact: false }).waitFor();
    expect(new URL(page.url()).hash).toBe('');
    await expectRenderedAndAccessible(page);
    await page.getByLabel('New password', { exact: true }).fill('lantern-orchard-quietly-2026');
    await page.getByLabel('Repeat the new password').fill('lantern-orchard-quietly-2026');
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).waitFor();
    await expectRenderedAndAccessible(page);

    // The link works once.
    await page.goto(link);
    await page.locator('main h1', { hasText: 'This link cannot be used' }).waitFor();
  });

  test('an unusable invitation link says what to do, and leaves no token in the address bar', async ({
    page,
  }) => {
    await visit(page, '/set-password#token=not-a-real-token-but-long-enough');
    await page.locator('main h1', { hasText: 'This link cannot be used' }).waitFor();
    await page.getByText('Ask your administrator for a new link.', { exact: false }).waitFor();
    expect(new URL(page.url()).hash).toBe('');
    await expectRenderedAndAccessible(page);
  });
});
