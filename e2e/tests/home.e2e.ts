import { describe, expect } from 'vitest';
import { test, visit } from '../support/browser';

describe('home page', () => {
  test('introduces Fourfold in English and shows the real system status', async ({ page }) => {
    await visit(page, '/');

    expect(await page.locator('main h1').textContent()).toBe('Welcome to Fourfold');
    expect(await page.title()).toBe('Home – Fourfold');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('.filter-list > li').count()).toBe(4);

    const nav = page.getByRole('navigation', { name: 'Primary' });
    expect(await nav.getByRole('link', { name: 'Home' }).getAttribute('aria-current')).toBe('page');
    expect(await nav.getByRole('link', { name: 'API documentation' }).getAttribute('href')).toBe(
      '/api/docs',
    );

    // The status comes from GET /api/health/ready of the running server and its embedded database.
    const status = page.getByRole('region', { name: 'System status' }).getByRole('status');
    await status.getByText('Database connected').waitFor();
    expect(await status.getAttribute('aria-busy')).toBe('false');
  });
});
