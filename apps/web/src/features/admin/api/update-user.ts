/**
 * PATCH /api/admin/users/:userId: change a user's e-mail address (both addresses are told), name,
 * agency or administrator role.
 */
import { adminUserSchema, type AdminUser, type UserUpdate } from '@fourfold/shared/admin';
import { apiRequest } from '../../../lib/api-client';
import { useAdminMutation } from './use-admin-mutation';

export function updateUser({
  userId,
  ...input
}: UserUpdate & { userId: string }): Promise<AdminUser> {
  return apiRequest(`/admin/users/${encodeURIComponent(userId)}`, {
    method: 'PATCH',
    body: input,
    schema: adminUserSchema,
  });
}

export function useUpdateUser() {
  return useAdminMutation(updateUser);
}
