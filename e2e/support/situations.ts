/**
 * Drafting a situation at Riverside as a representative would, through the real form: the five
 * filter-1 answers, the three codes, two risk factors, optional study flags, an identity and a
 * de-identified summary. Returns the new situation's id and reference.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export async function draftSituation(
  page: Page,
  options: { givenName: string; familyName: string; studyFlags?: readonly string[] },
): Promise<{ situationId: string; reference: string }> {
  await page
    .getByRole('navigation', { name: 'Primary' })
    .getByRole('link', { name: 'Situation tables' })
    .click();
  await page.getByRole('link', { name: 'Riverside Situation Table' }).click();
  await page.locator('main h1', { hasText: 'Riverside Situation Table' }).waitFor();
  await page.getByRole('link', { name: 'New situation' }).click();
  const form = page.locator('main form');
  await form.getByLabel('Situation type').waitFor();
  for (const question of [
    /important at stake/,
    /harm likely/,
    /harm be serious/,
    /more than one agency/,
    /everything it can do alone/,
  ]) {
    await form.getByRole('group', { name: question }).getByLabel('Yes').check();
  }
  await form.getByLabel('Situation type').selectOption({ label: 'Individual' });
  await form.getByLabel('Age band').selectOption({ label: '40–59' });
  await form.getByLabel('Gender').selectOption({ label: 'Male' });
  const riskFactors = form.getByRole('group', { name: 'Risk factors' });
  const filter = riskFactors.getByLabel('Filter the list: Risk factors');
  await filter.fill('gambling');
  await riskFactors.getByRole('checkbox').first().check();
  await filter.fill('poverty');
  await riskFactors.getByRole('checkbox').first().check();
  await filter.fill('');
  const studyFlags = form.getByRole('group', { name: 'Study flags' });
  for (const flag of options.studyFlags ?? []) {
    await studyFlags.getByLabel(flag, { exact: true }).check();
  }
  const identity = form.getByRole('region', { name: 'Protected – identifying information' });
  await identity.getByLabel('Given name').fill(options.givenName);
  await identity.getByLabel('Family name').fill(options.familyName);
  await form
    .getByLabel('De-identified summary')
    .fill('An adult with mounting gambling debts has been served an eviction notice.');
  await form.getByRole('button', { name: 'Save draft' }).click();
  await page.waitForURL(/\/situations\/[0-9a-f-]{36}$/);
  await page.getByText('Draft saved.', { exact: false }).waitFor();
  const heading = (await page.locator('main h1').textContent()) ?? '';
  const reference = /[A-Z]{3}-\d{4}-\d{4}/.exec(heading)?.[0] ?? '';
  expect(reference).not.toBe('');
  return { situationId: new URL(page.url()).pathname.split('/')[2] ?? '', reference };
}
