/** GET /api/audit/situations/:situationId/access-report: every access to one situation. */
import { useQuery } from '@tanstack/react-query';
import { situationAccessReportSchema, type SituationAccessReport } from '@fourfold/shared/audit';
import { apiRequest } from '../../../lib/api-client';

export function getAccessReport(
  situationId: string,
  signal?: AbortSignal,
): Promise<SituationAccessReport> {
  return apiRequest(`/audit/situations/${encodeURIComponent(situationId)}/access-report`, {
    schema: situationAccessReportSchema,
    signal,
  });
}

/** Fetched once per visit: every fetch is recorded in the audit log. */
export function useAccessReport(situationId: string) {
  return useQuery({
    queryKey: ['audit', 'access-report', situationId],
    queryFn: ({ signal }) => getAccessReport(situationId, signal),
    staleTime: Infinity,
    gcTime: 60_000,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}
