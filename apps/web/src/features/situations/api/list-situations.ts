/**
 * GET /api/tables/:tableId/situations: a table's situations, searched, filtered and sorted as the
 * page address says, a page at a time; and their counts by stage under the same filters.
 */
import { infiniteQueryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Stage } from '@fourfold/shared/situation-workflow';
import { situationListSchema, situationStageCountsSchema } from '@fourfold/shared/situations';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';
import {
  narrowingFilters,
  searchParamsFromListFilters,
  type SituationListFilters,
} from '../utils/list-filters';
import { situationKeys } from './query-keys';

export type SituationList = z.infer<typeof situationListSchema>;

export const PAGE_SIZE = 25;

export function listSituations(
  tableId: string,
  query: { filters: SituationListFilters; cursor?: string | null; limit: number },
  signal?: AbortSignal,
): Promise<SituationList> {
  const params = searchParamsFromListFilters(query.filters);
  params.set('limit', String(query.limit));
  if (query.cursor) params.set('cursor', query.cursor);
  return apiRequest(`/tables/${encodeURIComponent(tableId)}/situations?${params}`, {
    schema: situationListSchema,
    signal,
  });
}

export function situationListQueryOptions(tableId: string, filters: SituationListFilters) {
  return infiniteQueryOptions({
    queryKey: situationKeys.list(
      tableId,
      searchParamsFromListFilters(filters).toString(),
      PAGE_SIZE,
    ),
    queryFn: ({ pageParam, signal }) =>
      listSituations(tableId, { filters, cursor: pageParam, limit: PAGE_SIZE }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useSituationList(tableId: string, filters: SituationListFilters) {
  return useInfiniteQuery(situationListQueryOptions(tableId, filters));
}

/**
 * GET /api/tables/:tableId/situations/counts: how many situations the person sees at each stage,
 * under the list's filters but the stage.
 */
export function getStageCounts(tableId: string, filters: URLSearchParams, signal?: AbortSignal) {
  const search = filters.toString();
  return apiRequest(
    `/tables/${encodeURIComponent(tableId)}/situations/counts${search ? `?${search}` : ''}`,
    { schema: situationStageCountsSchema, signal },
  );
}

/** The counts for the stage filter; undefined while they load. */
export function useStageCounts(
  tableId: string,
  filters: SituationListFilters,
): Record<Stage, number> | undefined {
  const narrowing = narrowingFilters(filters);
  return useQuery({
    // Under the table's lists key: every write that refreshes the lists refreshes the counts.
    queryKey: [...situationKeys.lists(tableId), 'counts', narrowing.toString()],
    queryFn: ({ signal }) => getStageCounts(tableId, narrowing, signal),
    select: (answer) => answer.counts,
  }).data;
}
