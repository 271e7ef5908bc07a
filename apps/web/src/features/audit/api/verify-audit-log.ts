/**
 * GET /api/audit/verify, run when the person presses the button (a mutation, not a query: it is
 * an action they take, recorded in the log, and never repeated on its own).
 */
import { useMutation } from '@tanstack/react-query';
import { auditVerificationSchema, type AuditVerification } from '@fourfold/shared/audit';
import { apiRequest } from '../../../lib/api-client';

export function verifyAuditLog(): Promise<AuditVerification> {
  return apiRequest('/audit/verify', { schema: auditVerificationSchema });
}

export function useVerifyAuditLog() {
  return useMutation({ mutationFn: verifyAuditLog });
}
