import { describe, expect } from 'vitest';
import { expectRenderedAndAccessible, reload, test, visit } from '../support/browser';

describe('language', () => {
  test('switches to French with the keyboard and keeps it after a reload', async ({ page }) => {
    await visit(page, '/');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    const toFrench = page.getByRole('button', { name: 'Français' });
    await toFrench.focus();
    await page.keyboard.press('Enter');

    await page.locator('main h1', { hasText: 'Bienvenue dans Fourfold' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.title()).toBe('Accueil – Fourfold');
    await page.getByRole('status').getByText('Base de données connectée').waitFor();
    await expectRenderedAndAccessible(page);

    await reload(page);
    expect(await page.locator('main h1').textContent()).toBe('Bienvenue dans Fourfold');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');

    // And back, with the space bar this time: the switch is a real button.
    const toEnglish = page.getByRole('button', { name: 'English' });
    await toEnglish.focus();
    await page.keyboard.press('Space');
    await page.locator('main h1', { hasText: 'Welcome to Fourfold' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expectRenderedAndAccessible(page);
  });

  describe('on a first visit with a French browser', () => {
    test.override('locale', 'fr-CA');

    test('starts in French', async ({ page }) => {
      await visit(page, '/');
      expect(await page.locator('main h1').textContent()).toBe('Bienvenue dans Fourfold');
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    });
  });
});
