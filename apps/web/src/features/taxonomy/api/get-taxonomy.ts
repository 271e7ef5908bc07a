/**
 * GET /api/taxonomy: the code lists with English and French labels. Administration and the
 * situation screens read them through this one query, so the cache holds them once.
 */
import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import type { Taxonomy } from '@fourfold/shared/taxonomy';
import { ApiError, apiRequest, lazySchema } from '../../../lib/api-client';

// Loaded with the first answer: the route loaders of the home and a situation ask for the code
// lists from the first download, before zod and the shared schemas have arrived with the page.
const taxonomySchema = lazySchema(() =>
  import('@fourfold/shared/taxonomy').then((module) => module.taxonomySchema),
);

export const taxonomyQueryKey = ['taxonomy'] as const;

export function getTaxonomy(signal?: AbortSignal): Promise<Taxonomy> {
  return apiRequest('/taxonomy', { schema: taxonomySchema, signal });
}

export const taxonomyQueryOptions = queryOptions({
  queryKey: taxonomyQueryKey,
  queryFn: ({ signal }) => getTaxonomy(signal),
  // Code lists change rarely, but when an administrator retires a code, forms elsewhere should
  // stop offering it soon (the API refuses it anyway): five minutes, and again on window focus.
  staleTime: 5 * 60 * 1000,
});

/**
 * `forForm`: a form that offers codes reads the lists afresh when it opens, so that a code an
 * administrator retired a minute ago is not offered (or is marked on a draft that has it).
 */
/**
 * After the API refused a request as invalid, a form that offers codes reads the lists again: the
 * refusal may be of a code an administrator retired since the form loaded them, which the form
 * then marks as no longer offered.
 */
export function refreshCodesAfterRefusal(queryClient: QueryClient, error: unknown): void {
  if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
    void queryClient.invalidateQueries({ queryKey: taxonomyQueryKey });
  }
}

export function useTaxonomy({ forForm = false }: { forForm?: boolean } = {}) {
  return useQuery({ ...taxonomyQueryOptions, ...(forForm ? { refetchOnMount: 'always' } : {}) });
}
