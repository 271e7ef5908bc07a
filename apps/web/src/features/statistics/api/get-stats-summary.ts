/**
 * GET /api/stats/summary: the published counts of the chosen tables and months. Every call is
 * recorded in the audit log, and the same question always gets the same answer (the counts are
 * consistently rounded), so it is asked once per view and never refetched behind the person's
 * back (on focus, on reconnect, on a timer).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { statsSummarySchema, type StatsSummary } from '@fourfold/shared/statistics';
import { apiRequest } from '../../../lib/api-client';
import { searchParamsFromFilters, type StatsFilters } from '../lib/filters';

export function getStatsSummary(
  filters: StatsFilters,
  signal?: AbortSignal,
): Promise<StatsSummary> {
  return apiRequest(`/stats/summary?${searchParamsFromFilters(filters).toString()}`, {
    schema: statsSummarySchema,
    signal,
  });
}

export function useStatsSummary(filters: StatsFilters, options: { enabled: boolean }) {
  return useQuery({
    queryKey: ['statistics', 'summary', searchParamsFromFilters(filters).toString()],
    queryFn: ({ signal }) => getStatsSummary(filters, signal),
    enabled: options.enabled,
    // While a new window loads, the charts keep the last one (marked busy) instead of vanishing.
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    retry: false,
  });
}
