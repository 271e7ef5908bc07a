/** DELETE /api/admin/tables/:tableId/agencies/:agencyId: remove a member agency. */
import { adminTableSchema, type AdminTable } from '@fourfold/shared/admin';
import { apiRequest } from '../../../lib/api-client';
import { useAdminMutation } from './use-admin-mutation';

export function removeTableAgency({
  tableId,
  agencyId,
}: {
  tableId: string;
  agencyId: string;
}): Promise<AdminTable> {
  return apiRequest(
    `/admin/tables/${encodeURIComponent(tableId)}/agencies/${encodeURIComponent(agencyId)}`,
    { method: 'DELETE', schema: adminTableSchema },
  );
}

export function useRemoveTableAgency() {
  return useAdminMutation(removeTableAgency);
}
