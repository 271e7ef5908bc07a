/** GET /api/admin/agencies: every agency with its sector, tables and active users. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { adminAgencyListSchema, type AdminAgency } from '@fourfold/shared/admin';
import { apiRequest } from '../../../lib/api-client';
import { ADMIN_GC_TIME, adminKeys } from './query-keys';

export async function getAgencies(signal?: AbortSignal): Promise<AdminAgency[]> {
  return (await apiRequest('/admin/agencies', { schema: adminAgencyListSchema, signal })).items;
}

export const agenciesQueryOptions = queryOptions({
  queryKey: adminKeys.agencies,
  gcTime: ADMIN_GC_TIME,
  queryFn: ({ signal }) => getAgencies(signal),
});

export function useAgencies() {
  return useQuery(agenciesQueryOptions);
}
