/** GET /api/admin/tables/:tableId/members: who sits at the table, in which role. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { adminMemberListSchema, type AdminMember } from '@fourfold/shared/admin';
import { apiRequest } from '../../../lib/api-client';
import { ADMIN_GC_TIME, adminKeys } from './query-keys';

export async function getMembers(tableId: string, signal?: AbortSignal): Promise<AdminMember[]> {
  const list = await apiRequest(`/admin/tables/${encodeURIComponent(tableId)}/members`, {
    schema: adminMemberListSchema,
    signal,
  });
  return list.items;
}

export function useMembers(tableId: string) {
  return useQuery(
    queryOptions({
      queryKey: adminKeys.members(tableId),
      gcTime: ADMIN_GC_TIME,
      queryFn: ({ signal }) => getMembers(tableId, signal),
    }),
  );
}
