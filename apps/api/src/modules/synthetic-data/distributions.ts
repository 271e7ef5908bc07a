/**
 * The shapes of the synthetic situations. Where a published figure exists it is cited; everything
 * else is a plausible shape chosen to look like the annual reports of Ontario's Risk-driven
 * Tracking Database (RTD) and Saskatchewan's HUB database, which publish proportions but not the
 * joint distributions a generator needs. Sources:
 *
 * - Ontario RTD 2022 annual report, as presented to the Kawartha Lakes Police Services Board
 *   (kawartha411.ca, 26 Oct 2023): 53 sites, about 2,200 discussions in the year, 96% of them met
 *   the threshold of acutely elevated risk. We use 88% (the brief's 85–90%: tables in their first
 *   years reject more, and a rejection rate near 4% would leave the rejection breakdown empty).
 * - RTD and HUB reports list as most frequent risk categories mental health, criminal
 *   involvement, drugs, antisocial behaviour, housing, crime victimization, alcohol and basic
 *   needs; individuals far more than families; youth (12–17) and young adults the largest age
 *   groups; police the most frequent originating sector; most situations concluded with the risk
 *   lowered (about 70%) within a few weeks, first contact mostly within two days. The exact
 *   weights below are ours (plausible, not published).
 */
import { weighted, type Weighted } from './random';

/** Share of discussed situations accepted at filter 2. */
export const ACCEPTED_SHARE = 0.88;

/** Monthly weights, January first: dips in summer and at the December holidays, school-year peaks. */
export const MONTH_WEIGHTS = [0.95, 0.95, 1.05, 1.05, 1.1, 1.0, 0.8, 0.8, 1.1, 1.15, 1.1, 0.75];

export const situationTypes = weighted<string>([
  ['individual', 82],
  ['family', 14],
  ['group', 2],
  ['location', 2],
]);

/** Age bands of an individual: 12–17 and 18–39 most frequent. */
export const individualAgeBands = weighted<string>([
  ['0_5', 1],
  ['6_11', 5],
  ['12_15', 17],
  ['16_17', 13],
  ['18_24', 16],
  ['25_29', 10],
  ['30_39', 14],
  ['40_59', 15],
  ['60_plus', 7],
  ['unknown', 2],
]);

export const individualGenders = weighted<string>([
  ['male', 53],
  ['female', 43],
  ['another', 2],
  ['unknown', 2],
]);

export type AgeGroup = 'child' | 'youth' | 'adult' | 'senior' | 'mixed';

export function ageGroupOf(ageBand: string): AgeGroup {
  switch (ageBand) {
    case '0_5':
    case '6_11':
      return 'child';
    case '12_15':
    case '16_17':
      return 'youth';
    case '60_plus':
      return 'senior';
    case 'multiple':
    case 'unknown':
      return 'mixed';
    default:
      return 'adult';
  }
}

/**
 * How likely a situation of each age group is to carry each risk category (relative weights of
 * the first draw; later draws are boosted by co-occurrence below). Codes an administrator added
 * later get a small weight of their own.
 */
// prettier-ignore
export const categoryWeights: Record<string, Record<AgeGroup, number>> = {
  mental_health:      { child: 30, youth: 60, adult: 70, senior: 55, mixed: 45 },
  criminal:           { child: 2,  youth: 45, adult: 50, senior: 10, mixed: 30 },
  drugs:              { child: 1,  youth: 35, adult: 50, senior: 10, mixed: 35 },
  antisocial:         { child: 20, youth: 50, adult: 40, senior: 15, mixed: 35 },
  housing:            { child: 15, youth: 15, adult: 45, senior: 40, mixed: 40 },
  victimization:      { child: 25, youth: 40, adult: 30, senior: 30, mixed: 30 },
  alcohol:            { child: 2,  youth: 20, adult: 40, senior: 25, mixed: 35 },
  basic_needs:        { child: 40, youth: 15, adult: 30, senior: 45, mixed: 45 },
  physical_violence:  { child: 20, youth: 25, adult: 25, senior: 10, mixed: 35 },
  missing_school:     { child: 30, youth: 45, adult: 0,  senior: 0,  mixed: 10 },
  parenting:          { child: 50, youth: 35, adult: 5,  senior: 0,  mixed: 40 },
  negative_peers:     { child: 5,  youth: 40, adult: 10, senior: 0,  mixed: 5 },
  suicide:            { child: 3,  youth: 20, adult: 18, senior: 10, mixed: 5 },
  self_harm:          { child: 3,  youth: 20, adult: 10, senior: 3,  mixed: 3 },
  poverty:            { child: 20, youth: 8,  adult: 20, senior: 25, mixed: 30 },
  physical_health:    { child: 8,  youth: 5,  adult: 15, senior: 45, mixed: 10 },
  cognitive:          { child: 10, youth: 10, adult: 10, senior: 35, mixed: 5 },
  supervision:        { child: 45, youth: 25, adult: 0,  senior: 5,  mixed: 20 },
  emotional_violence: { child: 15, youth: 15, adult: 12, senior: 10, mixed: 20 },
  social_environment: { child: 10, youth: 15, adult: 12, senior: 20, mixed: 20 },
  gangs:              { child: 0,  youth: 10, adult: 6,  senior: 0,  mixed: 5 },
  missing_runaway:    { child: 5,  youth: 20, adult: 2,  senior: 3,  mixed: 2 },
  public_safety:      { child: 1,  youth: 5,  adult: 8,  senior: 5,  mixed: 15 },
  sexual_violence:    { child: 8,  youth: 10, adult: 5,  senior: 2,  mixed: 5 },
  elder_abuse:        { child: 0,  youth: 0,  adult: 1,  senior: 25, mixed: 2 },
  unemployment:       { child: 0,  youth: 2,  adult: 15, senior: 2,  mixed: 10 },
  gambling:           { child: 0,  youth: 1,  adult: 3,  senior: 3,  mixed: 1 },
};
export const OTHER_CATEGORY_WEIGHT = 1;

/** Once a category is drawn, these become more likely (multipliers of their weight). */
export const coOccurrence: Record<string, Record<string, number>> = {
  drugs: { alcohol: 3, criminal: 2, mental_health: 1.5, housing: 1.5 },
  alcohol: { drugs: 3, physical_violence: 1.5, housing: 1.5 },
  missing_school: { parenting: 3, negative_peers: 2, supervision: 2 },
  parenting: { missing_school: 2.5, supervision: 2.5, basic_needs: 1.5 },
  mental_health: { suicide: 2, self_harm: 2, drugs: 1.3 },
  criminal: { antisocial: 2, negative_peers: 1.5, gangs: 2 },
  housing: { basic_needs: 2.5, poverty: 2.5 },
  victimization: { physical_violence: 1.5, sexual_violence: 1.5 },
  elder_abuse: { cognitive: 2, physical_health: 2 },
};

/** Risk factors per accepted situation: 5–9, mostly 6–7 (shorter lists for rejected ones). */
export const riskFactorCounts = weighted<number>([
  [4, 6],
  [5, 16],
  [6, 22],
  [7, 22],
  [8, 16],
  [9, 10],
  [10, 5],
  [11, 3],
]);
export const rejectedRiskFactorCounts = weighted<number>([
  [2, 20],
  [3, 30],
  [4, 25],
  [5, 15],
  [6, 10],
]);

/** Probability that a situation records each protective factor. */
export const protectiveFactorChance: Record<string, number> = {
  supportive_family: 0.2,
  positive_peers: 0.06,
  engaged_services: 0.3,
  stable_housing: 0.1,
  school_or_work: 0.1,
  cultural_connection: 0.05,
  motivation: 0.25,
  coping_skills: 0.05,
};
/** Study flags, by the category that makes them likely. */
export const studyFlagRules: Array<{ flag: string; when: string | null; chance: number }> = [
  { flag: 'opioids', when: 'drugs', chance: 0.3 },
  { flag: 'intimate_partner_violence', when: 'physical_violence', chance: 0.25 },
  { flag: 'human_trafficking', when: 'victimization', chance: 0.05 },
  { flag: 'firearms', when: 'criminal', chance: 0.04 },
  { flag: 'youth_justice', when: 'criminal', chance: 0.15 },
];

/** Originating sector: police bring about half the situations. */
export const originatingSectorWeights: Record<string, number> = {
  police: 48,
  mental_health: 10,
  addictions: 3,
  child_welfare: 7,
  education: 8,
  housing: 5,
  probation_parole: 3,
  youth_justice: 2,
  hospital: 4,
  public_health: 3,
  paramedic: 2,
  bylaw: 1,
  social_services: 3,
  victim_services: 2,
  seniors: 2,
};

/** Lead agency's sector by age group (then among the table's members). */
// prettier-ignore
export const leadSectorWeights: Record<AgeGroup, Record<string, number>> = {
  child:  { child_welfare: 50, education: 15, police: 8, mental_health: 10, public_health: 8 },
  youth:  { mental_health: 30, child_welfare: 20, education: 15, police: 12, youth_justice: 8, addictions: 5 },
  adult:  { mental_health: 35, addictions: 15, police: 15, housing: 12, probation_parole: 8, social_services: 5 },
  senior: { seniors: 25, hospital: 20, mental_health: 20, public_health: 15, housing: 10, police: 5 },
  mixed:  { child_welfare: 30, mental_health: 20, police: 15, housing: 15, social_services: 10 },
};

export const rejectionReasonWeights: Record<string, number> = {
  not_aer: 60,
  single_agency: 30,
  other: 10,
};

/** About 70% closed with the overall risk lowered. */
export const conclusionReasonWeights: Record<string, number> = {
  lowered_connected: 40,
  lowered_informed: 12,
  lowered_already_connected: 14,
  lowered_other: 4,
  still_refused: 14,
  still_unable_to_locate: 6,
  still_moved: 3,
  still_transferred: 5,
  still_other: 2,
};

export const firstContactOutcomes = weighted<'engaged' | 'declined' | 'not_located'>([
  ['engaged', 80],
  ['declined', 12],
  ['not_located', 8],
]);

/** Hours from assignment to first contact: median 20 h, about 80% within 48 h. */
export const FIRST_CONTACT_MEDIAN_HOURS = 20;
export const FIRST_CONTACT_SIGMA = 0.8;
/** Days from the filter-2 decision to closure: median 24 days, most between 2 and 6 weeks. */
export const DAYS_OPEN_MEDIAN = 24;
export const DAYS_OPEN_SIGMA = 0.55;
/** Share of accepted situations closed without a first contact (the person was never reached). */
export const NO_CONTACT_SHARE = 0.04;
/** Share of accepted situations that repeat an earlier one of the same table. */
export const REPEAT_SHARE = 0.04;

/** A few situations per table are much busier than others: relative weight of a table. */
export function tableBusyness(random: { logNormal(median: number, sigma: number): number }) {
  return random.logNormal(1, 0.7);
}

export function weightedFrom(
  candidates: readonly string[],
  weights: Record<string, number>,
  fallback: number,
): Weighted<string> {
  return weighted(candidates.map((code) => [code, weights[code] ?? fallback] as const));
}
