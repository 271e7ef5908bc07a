/**
 * The de-identified facts of one discussed situation (a `situation_fact` row) and the statistics
 * cells it counts in. One function, `cellsOf`, decides what a situation contributes to the
 * summary: the write path (keeping `stats_cell` in step with every situation write) and the data
 * generator (writing `stats_cell` by COPY) both use it, so they cannot disagree.
 */
import {
  DISCUSSIONS_KEY,
  STATS_KEY_SEPARATOR,
  dayBucketOf,
  daysOpenBuckets,
  firstContactDayBuckets,
  type StatsDimension,
} from '@fourfold/shared/statistics';

export type SituationFact = {
  situationId: string;
  tableId: string;
  /** First day of the month of the filter-2 decision in the table's time zone, `2026-03-01`. */
  period: string;
  situationType: string;
  ageBand: string;
  gender: string;
  outcome: 'accepted' | 'rejected';
  rejectionReason: string | null;
  originatingSector: string;
  leadSector: string | null;
  /** Distinct, sorted. */
  assistingSectors: string[];
  /** Sorted. Empty for a rejected situation, as are the protective factors and study flags. */
  riskFactors: string[];
  /** The distinct categories of the risk factors, sorted. */
  riskCategories: string[];
  protectiveFactors: string[];
  studyFlags: string[];
  conclusionReason: string | null;
  /** Whether the conclusion reason says the risk was lowered; null while open. */
  riskLowered: boolean | null;
  daysToFirstContact: number | null;
  firstContactWithinTarget: boolean | null;
  daysOpen: number | null;
  isRepeat: boolean;
};

export type StatsCellKey = { dimension: StatsDimension; key: string };

const join = (...parts: string[]) => parts.join(STATS_KEY_SEPARATOR);

/** Every unordered pair of a sorted list, each as `a|b` with a < b. */
function pairsOf(sorted: readonly string[]): string[] {
  const pairs: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) pairs.push(join(sorted[i]!, sorted[j]!));
  }
  return pairs;
}

/** The cells one discussed situation counts in, each once. */
export function cellsOf(fact: SituationFact): StatsCellKey[] {
  const cells: StatsCellKey[] = [];
  const add = (dimension: StatsDimension, key: string) => cells.push({ dimension, key });
  const addAll = (dimension: StatsDimension, keys: readonly string[]) =>
    keys.forEach((key) => add(dimension, key));

  add('discussions', DISCUSSIONS_KEY);
  add('outcome', fact.outcome);
  add('situation_type', fact.situationType);
  add('age_band', fact.ageBand);
  add('gender', fact.gender);
  add('originating_sector', fact.originatingSector);
  add('repeat', fact.isRepeat ? 'repeat' : 'first');

  if (fact.outcome === 'rejected') {
    if (fact.rejectionReason !== null) add('rejection_reason', fact.rejectionReason);
    add('first_contact', 'not_applicable');
    add('days_open', 'not_applicable');
    return cells;
  }

  if (fact.leadSector !== null) add('lead_sector', fact.leadSector);
  addAll('assisting_sector', fact.assistingSectors);
  addAll('risk_category', fact.riskCategories);
  addAll('risk_factor', fact.riskFactors);
  addAll(
    'risk_category_by_age_band',
    fact.riskCategories.map((code) => join(fact.ageBand, code)),
  );
  addAll(
    'risk_category_by_gender',
    fact.riskCategories.map((code) => join(fact.gender, code)),
  );
  addAll(
    'risk_factor_by_age_band',
    fact.riskFactors.map((code) => join(fact.ageBand, code)),
  );
  addAll(
    'risk_factor_by_gender',
    fact.riskFactors.map((code) => join(fact.gender, code)),
  );
  addAll('risk_category_pair', pairsOf(fact.riskCategories));
  addAll('risk_factor_pair', pairsOf(fact.riskFactors));
  addAll('protective_factor', fact.protectiveFactors);
  addAll('study_flag', fact.studyFlags);

  if (fact.conclusionReason === null) {
    add('conclusion', 'open');
  } else {
    add('conclusion', fact.riskLowered ? 'risk_lowered' : 'still_elevated');
    add('conclusion_reason', fact.conclusionReason);
  }

  if (fact.daysToFirstContact === null) {
    add('first_contact', 'none');
  } else {
    add('first_contact', fact.firstContactWithinTarget ? 'within_target' : 'after_target');
    add('first_contact_days', dayBucketOf(fact.daysToFirstContact, firstContactDayBuckets));
  }
  add('days_open', fact.daysOpen === null ? 'open' : dayBucketOf(fact.daysOpen, daysOpenBuckets));
  return cells;
}
