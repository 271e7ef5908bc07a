/** GET /api/tables/:tableId/situations: a table's situations, newest first, a page at a time. */
import { infiniteQueryOptions, useInfiniteQuery, useQueries } from '@tanstack/react-query';
import { stages, type Stage } from '@fourfold/shared/situation-workflow';
import { situationListSchema } from '@fourfold/shared/situations';
import type { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';
import { situationKeys } from './query-keys';

export type SituationList = z.infer<typeof situationListSchema>;

export const PAGE_SIZE = 25;
/** The most a stage count looks at; beyond it the count reads "100+". */
export const COUNT_LIMIT = 100;

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

export type StageCount = { count: number; more: boolean } | undefined;

/** How many situations the table has at each stage (up to COUNT_LIMIT), for the stage filter. */
export function useStageCounts(tableId: string): Record<Stage, StageCount> {
  const results = useQueries({
    queries: stages.map((stage) => ({
      queryKey: situationKeys.list(tableId, stage, COUNT_LIMIT),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        listSituations(tableId, { stage, limit: COUNT_LIMIT }, signal),
      select: (list: SituationList) => ({
        count: list.items.length,
        more: list.nextCursor !== null,
      }),
    })),
  });
  return Object.fromEntries(stages.map((stage, index) => [stage, results[index]?.data])) as Record<
    Stage,
    StageCount
  >;
}
