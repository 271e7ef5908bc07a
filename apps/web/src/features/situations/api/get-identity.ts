/**
 * GET /api/situations/:id/identity: the identity of the people in a situation, for an agency the
 * access policy allows. Every call is written to the audit log (who, which agency, when, why), so
 * it is never a background query: it runs only when the person asks, once, and its answer lives
 * in the component that shows it — a mutation with gcTime 0, removed from the cache when that
 * component goes away — never in a URL, storage or the query cache.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import {
  accessPurposeHeader,
  identityViewSchema,
  type IdentityView,
} from '@fourfold/shared/situations';
import { apiRequest } from '../../../lib/api-client';

export function getIdentity(situationId: string, purpose: string): Promise<IdentityView> {
  // The purpose goes in a header: a person typed it, and URLs end up in logs.
  return apiRequest(`/situations/${encodeURIComponent(situationId)}/identity`, {
    schema: identityViewSchema,
    headers: accessPurposeHeader(purpose),
  });
}

const identityMutationKey = (situationId: string) => ['identity', situationId] as const;

export function useIdentityDisclosure(situationId: string) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationKey: identityMutationKey(situationId),
    mutationFn: (purpose: string) => getIdentity(situationId, purpose),
    gcTime: 0,
    retry: false,
  });
  const { reset } = mutation;
  useEffect(
    () => () => {
      // Leaving the page (or the situation) forgets the identity at once.
      reset();
      const cache = queryClient.getMutationCache();
      for (const held of cache.findAll({ mutationKey: identityMutationKey(situationId) })) {
        cache.remove(held);
      }
    },
    [queryClient, reset, situationId],
  );
  return mutation;
}
