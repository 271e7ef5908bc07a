/** DELETE /api/admin/tables/:tableId/members/:userId: remove a member from the table. */
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';
import { useAdminMutation } from './use-admin-mutation';

export function removeMember({ tableId, userId }: { tableId: string; userId: string }) {
  return apiRequest(
    `/admin/tables/${encodeURIComponent(tableId)}/members/${encodeURIComponent(userId)}`,
    { method: 'DELETE', schema: z.undefined() },
  );
}

export function useRemoveMember() {
  return useAdminMutation(removeMember);
}
