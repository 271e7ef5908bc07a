/**
 * The de-identified facts of one discussed situation (a `situation_fact` row). What the fact is,
 * is defined once, by the SQL view `situation_fact_fresh` (migration 0024); what a fact counts
 * in is decided in one place too, the SQL function `stats_fact_cells` (migration 0019), used by the
 * write path, the rebuild and so the data generator.
 */

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
