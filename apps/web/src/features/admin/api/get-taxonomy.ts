/** GET /api/taxonomy: the code lists; administration needs the sectors and their labels. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { taxonomySchema, type Taxonomy } from '@fourfold/shared/taxonomy';
import { apiRequest } from '../../../lib/api-client';
import { taxonomyKey } from './query-keys';

export function getTaxonomy(signal?: AbortSignal): Promise<Taxonomy> {
  return apiRequest('/taxonomy', { schema: taxonomySchema, signal });
}

export const taxonomyQueryOptions = queryOptions({
  queryKey: taxonomyKey,
  queryFn: ({ signal }) => getTaxonomy(signal),
  // Code lists change rarely; an hour old is fine.
  staleTime: 60 * 60 * 1000,
});

export function useTaxonomy() {
  return useQuery(taxonomyQueryOptions);
}
