/** Fills a date asked as day, month and year (the app's DatePartsField), in either language. */
import type { Locator } from 'playwright-core';

export async function fillDateParts(scope: Locator, legend: string, iso: string): Promise<void> {
  const group = scope.getByRole('group', { name: legend, exact: true });
  const [year = '', month = '', day = ''] = iso.split('-');
  await group.getByLabel(/^(Day|Jour)$/).fill(String(Number(day)));
  await group.getByLabel(/^(Month|Mois)$/).selectOption(String(Number(month)));
  await group.getByLabel(/^(Year|Année)$/).fill(year);
}

/**
 * Fills a date and time (the app's DateTimePartsField) from a `datetime-local` value
 * (YYYY-MM-DDTHH:MM), in either language; the time is typed "14:30", or « 14 h 30 » with `french`.
 */
export async function fillDateTimeParts(
  scope: Locator,
  legend: string,
  local: string,
  { french = false }: { french?: boolean } = {},
): Promise<void> {
  const [date = '', time = ''] = local.split('T');
  await fillDateParts(scope, legend, date);
  await scope
    .getByRole('group', { name: legend, exact: true })
    .getByLabel(/^(Time|Heure)$/)
    .fill(french ? time.replace(':', ' h ') : time);
}
