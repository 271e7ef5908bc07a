import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, inject } from 'vitest';
import { expectRenderedAndAccessible, reload, test, visit } from '../support/browser';
import { DEMO_PASSWORD, fillSignInForm, signInAs } from '../support/sign-in';

/**
 * Wrong passwords for the account from outside any browser (no device cookie), waiting out each
 * delay, until `failures` have counted: the next untrusted attempt then has to wait.
 */
async function guessFromElsewhere(email: string, failures: number) {
  let counted = 0;
  while (counted < failures) {
    const res = await fetch(`${inject('baseUrl')}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: `not-the-password-${counted}` }),
    });
    if (res.status === 401) counted += 1;
    else if (res.status === 429) await sleep(Number(res.headers.get('retry-after')) * 1000 + 100);
    else throw new Error(`unexpected answer ${res.status}`);
  }
}

describe('signing in and out', () => {
  test('a representative signs in, lands on their table’s work, keeps the session on reload, signs out', async ({
    page,
  }) => {
    await signInAs(page, 'police@riverside.demo');
    const header = page.getByRole('banner');
    await header.getByText('Signed in as Pat Police').waitFor();
    await header.getByText('Riverside Police Service').waitFor();
    const table = page.getByRole('main').getByRole('region', { name: 'Riverside Situation Table' });
    await table.getByText('Your role: Agency representative').waitFor();

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

  test('a browser that signed in before is not held up by guessing elsewhere; a new one is told how long to wait', async ({
    page,
  }) => {
    // An account no other browser test signs in with: the guessing below slows its new browsers.
    const email = 'analyst@riverside.demo';
    await signInAs(page, email);
    const header = page.getByRole('banner');
    await header.getByRole('button', { name: 'Sign out' }).click();
    await header.getByRole('link', { name: 'Sign in' }).waitFor();
    const device = (await page.context().cookies()).filter((c) => c.name.startsWith('ff_device_'));
    expect(device).toHaveLength(1);
    expect(device[0]).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict' });

    await guessFromElsewhere(email, 7);

    // A browser without the device cookie must wait, and is told for how long.
    await page.context().clearCookies();
    await visit(page, '/sign-in');
    await fillSignInForm(page, email, DEMO_PASSWORD);
    await page
      .getByRole('alert')
      .getByText('Too many sign-in attempts failed.', { exact: false })
      .waitFor();
    await page.getByText(/^Try again in \d+ minutes?\./).waitFor();
    await expectRenderedAndAccessible(page);

    // The person's own browser signs in at once.
    await page.context().addCookies(device);
    await fillSignInForm(page, email, DEMO_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/');
    await header.getByRole('button', { name: 'Sign out' }).waitFor();
  });

  test('a signed-out visitor to a signed-in page is sent to sign in and brought back', async ({
    page,
  }) => {
    await visit(page, '/account');
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/account');
  });

  test('a signed-out visit to the home and to sign in logs no console error and no failed request', async ({
    page,
  }) => {
    // No session is the ordinary state of a visitor: asking for one must not read as a failure.
    const failures: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') failures.push(`console error: ${message.text()}`);
    });
    page.on('requestfailed', (request) => failures.push(`request failed: ${request.url()}`));
    page.on('response', (response) => {
      if (response.status() >= 400) failures.push(`${response.status()}: ${response.url()}`);
    });
    const refreshes: number[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/api/auth/refresh') {
        refreshes.push(response.status());
      }
    });

    await visit(page, '/');
    await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor();
    await visit(page, '/sign-in');
    await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor();
    // The session was asked for on each load, and answered "none" without an error status.
    expect(refreshes).toEqual([204, 204]);
    expect(failures).toEqual([]);
  });
});
