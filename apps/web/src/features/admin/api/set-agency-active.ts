/** POST /api/admin/agencies/:agencyId/deactivate and …/reactivate (one pair, one shape). */
import { adminAgencySchema, type AdminAgency } from '@fourfold/shared/admin';
import { apiRequest } from '../../../lib/api-client';
import { useAdminMutation } from './use-admin-mutation';

export function setAgencyActive({
  agencyId,
  active,
}: {
  agencyId: string;
  active: boolean;
}): Promise<AdminAgency> {
  const action = active ? 'reactivate' : 'deactivate';
  return apiRequest(`/admin/agencies/${encodeURIComponent(agencyId)}/${action}`, {
    method: 'POST',
    schema: adminAgencySchema,
  });
}

export function useSetAgencyActive() {
  return useAdminMutation(setAgencyActive);
}
