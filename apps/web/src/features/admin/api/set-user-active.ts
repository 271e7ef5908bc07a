/** POST /api/admin/users/:userId/deactivate and …/reactivate (one pair, one shape). */
import { adminUserSchema, type AdminUser } from '@fourfold/shared/admin';
import { apiRequest } from '../../../lib/api-client';
import { useAdminMutation } from './use-admin-mutation';

export function setUserActive({
  userId,
  active,
}: {
  userId: string;
  active: boolean;
}): Promise<AdminUser> {
  const action = active ? 'reactivate' : 'deactivate';
  return apiRequest(`/admin/users/${encodeURIComponent(userId)}/${action}`, {
    method: 'POST',
    schema: adminUserSchema,
  });
}

export function useSetUserActive() {
  return useAdminMutation(setUserActive);
}
