/**
 * The situation list's search, filters and sort as plain data: what the page address holds (so a
 * search can be shared, survives a reload, and the back button works), read leniently (a value the
 * list cannot take is dropped, not an error page), and the API query each becomes. The parameter
 * names are the API's own, so a link such as `/tables/:id?stage=draft&originatingAgencyId=…` or
 * `?overdue=true` (the home pages link in this way) means the same to the page and to the API.
 */
import {
  createdRangeInOrder,
  situationListQuerySchema,
  situationSortKeys,
  type SituationSortKey,
} from '@fourfold/shared/situations';
import { stageSchema } from '@fourfold/shared/policy-schemas';
import type { Stage } from '@fourfold/shared/situation-workflow';

export type SituationListFilters = {
  q: string;
  stage: Stage | null;
  originatingAgencyId: string;
  leadAgencyId: string;
  overdue: boolean;
  createdFrom: string;
  createdTo: string;
  sort: SituationSortKey;
  order: 'asc' | 'desc';
};

export const defaultSort = { sort: 'updated', order: 'desc' } as const;

export const emptyListFilters: SituationListFilters = {
  q: '',
  stage: null,
  originatingAgencyId: '',
  leadAgencyId: '',
  overdue: false,
  createdFrom: '',
  createdTo: '',
  ...defaultSort,
};

const { shape } = situationListQuerySchema;

/** A value the list takes, else '' (a hand-edited or stale link narrows nothing it cannot). */
function valid(schema: { safeParse: (value: unknown) => { success: boolean } }, value: string) {
  return value !== '' && schema.safeParse(value).success ? value : '';
}

export function listFiltersFromSearchParams(params: URLSearchParams): SituationListFilters {
  const get = (name: string) => params.get(name)?.trim() ?? '';
  const stage = stageSchema.safeParse(get('stage'));
  const sort = get('sort');
  return {
    q: valid(shape.q, get('q')),
    stage: stage.success ? stage.data : null,
    originatingAgencyId: valid(shape.originatingAgencyId, get('originatingAgencyId').toLowerCase()),
    leadAgencyId: valid(shape.leadAgencyId, get('leadAgencyId').toLowerCase()),
    overdue: get('overdue') === 'true',
    createdFrom: valid(shape.createdFrom, get('createdFrom')),
    createdTo: valid(shape.createdTo, get('createdTo')),
    sort: (situationSortKeys as readonly string[]).includes(sort)
      ? (sort as SituationSortKey)
      : defaultSort.sort,
    order: get('order') === 'asc' ? 'asc' : get('order') === 'desc' ? 'desc' : defaultSort.order,
  };
}

/** The page address of a set of filters: only what differs from the defaults. */
export function searchParamsFromListFilters(filters: SituationListFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.stage) params.set('stage', filters.stage);
  if (filters.originatingAgencyId) params.set('originatingAgencyId', filters.originatingAgencyId);
  if (filters.leadAgencyId) params.set('leadAgencyId', filters.leadAgencyId);
  if (filters.overdue) params.set('overdue', 'true');
  if (filters.createdFrom) params.set('createdFrom', filters.createdFrom);
  if (filters.createdTo) params.set('createdTo', filters.createdTo);
  if (filters.sort !== defaultSort.sort || filters.order !== defaultSort.order) {
    params.set('sort', filters.sort);
    params.set('order', filters.order);
  }
  return params;
}

/** The filters that narrow the list (not the stage, not the sort): what the stage counts take. */
export function narrowingFilters(filters: SituationListFilters): URLSearchParams {
  return searchParamsFromListFilters({ ...filters, ...defaultSort, stage: null });
}

/** How many filters beyond the search and the stage are in use: shown on the disclosure. */
export function moreFiltersInUse(filters: SituationListFilters): number {
  return [
    filters.originatingAgencyId,
    filters.leadAgencyId,
    filters.overdue,
    filters.createdFrom,
    filters.createdTo,
    filters.sort !== defaultSort.sort || filters.order !== defaultSort.order,
  ].filter(Boolean).length;
}

export const isFiltered = (filters: SituationListFilters) =>
  searchParamsFromListFilters(filters).toString() !== '';

export type ListFilterError =
  | { field: 'createdFrom' | 'createdTo'; problem: 'invalidDate' }
  | { field: 'createdTo'; problem: 'dateOrder' };

/** A calendar day as the API takes it (YYYY-MM-DD, a day that exists). */
function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/**
 * What stops the form from being applied: a day typed in part or that does not exist (it would
 * otherwise be dropped from the address without a word), and the API's own range rule
 * (createdRangeInOrder).
 */
export function validateListFilters(filters: SituationListFilters): ListFilterError[] {
  const invalid = (['createdFrom', 'createdTo'] as const)
    .filter((field) => filters[field] !== '' && !isCalendarDay(filters[field]))
    .map((field) => ({ field, problem: 'invalidDate' as const }));
  if (invalid.length > 0) return invalid;
  const range = {
    ...(filters.createdFrom ? { createdFrom: filters.createdFrom } : {}),
    ...(filters.createdTo ? { createdTo: filters.createdTo } : {}),
  };
  return createdRangeInOrder(range) ? [] : [{ field: 'createdTo', problem: 'dateOrder' }];
}
