/**
 * The code lists as the API serves them (GET /api/taxonomy), and the checks other modules use to
 * accept a code in new data: only an active code of the right list will do (an agency's sector,
 * a situation's age band, …). Retired codes stay readable so that old records keep their labels.
 */
import type { Kysely } from 'kysely';
import type { InvalidParam } from '@fourfold/shared/problem';
import type {
  CodeEntry,
  CodeListName,
  ConclusionReasonEntry,
  RiskCategoryEntry,
  Taxonomy,
} from '@fourfold/shared/taxonomy';
import type { DB } from '../../db/schema';
import { AppError } from '../../lib/errors';
import {
  activeCodeExists,
  activeCodesAmong,
  listActiveCodes,
  listAllCodes,
  type CodeRow,
} from './taxonomy.repository';

export async function getTaxonomy(db: Kysely<DB>): Promise<Taxonomy> {
  return shapeTaxonomy(await listAllCodes(db));
}

/** The codes of a list that may be chosen for new data, in display order. */
export async function activeCodesOf(db: Kysely<DB>, list: CodeListName): Promise<string[]> {
  return listActiveCodes(db, list);
}

/**
 * Which of the codes named (of any lists) are active, checked in one statement; a key is
 * `list:code` (activeCodeKey).
 */
export async function activeCodeKeys(
  db: Kysely<DB>,
  codes: ReadonlyArray<{ list: CodeListName; code: string }>,
): Promise<Set<string>> {
  const active = await activeCodesAmong(db, codes);
  return new Set(active.map(activeCodeKey));
}

export const activeCodeKey = ({ list, code }: { list: CodeListName; code: string }) =>
  `${list}:${code}`;

/** Whether `code` is an active code of `list` (a risk factor also needs an active category). */
export async function isActiveCode(
  db: Kysely<DB>,
  list: CodeListName,
  code: string,
): Promise<boolean> {
  return activeCodeExists(db, list, code);
}

/**
 * Throws VALIDATION_FAILED naming the field (never its value) unless `code` is an active code of
 * `list`. For services that accept codes in a request body.
 */
export async function requireActiveCode(
  db: Kysely<DB>,
  list: CodeListName,
  code: string,
  field: Pick<InvalidParam, 'in' | 'path'>,
): Promise<void> {
  if (await isActiveCode(db, list, code)) return;
  throw new AppError('VALIDATION_FAILED', undefined, {
    invalidParams: [{ ...field, message: inactiveCodeMessage(list) }],
  });
}

/** What a request is told of a code it may not use: the list, never the value. */
export const inactiveCodeMessage = (list: CodeListName) =>
  `Not an active code of the list ${list}.`;

/** Rows (already in display order) into the API's shape. */
export function shapeTaxonomy(rows: readonly CodeRow[]): Taxonomy {
  const entries = (list: CodeListName) => rows.filter((row) => row.list === list).map(entryOf);
  const factors = rows.filter((row) => row.list === 'risk_factor');
  const riskCategories: RiskCategoryEntry[] = entries('risk_category').map((category) => ({
    ...category,
    factors: factors
      .filter((factor) => factor.category_code === category.code)
      .map((factor) => {
        const entry = entryOf(factor);
        return { ...entry, retired: entry.retired || category.retired };
      }),
  }));
  const conclusionReasons: ConclusionReasonEntry[] = rows
    .filter((row) => row.list === 'conclusion_reason')
    .map((row) => ({ ...entryOf(row), riskLowered: row.risk_lowered === true }));
  return {
    situationTypes: entries('situation_type'),
    ageBands: entries('age_band'),
    genders: entries('gender'),
    riskCategories,
    protectiveFactors: entries('protective_factor'),
    studyFlags: entries('study_flag'),
    rejectionReasons: entries('rejection_reason'),
    conclusionReasons,
    sectors: entries('sector'),
    noContactReasons: entries('no_contact_reason'),
  };
}

function entryOf(row: CodeRow): CodeEntry {
  return { code: row.code, label: { en: row.label_en, fr: row.label_fr }, retired: row.retired };
}
