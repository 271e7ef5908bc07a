/**
 * POST /api/admin/users/:userId/invitation and …/password-reset: a new one-time link, e-mailed to
 * the person. The answer says where it went and until when, never the link itself.
 */
import { userLinkSchema, type LinkPurpose, type UserLink } from '@fourfold/shared/admin';
import { apiRequest } from '../../../lib/api-client';
import { useAdminMutation } from './use-admin-mutation';

export function issueUserLink({
  userId,
  purpose,
}: {
  userId: string;
  purpose: LinkPurpose;
}): Promise<UserLink> {
  const path = purpose === 'invite' ? 'invitation' : 'password-reset';
  return apiRequest(`/admin/users/${encodeURIComponent(userId)}/${path}`, {
    method: 'POST',
    schema: userLinkSchema,
  });
}

export function useIssueUserLink() {
  return useAdminMutation(issueUserLink);
}
