/**
 * The mutation every situation-level change uses: sends the change with `If-Match` set to the
 * ETag of the view on screen, then updates the cache (apply-write.ts). A stale view is answered
 * 412 PRECONDITION_FAILED, which the screens turn into "someone changed it — reload".
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Versioned } from '../../../lib/api-client';
import { applySituationWrite } from './apply-write';
import { ifMatchOf, type VersionedSituation } from './get-situation';

export function useSituationWrite<Variables>(
  versioned: VersionedSituation,
  send: (situationId: string, variables: Variables, ifMatch: string) => Promise<Versioned<unknown>>,
  /** More to refresh once the change is accepted (the notes, after adding one). */
  alsoRefresh: readonly (readonly unknown[])[] = [],
) {
  const queryClient = useQueryClient();
  const { id: situationId, tableId } = versioned.situation;
  return useMutation({
    mutationFn: (variables: Variables) => send(situationId, variables, ifMatchOf(versioned)),
    onSuccess: async (answer) => {
      await applySituationWrite(queryClient, { situationId, tableId }, answer);
      await Promise.all(alsoRefresh.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
  });
}
