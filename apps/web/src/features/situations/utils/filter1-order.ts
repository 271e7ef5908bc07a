/**
 * The filter-1 questions in the order people answer them, apart from the draft's form (which loads
 * the personal-data detector and its name lexicon): the situation's page shows them at every stage
 * without needing either.
 */
import type { Filter1 } from '@fourfold/shared/situations';

/** The filter-1 questions in the order people answer them: the four AER criteria, then the agency. */
export const filter1Order: ReadonlyArray<keyof Filter1> = [
  'significantInterest',
  'probabilityOfHarm',
  'severityOfHarm',
  'multipleAgenciesNeeded',
  'agencyExhaustedOptions',
];
