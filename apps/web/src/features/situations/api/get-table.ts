/** GET /api/tables/:tableId: the table's name, settings and member agencies. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { tableDetailSchema, type TableDetail } from '@fourfold/shared/situations';
import { apiRequest } from '../../../lib/api-client';
import { situationKeys } from './query-keys';

export function getTable(tableId: string, signal?: AbortSignal): Promise<TableDetail> {
  return apiRequest(`/tables/${encodeURIComponent(tableId)}`, {
    schema: tableDetailSchema,
    signal,
  });
}

export function tableQueryOptions(tableId: string) {
  return queryOptions({
    queryKey: situationKeys.table(tableId),
    queryFn: ({ signal }) => getTable(tableId, signal),
    staleTime: 5 * 60 * 1000,
  });
}

export function useTable(tableId: string, options: { enabled?: boolean } = {}) {
  return useQuery({ ...tableQueryOptions(tableId), enabled: options.enabled ?? true });
}
