import { describe, expect } from 'vitest';
import { expectRenderedAndAccessible, reload, test, visit } from '../support/browser';
import { fillSignInForm, signInAs } from '../support/sign-in';

describe('signing in and out', () => {
  test('a representative signs in, sees their tables, keeps the session on reload, signs out', async ({
    page,
  }) => {
    await signInAs(page, 'police@riverside.demo');
    const header = page.getByRole('banner');
    await header.getByText('Signed in as Pat Police').waitFor();
    await header.getByText('Riverside Police Service').waitFor();
    const tables = page.getByRole('table', { name: /situation tables you belong to/i });
    await tables.getByRole('rowheader', { name: 'Riverside Situation Table' }).waitFor();
    expect(await tables.getByRole('cell', { name: 'Agency representative' }).count()).toBe(1);

    // The access token lives in memory only; a reload restores the session from the cookie.
    await reload(page);
    await header.getByText('Signed in as Pat Police').waitFor();

    await header.getByRole('button', { name: 'Sign out' }).click();
    await header.getByRole('link', { name: 'Sign in' }).waitFor();
    await reload(page);
    await header.getByRole('link', { name: 'Sign in' }).waitFor();
  });

  test('a wrong password is refused with the reason and a reference, in French too', async ({
    page,
  }) => {
    await visit(page, '/sign-in');
    await page.getByRole('button', { name: 'Français' }).click();
    await page.locator('main h1', { hasText: 'Connexion' }).waitFor();
    await fillSignInForm(page, 'police@riverside.demo', 'not-the-right-password');
    const alert = page.getByRole('alert');
    await alert.getByText(/n’a pas été reconnu|n'a pas été reconnu|non reconnu/i).waitFor();
    expect(await alert.textContent()).toMatch(/Référence/);
    await expectRenderedAndAccessible(page);
  });

  test('a signed-out visitor to a signed-in page is sent to sign in and brought back', async ({
    page,
  }) => {
    await visit(page, '/account');
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/account');
  });
});
