/** POST /api/admin/tables/:tableId/members: a new member with a role. */
import { adminMemberSchema, type AdminMember, type MemberAdd } from '@fourfold/shared/admin';
import { apiRequest } from '../../../lib/api-client';
import { useAdminMutation } from './use-admin-mutation';

export function addMember({
  tableId,
  ...input
}: MemberAdd & { tableId: string }): Promise<AdminMember> {
  return apiRequest(`/admin/tables/${encodeURIComponent(tableId)}/members`, {
    method: 'POST',
    body: input,
    schema: adminMemberSchema,
  });
}

export function useAddMember() {
  return useAdminMutation(addMember);
}
