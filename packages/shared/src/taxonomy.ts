/**
 * The code lists ("taxonomy"): the closed set of list names, the shape of a code, and the answer of
 * GET /api/taxonomy, in which every code carries its English and French label and whether it is
 * retired. Retired codes stay in the answer so that old records still show their label; forms offer
 * only the active ones (`activeCodes`).
 */
import { z } from 'zod';
import { text } from './input';

/** Every code list, by its name in the database. Closed: a new list needs code that uses it. */
export const codeListNames = [
  'situation_type',
  'age_band',
  'gender',
  'risk_category',
  'risk_factor',
  'protective_factor',
  'study_flag',
  'rejection_reason',
  'conclusion_reason',
  'sector',
  'no_contact_reason',
] as const;
export const codeListNameSchema = z.enum(codeListNames);
export type CodeListName = z.infer<typeof codeListNameSchema>;

/** A code: a stable identifier, never shown to people (they see the label). */
export const CODE_PATTERN = /^[a-z0-9][a-z0-9_.]*$/;
export const CODE_MAX_LENGTH = 100;
export const codeSchema = text().max(CODE_MAX_LENGTH).regex(CODE_PATTERN);

export const bilingualLabelSchema = z.object({ en: text(), fr: text() });
export type BilingualLabel = z.infer<typeof bilingualLabelSchema>;
export type Language = keyof BilingualLabel;

export const codeEntrySchema = z.object({
  code: codeSchema,
  label: bilingualLabelSchema,
  retired: z.boolean(),
});
export type CodeEntry = z.infer<typeof codeEntrySchema>;

/**
 * A risk category with its factors. A factor of a retired category is itself reported retired:
 * it cannot be chosen for new data either.
 */
export const riskCategoryEntrySchema = codeEntrySchema.extend({
  factors: z.array(codeEntrySchema),
});
export type RiskCategoryEntry = z.infer<typeof riskCategoryEntrySchema>;

export const conclusionReasonEntrySchema = codeEntrySchema.extend({
  /** True when the situation was concluded with the overall risk lowered. */
  riskLowered: z.boolean(),
});
export type ConclusionReasonEntry = z.infer<typeof conclusionReasonEntrySchema>;

export const taxonomySchema = z
  .object({
    situationTypes: z.array(codeEntrySchema),
    ageBands: z.array(codeEntrySchema),
    genders: z.array(codeEntrySchema),
    riskCategories: z.array(riskCategoryEntrySchema),
    protectiveFactors: z.array(codeEntrySchema),
    studyFlags: z.array(codeEntrySchema),
    rejectionReasons: z.array(codeEntrySchema),
    conclusionReasons: z.array(conclusionReasonEntrySchema),
    sectors: z.array(codeEntrySchema),
    /** Why a situation was concluded with no first contact recorded. */
    noContactReasons: z.array(codeEntrySchema),
  })
  .meta({
    id: 'Taxonomy',
    description:
      'Every code list in display order, with English and French labels. Retired codes are ' +
      'included for showing old records, but must not be offered for new data.',
  });
export type Taxonomy = z.infer<typeof taxonomySchema>;

/** The answer's key of each list; risk factors sit inside their categories instead. */
export const taxonomyKeys = {
  situation_type: 'situationTypes',
  age_band: 'ageBands',
  gender: 'genders',
  risk_category: 'riskCategories',
  protective_factor: 'protectiveFactors',
  study_flag: 'studyFlags',
  rejection_reason: 'rejectionReasons',
  conclusion_reason: 'conclusionReasons',
  sector: 'sectors',
  no_contact_reason: 'noContactReasons',
} as const satisfies Record<Exclude<CodeListName, 'risk_factor'>, keyof Taxonomy>;

/** The entries of one list, in display order (risk factors: category by category). */
export function entriesOf(taxonomy: Taxonomy, list: CodeListName): CodeEntry[] {
  if (list === 'risk_factor')
    return taxonomy.riskCategories.flatMap((category) => category.factors);
  return taxonomy[taxonomyKeys[list]];
}

/** The codes of a list that may be chosen for new data, in display order. */
export function activeCodes(taxonomy: Taxonomy, list: CodeListName): string[] {
  return entriesOf(taxonomy, list)
    .filter((entry) => !entry.retired)
    .map((entry) => entry.code);
}

/** Whether `code` may be chosen for new data in `list`. */
export function isActiveCodeIn(taxonomy: Taxonomy, list: CodeListName, code: string): boolean {
  return entriesOf(taxonomy, list).some((entry) => entry.code === code && !entry.retired);
}

/** The label of a code in one language, retired or not; undefined for a code the list lacks. */
export function labelOf(
  taxonomy: Taxonomy,
  list: CodeListName,
  code: string,
  language: Language,
): string | undefined {
  return entriesOf(taxonomy, list).find((entry) => entry.code === code)?.label[language];
}
