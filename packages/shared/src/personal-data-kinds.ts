/**
 * The kinds of personal data that the detector (personal-data.ts) reports. On their own, apart from
 * the detector and its name lexicon, because the problem model (problem.ts) names them and every
 * page of the web loads that model: the lexicon (over 50 KB) loads only with the pages that check
 * text.
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
