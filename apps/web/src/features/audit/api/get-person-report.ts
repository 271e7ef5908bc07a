/** GET /api/audit/person-report?reference=…: who has seen a person's information. */
import { useQuery } from '@tanstack/react-query';
import { personReportSchema, type PersonReport } from '@fourfold/shared/audit';
import { apiRequest } from '../../../lib/api-client';

export function getPersonReport(reference: string, signal?: AbortSignal): Promise<PersonReport> {
  const query = new URLSearchParams({ reference });
  return apiRequest(`/audit/person-report?${query.toString()}`, {
    schema: personReportSchema,
    signal,
  });
}

/** Fetched once per request: every fetch is recorded in the audit log. */
export function usePersonReport(reference: string | null) {
  return useQuery({
    queryKey: ['audit', 'person-report', reference],
    queryFn: ({ signal }) => getPersonReport(reference!, signal),
    enabled: reference !== null,
    staleTime: Infinity,
    gcTime: 60_000,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}
