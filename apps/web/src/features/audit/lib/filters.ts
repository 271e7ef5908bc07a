/**
 * The audit log's search form as plain data: what the form holds (strings, empty meaning "any"),
 * how it travels in the page address (so that a search can be bookmarked and the back button
 * works), how it is checked, and the query it becomes for GET /api/audit/events.
 */
import {
  SITUATION_REFERENCE_PATTERN,
  auditDataCategories,
  auditOutcomes,
  type AuditDataCategory,
  type AuditOutcome,
} from '@fourfold/shared/audit';

export const filterFields = [
  'tableId',
  'situationId',
  'userId',
  'agencyId',
  'action',
  'outcome',
  'dataCategory',
  'fromDate',
  'toDate',
] as const;
export type FilterField = (typeof filterFields)[number];
export type AuditFilterForm = Record<FilterField, string>;

export const emptyFilters: AuditFilterForm = Object.fromEntries(
  filterFields.map((field) => [field, '']),
) as AuditFilterForm;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function filtersFromSearchParams(params: URLSearchParams): AuditFilterForm {
  const form = { ...emptyFilters };
  for (const field of filterFields) form[field] = params.get(field)?.trim() ?? '';
  return form;
}

export function searchParamsFromFilters(form: AuditFilterForm): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of filterFields) {
    const value = form[field].trim();
    if (value) params.set(field, value);
  }
  return params;
}

export type FilterProblem = 'uuid' | 'situation' | 'date' | 'dateOrder';

/** A situation reference as typed (riv-2026-0001 too), the way people name a situation. */
const isReference = (value: string) => SITUATION_REFERENCE_PATTERN.test(value.trim().toUpperCase());
export type FilterError = { field: FilterField; problem: FilterProblem };

/** A real calendar day: 2026-02-31 is refused, not rolled over into March. */
function isDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const day = localMidnight(value);
  const [year, month, date] = value.split('-').map(Number);
  return day.getFullYear() === year && day.getMonth() + 1 === month && day.getDate() === date;
}

/** What is wrong with the form, field by field, in the order the fields appear. */
export function validateFilters(form: AuditFilterForm): FilterError[] {
  const errors: FilterError[] = [];
  const situation = form.situationId.trim();
  if (situation && !UUID.test(situation) && !isReference(situation)) {
    errors.push({ field: 'situationId', problem: 'situation' });
  }
  for (const field of ['userId', 'agencyId'] as const) {
    if (form[field].trim() && !UUID.test(form[field].trim()))
      errors.push({ field, problem: 'uuid' });
  }
  for (const field of ['fromDate', 'toDate'] as const) {
    if (form[field] && !isDate(form[field])) errors.push({ field, problem: 'date' });
  }
  if (
    isDate(form.fromDate) &&
    isDate(form.toDate) &&
    localMidnight(form.toDate) < localMidnight(form.fromDate)
  ) {
    errors.push({ field: 'toDate', problem: 'dateOrder' });
  }
  return errors;
}

/** A calendar day (YYYY-MM-DD) at midnight in the browser's time zone. */
function localMidnight(day: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year ?? NaN, (month ?? NaN) - 1, date ?? NaN);
}

/**
 * The API query for a valid form. Days are the person's own: from the start of the first day to
 * the end of the last, in their time zone, sent as instants.
 */
export function apiQueryFromFilters(form: AuditFilterForm): URLSearchParams {
  const query = new URLSearchParams();
  const set = (name: string, value: string) => {
    if (value.trim()) query.set(name, value.trim());
  };
  set('tableId', form.tableId);
  // The situation field takes a reference as well as an id; the API resolves the reference
  // within the officer's own tables.
  if (isReference(form.situationId)) {
    set('situationReference', form.situationId.trim().toUpperCase());
  } else set('situationId', form.situationId.toLowerCase());
  set('userId', form.userId.toLowerCase());
  set('agencyId', form.agencyId.toLowerCase());
  set('action', form.action);
  if ((auditOutcomes as readonly string[]).includes(form.outcome)) {
    query.set('outcome', form.outcome as AuditOutcome);
  }
  if ((auditDataCategories as readonly string[]).includes(form.dataCategory)) {
    query.set('dataCategory', form.dataCategory as AuditDataCategory);
  }
  if (isDate(form.fromDate)) query.set('from', localMidnight(form.fromDate).toISOString());
  if (isDate(form.toDate)) {
    const end = localMidnight(form.toDate);
    end.setDate(end.getDate() + 1);
    query.set('to', end.toISOString());
  }
  return query;
}
