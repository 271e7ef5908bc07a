/** POST /api/admin/agencies: a new agency. */
import { adminAgencySchema, type AdminAgency, type AgencyCreate } from '@fourfold/shared/admin';
import { apiRequest } from '../../../lib/api-client';
import { useAdminMutation } from './use-admin-mutation';

export function createAgency(input: AgencyCreate): Promise<AdminAgency> {
  return apiRequest('/admin/agencies', { method: 'POST', body: input, schema: adminAgencySchema });
}

export function useCreateAgency() {
  return useAdminMutation(createAgency);
}
