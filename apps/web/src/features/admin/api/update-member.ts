/** PATCH /api/admin/tables/:tableId/members/:userId: change a member's role. */
import { adminMemberSchema, type AdminMember, type MemberUpdate } from '@fourfold/shared/admin';
import { apiRequest } from '../../../lib/api-client';
import { useAdminMutation } from './use-admin-mutation';

export function updateMember({
  tableId,
  userId,
  ...input
}: MemberUpdate & { tableId: string; userId: string }): Promise<AdminMember> {
  return apiRequest(
    `/admin/tables/${encodeURIComponent(tableId)}/members/${encodeURIComponent(userId)}`,
    { method: 'PATCH', body: input, schema: adminMemberSchema },
  );
}

export function useUpdateMember() {
  return useAdminMutation(updateMember);
}
