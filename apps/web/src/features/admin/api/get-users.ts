/** GET /api/admin/users: one page of users, filtered by agency, table or status. */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import {
  adminUserListSchema,
  type AdminUserList,
  type UserListQuery,
} from '@fourfold/shared/admin';
import { apiRequest } from '../../../lib/api-client';
import { ADMIN_GC_TIME, adminKeys } from './query-keys';

export function getUsers(query: UserListQuery, signal?: AbortSignal): Promise<AdminUserList> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return apiRequest(`/admin/users${search ? `?${search}` : ''}`, {
    schema: adminUserListSchema,
    signal,
  });
}

export const usersQueryOptions = (query: UserListQuery) =>
  queryOptions({
    queryKey: adminKeys.users(query),
    gcTime: ADMIN_GC_TIME,
    queryFn: ({ signal }) => getUsers(query, signal),
    // Paging keeps the page on screen until the next one arrives, instead of flashing "loading".
    placeholderData: keepPreviousData,
  });

export function useUsers(query: UserListQuery, options: { enabled?: boolean } = {}) {
  return useQuery({ ...usersQueryOptions(query), enabled: options.enabled ?? true });
}
