/**
 * The kinds of personal data that the detector (personal-data.ts) reports. On their own, apart from
 * the detector and its name lexicon, because the problem model (problem.ts) and the situation's
 * schema (situations.ts) name them and every page of the web loads those: the lexicon (over 50 KB)
 * loads only with the pages that check text.
 */
export const personalDataKinds = [
  'email',
  'phone',
  'postal_code',
  'date',
  'health_card',
  'sin',
  'street_address',
  'name',
  'possible_name',
] as const;
export type PersonalDataKind = (typeof personalDataKinds)[number];

/**
 * Whether a summary's possible names stand in the way of presenting it: `none` found, all
 * `confirmed` not to be names by the author (for exactly this text), or `unconfirmed`.
 */
export const possibleNameStatuses = ['none', 'confirmed', 'unconfirmed'] as const;
export type PossibleNameStatus = (typeof possibleNameStatuses)[number];
