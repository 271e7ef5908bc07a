/** POST /api/admin/tables/:tableId/agreements: publish a new version of the agreement. */
import {
  adminAgreementSchema,
  type AdminAgreement,
  type AgreementPublish,
} from '@fourfold/shared/admin';
import { apiRequest } from '../../../lib/api-client';
import { useAdminMutation } from './use-admin-mutation';

export function publishAgreement({
  tableId,
  ...input
}: AgreementPublish & { tableId: string }): Promise<AdminAgreement> {
  return apiRequest(`/admin/tables/${encodeURIComponent(tableId)}/agreements`, {
    method: 'POST',
    body: input,
    schema: adminAgreementSchema,
  });
}

export function usePublishAgreement() {
  return useAdminMutation(publishAgreement);
}
