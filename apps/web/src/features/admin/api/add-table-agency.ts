/** POST /api/admin/tables/:tableId/agencies: a new member agency. */
import { adminTableSchema, type AdminTable } from '@fourfold/shared/admin';
import { apiRequest } from '../../../lib/api-client';
import { useAdminMutation } from './use-admin-mutation';

export function addTableAgency({
  tableId,
  agencyId,
}: {
  tableId: string;
  agencyId: string;
}): Promise<AdminTable> {
  return apiRequest(`/admin/tables/${encodeURIComponent(tableId)}/agencies`, {
    method: 'POST',
    body: { agencyId },
    schema: adminTableSchema,
  });
}

export function useAddTableAgency() {
  return useAdminMutation(addTableAgency);
}
