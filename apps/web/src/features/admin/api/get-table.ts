/** GET /api/admin/tables/:tableId: one situation table. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { adminTableSchema, type AdminTable } from '@fourfold/shared/admin';
import { apiRequest } from '../../../lib/api-client';
import { ADMIN_GC_TIME, adminKeys } from './query-keys';

export function getTable(tableId: string, signal?: AbortSignal): Promise<AdminTable> {
  return apiRequest(`/admin/tables/${encodeURIComponent(tableId)}`, {
    schema: adminTableSchema,
    signal,
  });
}

export const tableQueryOptions = (tableId: string) =>
  queryOptions({
    queryKey: adminKeys.table(tableId),
    gcTime: ADMIN_GC_TIME,
    queryFn: ({ signal }) => getTable(tableId, signal),
  });

export function useTable(tableId: string) {
  return useQuery(tableQueryOptions(tableId));
}
