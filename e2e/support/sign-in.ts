/** Signing in through the real sign-in page, as a person would, with the demo password. */
import type { Page } from 'playwright-core';
import { expectRenderedAndAccessible, visit } from './browser';

export const DEMO_PASSWORD = 'fourfold-demo-2026';

/**
 * Signs in on /sign-in (checking that page with axe) and waits for the home page, or for an
 * analyst (whose home is the statistics dashboard) the statistics.
 */
export async function signInAs(page: Page, email: string, password = DEMO_PASSWORD) {
  await visit(page, '/sign-in');
  await fillSignInForm(page, email, password);
  await page.waitForURL((url) => url.pathname === '/' || url.pathname === '/statistics');
  // Hidden or not: on a phone the button sits behind the header's closed menu.
  await page
    .getByRole('button', { name: /sign out|se déconnecter/i, includeHidden: true })
    .waitFor({ state: 'attached' });
  await expectRenderedAndAccessible(page);
}

export async function fillSignInForm(page: Page, email: string, password: string) {
  await page.getByLabel(/^(email address|adresse courriel)$/i).fill(email);
  await page.getByLabel(/^(password|mot de passe)$/i).fill(password);
  await page.getByRole('button', { name: /^(sign in|se connecter)$/i }).click();
}
