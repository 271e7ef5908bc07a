/**
 * Invitation and reset links. Anonymous calls: the person is not signed in, and a session of
 * someone else in this browser must not be sent along.
 */
import { sessionResponseSchema, type SessionResponse } from '@fourfold/shared/auth';
import { linkInspectResponseSchema, type LinkInspectResponse } from '@fourfold/shared/credentials';
import { apiRequest } from '../../../lib/api-client';

export function inspectLink(token: string, signal?: AbortSignal): Promise<LinkInspectResponse> {
  return apiRequest('/auth/links/inspect', {
    method: 'POST',
    body: { token },
    schema: linkInspectResponseSchema,
    anonymous: true,
    signal,
  });
}

export function completeLink(token: string, newPassword: string): Promise<SessionResponse> {
  return apiRequest('/auth/links/complete', {
    method: 'POST',
    body: { token, newPassword },
    schema: sessionResponseSchema,
    anonymous: true,
  });
}
