/** GET /api/admin/users/:userId: one user with memberships and pending links. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { adminUserSchema, type AdminUser } from '@fourfold/shared/admin';
import { apiRequest } from '../../../lib/api-client';
import { ADMIN_GC_TIME, adminKeys } from './query-keys';

export function getUser(userId: string, signal?: AbortSignal): Promise<AdminUser> {
  return apiRequest(`/admin/users/${encodeURIComponent(userId)}`, {
    schema: adminUserSchema,
    signal,
  });
}

export function useUser(userId: string) {
  return useQuery(
    queryOptions({
      queryKey: adminKeys.user(userId),
      gcTime: ADMIN_GC_TIME,
      queryFn: ({ signal }) => getUser(userId, signal),
    }),
  );
}
