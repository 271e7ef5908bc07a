/** POST /api/admin/tables: a new situation table. */
import { adminTableSchema, type AdminTable, type TableCreate } from '@fourfold/shared/admin';
import { apiRequest } from '../../../lib/api-client';
import { useAdminMutation } from './use-admin-mutation';

export function createTable(input: TableCreate): Promise<AdminTable> {
  return apiRequest('/admin/tables', { method: 'POST', body: input, schema: adminTableSchema });
}

export function useCreateTable() {
  return useAdminMutation(createTable);
}
