/**
 * What every change to a situation does to the cache once the API accepted it: the answer, when
 * it is the new view with its ETag, replaces the cached one; otherwise the situation is fetched
 * again. The table's lists are refreshed either way. Intervention notes are not: reading them is
 * recorded in the audit log, so only adding a note fetches them again (add-note's own hook).
 */
import type { QueryClient } from '@tanstack/react-query';
import { situationSchema } from '@fourfold/shared/situations';
import type { Versioned } from '../../../lib/api-client';
import type { VersionedSituation } from './get-situation';
import { situationKeys } from './query-keys';

export async function applySituationWrite(
  queryClient: QueryClient,
  target: { situationId: string; tableId: string },
  answer: Versioned<unknown>,
): Promise<void> {
  const view = situationSchema.safeParse(answer.data);
  const invalidations: Array<Promise<void>> = [
    queryClient.invalidateQueries({ queryKey: situationKeys.lists(target.tableId) }),
  ];
  if (view.success && answer.etag !== null && view.data.id === target.situationId) {
    queryClient.setQueryData<VersionedSituation>(situationKeys.detail(target.situationId), {
      situation: view.data,
      etag: answer.etag,
    });
  } else {
    invalidations.push(
      queryClient.invalidateQueries({
        queryKey: situationKeys.detail(target.situationId),
        exact: true,
      }),
    );
  }
  await Promise.all(invalidations);
}
