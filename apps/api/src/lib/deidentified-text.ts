/**
 * The personal-data guard as the API applies it to free text that others read (a situation's
 * summary, action item descriptions, report-backs): any finding but a possible name refuses the
 * text with 422, naming the kinds and where they are, never the values.
 */
import {
  findPersonalData,
  isSoftFinding,
  type PersonalDataFinding,
} from '@fourfold/shared/personal-data';
import type { ErrorCode } from '@fourfold/shared/error-codes';
import { AppError } from './errors';

export const problemFindings = (field: string, findings: readonly PersonalDataFinding[]) =>
  findings.map((f) => ({ field, ...f }));

/**
 * Refuses `value` when the detector finds a hard kind of personal data in it. `names` are the
 * parts of the names in the situation's stored identity; `field` names the request field in the
 * problem. A destroyed text (null) has nothing left to check.
 */
export function requireDeidentifiedText(
  value: string | null,
  names: readonly string[],
  { field, code, label }: { field: string; code: ErrorCode; label: string },
) {
  if (value === null) return;
  const findings = findPersonalData(value, names).filter((f) => !isSoftFinding(f));
  if (findings.length === 0) return;
  const kinds = [...new Set(findings.map((f) => f.kind.replaceAll('_', ' ')))].join(', ');
  throw new AppError(
    code,
    `The ${label} must not identify anyone; it contains: ${kinds}. Remove it and try again.`,
    { personalData: problemFindings(field, findings) },
  );
}
