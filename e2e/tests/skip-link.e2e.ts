import { describe, expect } from 'vitest';
import { focusedElement, test, visit } from '../support/browser';

describe('skip link', () => {
  test('is the first Tab stop and moves focus to the main content', async ({ page }) => {
    await visit(page, '/');

    await page.keyboard.press('Tab');
    expect(await focusedElement(page)).toMatchObject({ tag: 'a', text: 'Skip to main content' });
    // Hidden until focused, then on screen.
    const box = await page.getByRole('link', { name: 'Skip to main content' }).boundingBox();
    expect(box?.y ?? -1).toBeGreaterThanOrEqual(0);

    await page.keyboard.press('Enter');
    expect(await focusedElement(page)).toMatchObject({ tag: 'main', id: 'main' });

    // The next Tab stop is inside main, past the header and navigation.
    await page.keyboard.press('Tab');
    expect((await focusedElement(page)).insideMain).toBe(true);
  });
});
