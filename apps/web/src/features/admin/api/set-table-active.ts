/** POST /api/admin/tables/:tableId/deactivate and …/reactivate (one pair, one shape). */
import { adminTableSchema, type AdminTable } from '@fourfold/shared/admin';
import { apiRequest } from '../../../lib/api-client';
import { useAdminMutation } from './use-admin-mutation';

export function setTableActive({
  tableId,
  active,
}: {
  tableId: string;
  active: boolean;
}): Promise<AdminTable> {
  const action = active ? 'reactivate' : 'deactivate';
  return apiRequest(`/admin/tables/${encodeURIComponent(tableId)}/${action}`, {
    method: 'POST',
    schema: adminTableSchema,
  });
}

export function useSetTableActive() {
  return useAdminMutation(setTableActive);
}
