// The browser tests' own accessibility check (expectRenderedAndAccessible) must fail a page that
// breaks a rule, whether axe is new to the document or was put there by an earlier check: every
// other browser test relies on it, and a check that never fails would pass them all.
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { expectRenderedAndAccessible, test, visit } from '../support/browser';

/** Adds an image without a text alternative to the page's main content (axe: image-alt). */
async function addUnlabelledImage(page: Page) {
  await page.evaluate(() => {
    const image = document.createElement('img');
    image.src = '/favicon.svg';
    document.querySelector('main')!.append(image);
  });
}

describe('the accessibility check of the browser tests', () => {
  test('fails a page that has just been checked once it breaks a rule', async ({ page }) => {
    await visit(page, '/');
    await addUnlabelledImage(page);
    await expect(expectRenderedAndAccessible(page)).rejects.toThrow(/image-alt \(critical\)/);
  });

  test('fails a newly loaded document that breaks a rule', async ({ page }) => {
    await page.goto('/');
    await page.locator('main h1').waitFor();
    await addUnlabelledImage(page);
    await expect(expectRenderedAndAccessible(page)).rejects.toThrow(/image-alt \(critical\)/);
  });
});
