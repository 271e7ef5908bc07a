/** PATCH /api/admin/agencies/:agencyId: rename an agency or change its sector. */
import { adminAgencySchema, type AdminAgency, type AgencyUpdate } from '@fourfold/shared/admin';
import { apiRequest } from '../../../lib/api-client';
import { useAdminMutation } from './use-admin-mutation';

export function updateAgency({
  agencyId,
  ...input
}: AgencyUpdate & { agencyId: string }): Promise<AdminAgency> {
  return apiRequest(`/admin/agencies/${encodeURIComponent(agencyId)}`, {
    method: 'PATCH',
    body: input,
    schema: adminAgencySchema,
  });
}

export function useUpdateAgency() {
  return useAdminMutation(updateAgency);
}
