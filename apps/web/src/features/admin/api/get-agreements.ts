/** GET /api/admin/tables/:tableId/agreements: every version, newest first. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { adminAgreementListSchema, type AdminAgreement } from '@fourfold/shared/admin';
import { apiRequest } from '../../../lib/api-client';
import { ADMIN_GC_TIME, adminKeys } from './query-keys';

export async function getAgreements(
  tableId: string,
  signal?: AbortSignal,
): Promise<AdminAgreement[]> {
  const list = await apiRequest(`/admin/tables/${encodeURIComponent(tableId)}/agreements`, {
    schema: adminAgreementListSchema,
    signal,
  });
  return list.items;
}

export function useAgreements(tableId: string) {
  return useQuery(
    queryOptions({
      queryKey: adminKeys.agreements(tableId),
      gcTime: ADMIN_GC_TIME,
      queryFn: ({ signal }) => getAgreements(tableId, signal),
    }),
  );
}
