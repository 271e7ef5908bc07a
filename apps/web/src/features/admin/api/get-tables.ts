/** GET /api/admin/tables: every situation table with its settings and member agencies. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { adminTableListSchema, type AdminTable } from '@fourfold/shared/admin';
import { apiRequest } from '../../../lib/api-client';
import { ADMIN_GC_TIME, adminKeys } from './query-keys';

export async function getTables(signal?: AbortSignal): Promise<AdminTable[]> {
  return (await apiRequest('/admin/tables', { schema: adminTableListSchema, signal })).items;
}

export const tablesQueryOptions = queryOptions({
  queryKey: adminKeys.tables,
  gcTime: ADMIN_GC_TIME,
  queryFn: ({ signal }) => getTables(signal),
});

export function useTables() {
  return useQuery(tablesQueryOptions);
}
