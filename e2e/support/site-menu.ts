/**
 * On a narrow window the header's account tools and the navigation sit behind the menu button.
 * `openSiteMenu` opens it when it is shown and closed, so a test can reach them at any size.
 */
import type { Page } from 'playwright-core';

export function siteMenuButton(page: Page) {
  return page.getByRole('banner').getByRole('button', { name: 'Menu', exact: true });
}

export async function openSiteMenu(page: Page): Promise<void> {
  const button = siteMenuButton(page);
  if (!(await button.isVisible())) return;
  if ((await button.getAttribute('aria-expanded')) === 'true') return;
  await button.click();
  await page.getByRole('navigation', { name: /^(Primary|Principale)$/ }).waitFor();
}
