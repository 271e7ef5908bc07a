/**
 * GET /api/membership-reviews (the pending and recently granted memberships of the caller's
 * tables) and the two decisions on a pending one: confirm, decline.
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  membershipGrantSchema,
  membershipReviewSchema,
  type MembershipGrant,
  type MembershipReview,
} from '@fourfold/shared/memberships';
import { apiRequest } from '../../../lib/api-client';

const reviewKey = ['membership-reviews'] as const;

export function getMembershipReview(
  tableId: string | undefined,
  signal?: AbortSignal,
): Promise<MembershipReview> {
  const query = tableId ? `?tableId=${encodeURIComponent(tableId)}` : '';
  return apiRequest(`/membership-reviews${query}`, { schema: membershipReviewSchema, signal });
}

export function useMembershipReview(tableId: string | undefined) {
  return useQuery(
    queryOptions({
      queryKey: [...reviewKey, tableId ?? 'all'],
      queryFn: ({ signal }) => getMembershipReview(tableId, signal),
      // Another confirmer may have decided meanwhile: never show a stale list.
      staleTime: 0,
    }),
  );
}

export type MembershipDecision = 'confirm' | 'decline';

export function decideMembership({
  membershipId,
  decision,
}: {
  membershipId: string;
  decision: MembershipDecision;
}): Promise<MembershipGrant | undefined> {
  const url = `/membership-reviews/${encodeURIComponent(membershipId)}/${decision}`;
  return decision === 'confirm'
    ? apiRequest(url, { method: 'POST', schema: membershipGrantSchema })
    : apiRequest(url, { method: 'POST', schema: z.undefined() });
}

export function useDecideMembership() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: decideMembership,
    onSettled: () => queryClient.invalidateQueries({ queryKey: reviewKey }),
  });
}
