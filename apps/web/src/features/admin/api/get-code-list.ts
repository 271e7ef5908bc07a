/** GET /api/admin/code-lists/:list: every code of one list, retired ones included, in order. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { adminCodeListSchema, type AdminCode } from '@fourfold/shared/admin';
import type { CodeListName } from '@fourfold/shared/taxonomy';
import { apiRequest } from '../../../lib/api-client';
import { ADMIN_GC_TIME, adminKeys } from './query-keys';

export async function getCodeList(list: CodeListName, signal?: AbortSignal): Promise<AdminCode[]> {
  return (
    await apiRequest(`/admin/code-lists/${encodeURIComponent(list)}`, {
      schema: adminCodeListSchema,
      signal,
    })
  ).items;
}

export function codeListQueryOptions(list: CodeListName) {
  return queryOptions({
    queryKey: adminKeys.codeList(list),
    gcTime: ADMIN_GC_TIME,
    queryFn: ({ signal }) => getCodeList(list, signal),
  });
}

export function useCodeList(list: CodeListName) {
  return useQuery(codeListQueryOptions(list));
}
