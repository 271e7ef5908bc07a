import { describe, expect } from 'vitest';
import { expectRenderedAndAccessible, focusedElement, test, visit } from '../support/browser';

describe('unknown client route', () => {
  test('shows the not-found page in English, with a way home', async ({ page }) => {
    await visit(page, '/no/such/page');

    expect(await page.locator('main h1').textContent()).toBe('Page not found');
    expect(await page.title()).toBe('Page not found – Fourfold');

    // A client-side navigation moves focus to the new page's heading.
    await page.getByRole('main').getByRole('link', { name: 'Go to the home page' }).click();
    await page.locator('main h1', { hasText: 'Welcome to Fourfold' }).waitFor();
    expect(await focusedElement(page)).toMatchObject({ tag: 'h1', text: 'Welcome to Fourfold' });
    expect(await page.title()).toBe('Home – Fourfold');
    await expectRenderedAndAccessible(page);
  });

  test('shows the not-found page in French', async ({ page }) => {
    await visit(page, '/no/such/page');
    await page.getByRole('button', { name: 'Français' }).click();

    await page.locator('main h1', { hasText: 'Page introuvable' }).waitFor();
    expect(await page.title()).toBe('Page introuvable – Fourfold');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await expectRenderedAndAccessible(page);

    // Loaded directly, another unknown path is French from the start: the choice was kept.
    await visit(page, '/encore/une/page/inconnue');
    expect(await page.locator('main h1').textContent()).toBe('Page introuvable');
    expect(
      await page.getByRole('main').getByRole('link', { name: 'Aller à la page d’accueil' }).count(),
    ).toBe(1);
  });
});
