import { queryOptions, useQuery } from '@tanstack/react-query';
import { readinessSchema, type Readiness } from '@fourfold/shared/health';
import { apiRequest } from '../../../lib/api-client';

/** Readiness answers 503 with a body when the database is down: a valid answer, not a failure. */
export function getReadiness(signal?: AbortSignal): Promise<Readiness> {
  return apiRequest('/health/ready', { schema: readinessSchema, acceptStatuses: [503], signal });
}

export const readinessQueryOptions = queryOptions({
  queryKey: ['health', 'ready'],
  queryFn: ({ signal }) => getReadiness(signal),
  // Keeps the panel honest while it stays open; once a minute is no load on the API.
  refetchInterval: 60_000,
});

export function useReadiness() {
  return useQuery(readinessQueryOptions);
}
