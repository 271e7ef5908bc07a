/** PATCH /api/admin/tables/:tableId: change a table's settings. */
import { adminTableSchema, type AdminTable, type TableUpdate } from '@fourfold/shared/admin';
import { apiRequest } from '../../../lib/api-client';
import { useAdminMutation } from './use-admin-mutation';

export function updateTable({
  tableId,
  ...input
}: TableUpdate & { tableId: string }): Promise<AdminTable> {
  return apiRequest(`/admin/tables/${encodeURIComponent(tableId)}`, {
    method: 'PATCH',
    body: input,
    schema: adminTableSchema,
  });
}

export function useUpdateTable() {
  return useAdminMutation(updateTable);
}
