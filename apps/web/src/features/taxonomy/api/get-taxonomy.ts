/**
 * GET /api/taxonomy: the code lists with English and French labels. Administration and the
 * situation screens read them through this one query, so the cache holds them once.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { taxonomySchema, type Taxonomy } from '@fourfold/shared/taxonomy';
import { apiRequest } from '../../../lib/api-client';

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

export function useTaxonomy() {
  return useQuery(taxonomyQueryOptions);
}
