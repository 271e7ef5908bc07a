/**
 * The shapes of an export's rows, by preset: `fourfold` (the shared `exportRowSchema`, codes) and
 * `ontario_rtd` (the columns of Ontario's Risk-driven Tracking Database as publicly described,
 * in words). Both are built from the same published row, so they always hold the same rows.
 *
 * Rejected situations keep only the table, period, type, age band, gender, outcome and rejection
 * reason (provincial practice); the RTD preset writes `N/A` in the fields it redacts, as the
 * provincial data set does.
 */
import type { ExportPreset, ExportRow } from '@fourfold/shared/statistics';
import type { FactRow } from './exports.repository';

/** A fact as published: its table's name and the generalised period and age band. */
export type PublishedFact = {
  tableName: string;
  period: string;
  ageBand: string;
  fact: FactRow;
};

/** A value of an export cell: arrays become `a;b` in CSV, null an empty field. */
export type CellValue = string | number | null | readonly string[];

export type PresetShape = {
  /** The CSV header and the order of the values. */
  columns: readonly string[];
  /** One row as a JSON object (keys in column order). */
  row(published: PublishedFact): Record<string, CellValue>;
};

/** Code → English label for every list; a code missing from the lists shows as itself. */
export type CodeLabels = (list: string, code: string) => string;

/** The row of the `fourfold` preset (shared `exportRowSchema`). */
export function exportRowOf({ tableName, period, ageBand, fact }: PublishedFact): ExportRow {
  const accepted = fact.outcome === 'accepted';
  return {
    table: tableName,
    period,
    situationType: fact.situation_type,
    ageBand,
    gender: fact.gender,
    outcome: fact.outcome,
    rejectionReason: accepted ? null : fact.rejection_reason,
    originatingSector: accepted ? fact.originating_sector : null,
    leadSector: accepted ? fact.lead_sector : null,
    assistingSectors: accepted ? fact.assisting_sectors : [],
    riskFactors: accepted ? fact.risk_factors : [],
    protectiveFactors: accepted ? fact.protective_factors : [],
    studyFlags: accepted ? fact.study_flags : [],
    conclusionReason: accepted ? fact.conclusion_reason : null,
    daysToFirstContact: accepted ? fact.days_to_first_contact : null,
    daysOpen: accepted ? fact.days_open : null,
  };
}

const fourfoldColumns = [
  'table',
  'period',
  'situationType',
  'ageBand',
  'gender',
  'outcome',
  'rejectionReason',
  'originatingSector',
  'leadSector',
  'assistingSectors',
  'riskFactors',
  'protectiveFactors',
  'studyFlags',
  'conclusionReason',
  'daysToFirstContact',
  'daysOpen',
] as const satisfies readonly (keyof ExportRow)[];

/** `0_17` → `0–17`, `60_plus` → `60+`: words for the wide bands, which are not in the code list. */
function bandWords(code: string): string {
  return code.replace(/_plus$/, '+').replace('_', '–');
}

/**
 * Ontario's Risk-driven Tracking Database (RTD), as the province describes its open data set:
 * the discussion period, the originating agency's sector, the level (individual, family, group or
 * location), age group and gender, whether the acutely-elevated-risk threshold was met, the risk
 * categories and factors, protective factors, study flags, the lead and assisting agencies'
 * sectors, and the conclusion (overall risk lowered or still elevated). The exact column headings
 * of the provincial file could not be confirmed word for word; these follow its wording.
 *
 * RTD fields Fourfold does not collect, on purpose:
 * - the exact dates (discussion, conclusion): Fourfold keeps the month only, and publishes it
 *   generalised to a quarter or year where a group is small;
 * - "Affected Persons" and "Services Mobilized": not recorded by Fourfold's workflow;
 * - agency names: the export names sectors, never an agency, so a small town's one agency of a
 *   sector is not singled out by name.
 * Fourfold adds two columns at the end, days to first contact and days open (whole days).
 */
const rtdColumns = [
  'Situation Table',
  'Discussion Period',
  'Originating Agency Sector',
  'Level',
  'Age Group',
  'Gender',
  'AER Threshold Met',
  'Rejection Reason',
  'Risk Categories',
  'Risk Factors',
  'Protective Factors',
  'Study Flags',
  'Lead Agency Sector',
  'Assisting Agency Sectors',
  'Overall Risk',
  'Conclusion Reason',
  'Days to First Contact',
  'Days Open',
] as const;

const NA = 'N/A';

function rtdRow(labels: CodeLabels) {
  const words = (list: string, codes: readonly string[]) => codes.map((code) => labels(list, code));
  const word = (list: string, code: string | null) => (code === null ? null : labels(list, code));
  return ({ tableName, period, ageBand, fact }: PublishedFact): Record<string, CellValue> => {
    const accepted = fact.outcome === 'accepted';
    // Fields provincial practice redacts for a rejected discussion.
    const kept = <T extends CellValue>(value: T): CellValue => (accepted ? value : NA);
    const overallRisk =
      fact.risk_lowered === null
        ? 'Open'
        : fact.risk_lowered
          ? 'Overall risk lowered'
          : 'Still acutely elevated risk';
    const row: Record<(typeof rtdColumns)[number], CellValue> = {
      'Situation Table': tableName,
      'Discussion Period': period,
      'Originating Agency Sector': kept(word('sector', fact.originating_sector)),
      Level: labels('situation_type', fact.situation_type),
      'Age Group': ageBand === fact.age_band ? labels('age_band', ageBand) : bandWords(ageBand),
      Gender: labels('gender', fact.gender),
      'AER Threshold Met': accepted ? 'Yes' : 'No',
      'Rejection Reason': accepted ? null : word('rejection_reason', fact.rejection_reason),
      'Risk Categories': kept(words('risk_category', fact.risk_categories)),
      'Risk Factors': kept(words('risk_factor', fact.risk_factors)),
      'Protective Factors': kept(words('protective_factor', fact.protective_factors)),
      'Study Flags': kept(words('study_flag', fact.study_flags)),
      'Lead Agency Sector': kept(word('sector', fact.lead_sector)),
      'Assisting Agency Sectors': kept(words('sector', fact.assisting_sectors)),
      'Overall Risk': kept(overallRisk),
      'Conclusion Reason': kept(word('conclusion_reason', fact.conclusion_reason)),
      'Days to First Contact': kept(fact.days_to_first_contact),
      'Days Open': kept(fact.days_open),
    };
    return row;
  };
}

export function presetShape(preset: ExportPreset, labels: CodeLabels): PresetShape {
  if (preset === 'ontario_rtd') return { columns: rtdColumns, row: rtdRow(labels) };
  return { columns: fourfoldColumns, row: exportRowOf };
}

/** One CSV field: arrays joined with `;` (codes and labels never hold one), null empty. */
export function csvField(value: CellValue): string | number {
  if (value === null) return '';
  if (typeof value === 'string' || typeof value === 'number') return value;
  return value.join(';');
}
