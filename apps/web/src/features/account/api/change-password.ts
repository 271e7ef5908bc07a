/** Changing one's own password; the API answers with a fresh session for this browser. */
import { sessionResponseSchema, type SessionResponse } from '@fourfold/shared/auth';
import type { PasswordChangeRequest } from '@fourfold/shared/credentials';
import { apiRequest } from '../../../lib/api-client';

export function changePassword(request: PasswordChangeRequest): Promise<SessionResponse> {
  return apiRequest('/me/password', {
    method: 'POST',
    body: request,
    schema: sessionResponseSchema,
  });
}
