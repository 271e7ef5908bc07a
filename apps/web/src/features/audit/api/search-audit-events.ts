/**
 * GET /api/audit/events, page by page. Each call is itself recorded in the audit log, so the
 * answer is never refetched behind the person's back (on focus or on a timer): a search runs when
 * they ask for it, and "Load more" asks for the next page only.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { auditEventPageSchema, type AuditEventPage } from '@fourfold/shared/audit';
import { apiRequest } from '../../../lib/api-client';

export function searchAuditEvents(
  query: URLSearchParams,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<AuditEventPage> {
  const params = new URLSearchParams(query);
  if (cursor) params.set('cursor', cursor);
  const search = params.toString();
  return apiRequest(`/audit/events${search ? `?${search}` : ''}`, {
    schema: auditEventPageSchema,
    signal,
  });
}

export function useAuditEvents(query: URLSearchParams, options: { enabled: boolean }) {
  return useInfiniteQuery({
    queryKey: ['audit', 'events', query.toString()],
    queryFn: ({ pageParam, signal }) => searchAuditEvents(query, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: options.enabled,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}
