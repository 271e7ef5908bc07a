/** GET /api/tables/:tableId/situations: a table's situations, newest first, a page at a time. */
import { infiniteQueryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Stage } from '@fourfold/shared/situation-workflow';
import { situationListSchema, situationStageCountsSchema } from '@fourfold/shared/situations';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';
import { situationKeys } from './query-keys';

export type SituationList = z.infer<typeof situationListSchema>;

export const PAGE_SIZE = 25;

export function listSituations(
  tableId: string,
  query: { stage: Stage | null; cursor?: string | null; limit: number },
  signal?: AbortSignal,
): Promise<SituationList> {
  const params = new URLSearchParams({ limit: String(query.limit) });
  if (query.stage) params.set('stage', query.stage);
  if (query.cursor) params.set('cursor', query.cursor);
  return apiRequest(`/tables/${encodeURIComponent(tableId)}/situations?${params}`, {
    schema: situationListSchema,
    signal,
  });
}

export function situationListQueryOptions(tableId: string, stage: Stage | null) {
  return infiniteQueryOptions({
    queryKey: situationKeys.list(tableId, stage, PAGE_SIZE),
    queryFn: ({ pageParam, signal }) =>
      listSituations(tableId, { stage, cursor: pageParam, limit: PAGE_SIZE }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useSituationList(tableId: string, stage: Stage | null) {
  return useInfiniteQuery(situationListQueryOptions(tableId, stage));
}

/** GET /api/tables/:tableId/situations/counts: how many situations the person sees at each stage. */
export function getStageCounts(tableId: string, signal?: AbortSignal) {
  return apiRequest(`/tables/${encodeURIComponent(tableId)}/situations/counts`, {
    schema: situationStageCountsSchema,
    signal,
  });
}

/** The counts for the stage filter; undefined while they load. */
export function useStageCounts(tableId: string): Record<Stage, number> | undefined {
  return useQuery({
    // Under the table's lists key: every write that refreshes the lists refreshes the counts.
    queryKey: [...situationKeys.lists(tableId), 'counts'],
    queryFn: ({ signal }) => getStageCounts(tableId, signal),
    select: (answer) => answer.counts,
  }).data;
}
