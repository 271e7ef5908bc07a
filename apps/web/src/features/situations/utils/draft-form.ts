/**
 * The de-identified part of the situation form as the person fills it in, what stops it from
 * being saved, and its conversion to the contract's `SituationDraft`.
 */
import { findPersonalData, isSoftFinding } from '@fourfold/shared/personal-data';
import type { Filter1, Situation, SituationDraft } from '@fourfold/shared/situations';
import type { CodeListName } from '@fourfold/shared/taxonomy';
import { SUMMARY_MAX_LENGTH } from '@fourfold/shared/situations';

export type DraftValues = {
  situationType: string;
  ageBand: string;
  gender: string;
  riskFactors: string[];
  protectiveFactors: string[];
  studyFlags: string[];
  summary: string;
  /** The possible names of the summary (as typed) the author confirmed are not a person's name. */
  notNames: string[];
  /** null: not answered yet. */
  filter1: Record<keyof Filter1, boolean | null>;
};

/** A code field of the draft, and its code list. */
export const draftCodeFields = [
  ['situationType', 'situation_type'],
  ['ageBand', 'age_band'],
  ['gender', 'gender'],
  ['riskFactors', 'risk_factor'],
  ['protectiveFactors', 'protective_factor'],
  ['studyFlags', 'study_flag'],
] as const satisfies ReadonlyArray<readonly [keyof DraftValues, CodeListName]>;

type DraftCodeField = (typeof draftCodeFields)[number][0];

export type DraftErrorKey =
  | 'situationType'
  | 'ageBand'
  | 'gender'
  /** A code chosen earlier that an administrator has retired since: the API refuses it. */
  | `${DraftCodeField}Retired`
  | 'summaryRequired'
  | 'summaryTooLong'
  | 'summaryPersonalData';

export function emptyDraft(): DraftValues {
  return {
    situationType: '',
    ageBand: '',
    gender: '',
    riskFactors: [],
    protectiveFactors: [],
    studyFlags: [],
    summary: '',
    notNames: [],
    filter1: {
      agencyExhaustedOptions: null,
      significantInterest: null,
      probabilityOfHarm: null,
      severityOfHarm: null,
      multipleAgenciesNeeded: null,
    },
  };
}

export function draftValuesOf(situation: Situation): DraftValues {
  return {
    situationType: situation.situationType,
    ageBand: situation.ageBand,
    gender: situation.gender,
    riskFactors: [...situation.riskFactors],
    protectiveFactors: [...situation.protectiveFactors],
    studyFlags: [...situation.studyFlags],
    summary: situation.summary ?? '',
    // The API holds the confirmation for exactly this text: every possible name in it.
    notNames:
      situation.possibleNames === 'confirmed' && situation.summary !== null
        ? possibleNamesIn(situation.summary)
        : [],
    filter1: { ...situation.filter1 },
  };
}

/** The possible names of a text (kind `possible_name`), each once, as typed. */
export function possibleNamesIn(text: string, findings = findPersonalData(text)): string[] {
  return [...new Set(findings.filter(isSoftFinding).map((f) => text.slice(f.start, f.end)))];
}

/**
 * Whether every possible name of the summary is confirmed not to be a name (false when there is
 * none: nothing to confirm).
 */
export function namesConfirmedIn(values: Pick<DraftValues, 'summary' | 'notNames'>): boolean {
  const names = possibleNamesIn(values.summary);
  return names.length > 0 && names.every((name) => values.notNames.includes(name));
}

/**
 * What must be fixed before saving, in the order of the form. `isOffered` says whether a code
 * may still be chosen for new data; a draft keeps showing a code retired since it was chosen,
 * and it must be replaced or removed before the draft is saved. Filter 1 is not among them: a
 * draft may be saved before its questions are answered; only presenting needs them
 * (`presentBlockers`, shared with the API).
 */
export function draftErrorsOf(
  values: DraftValues,
  personalDataFound: boolean,
  isOffered: (list: CodeListName, code: string) => boolean = () => true,
): DraftErrorKey[] {
  const errors: DraftErrorKey[] = [];
  for (const [field, list] of draftCodeFields) {
    const chosen = values[field];
    const codes = typeof chosen === 'string' ? (chosen ? [chosen] : []) : chosen;
    if (field === 'situationType' || field === 'ageBand' || field === 'gender') {
      if (codes.length === 0) errors.push(field);
    }
    if (codes.some((code) => !isOffered(list, code))) errors.push(`${field}Retired`);
  }
  const summary = values.summary.trim();
  if (!summary) errors.push('summaryRequired');
  else if (summary.length > SUMMARY_MAX_LENGTH) errors.push('summaryTooLong');
  else if (personalDataFound) errors.push('summaryPersonalData');
  return errors;
}

/** The draft to send; call only when `draftErrorsOf` found nothing. */
export function toDraft(values: DraftValues): SituationDraft {
  return {
    namesConfirmed: namesConfirmedIn(values),
    situationType: values.situationType,
    ageBand: values.ageBand,
    gender: values.gender,
    riskFactors: values.riskFactors,
    protectiveFactors: values.protectiveFactors,
    studyFlags: values.studyFlags,
    summary: values.summary.trim(),
    // Questions not answered yet stay unanswered: a draft may wait for them (not for presenting).
    filter1: { ...values.filter1 },
  };
}
