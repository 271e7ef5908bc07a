/**
 * GET /api/me/work: the signed-in person's work, table by table. Kept under the situations key
 * (it lists situations), so the cache is emptied when the signed-in person changes
 * (SituationDataGuard), and read again each time the home page opens.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { WorkHome } from '@fourfold/shared/work';
import { apiRequest, lazySchema } from '../../../lib/api-client';
import { situationKeys } from '../../situations/api/query-keys';

// Loaded with the first answer: the home's route loader asks for the work from the first
// download (home-prefetch.ts), before zod and the shared schemas have arrived with the page.
const workHomeSchema = lazySchema(() =>
  import('@fourfold/shared/work').then((module) => module.workHomeSchema),
);

export const workKey = [...situationKeys.all, 'work'] as const;

export function getWork(signal?: AbortSignal): Promise<WorkHome> {
  return apiRequest('/me/work', { schema: workHomeSchema, signal });
}

export const workQueryOptions = queryOptions({
  queryKey: workKey,
  queryFn: ({ signal }) => getWork(signal),
});

export function useWork(options: { enabled: boolean }) {
  return useQuery({
    ...workQueryOptions,
    enabled: options.enabled,
    // Its route's loader asks for it each time the home opens (home-prefetch.ts): the page,
    // mounting a moment later, takes that answer rather than asking again. Short, so that a page
    // left open refetches (on focus) as before.
    staleTime: 5_000,
  });
}
