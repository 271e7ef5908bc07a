/** Fills a date asked as day, month and year (the app's DatePartsField), in either language. */
import type { Locator } from 'playwright-core';

export async function fillDateParts(scope: Locator, legend: string, iso: string): Promise<void> {
  const group = scope.getByRole('group', { name: legend });
  const [year = '', month = '', day = ''] = iso.split('-');
  await group.getByLabel(/^(Day|Jour)$/).fill(String(Number(day)));
  await group.getByLabel(/^(Month|Mois)$/).selectOption(String(Number(month)));
  await group.getByLabel(/^(Year|Année)$/).fill(year);
}
