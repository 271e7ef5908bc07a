/**
 * GET /api/action-items: the open items owned by the person's agency, for the home page. The
 * home's route loader asks for them beside the work (home-prefetch.ts), from the first download:
 * hence the answer's schema loads with the answer, and the rule of who sees the list is here, for
 * the loader and the panel both.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { tablesWhere, type Actor } from '@fourfold/shared/access-policy';
import type { Me } from '@fourfold/shared/auth';
import { apiRequest, lazySchema } from '../../../lib/api-client';
import { actionItemKeys } from './query-keys';

const actionItemListSchema = lazySchema(() =>
  import('@fourfold/shared/action-items').then((module) => module.actionItemListSchema),
);

/** Members who work with situations and belong to an agency see their agency's open items. */
export function showsOwnedActionItems(me: Me, actor: Actor): boolean {
  return me.agency !== null && tablesWhere(actor, 'situation.viewDeidentified').length > 0;
}

/** Overdue ones first (they are due earliest; the API orders by due time). */
export const ownedActionItemsQueryOptions = queryOptions({
  queryKey: actionItemKeys.owned,
  queryFn: ({ signal }) =>
    apiRequest('/action-items?status=open&limit=50', { schema: actionItemListSchema, signal }).then(
      (list) => list.items,
    ),
});

export function useOwnedActionItems(options: { enabled: boolean }) {
  return useQuery({
    ...ownedActionItemsQueryOptions,
    enabled: options.enabled,
    // Asked for by the home's route loader a moment before the panel mounts: the panel takes that
    // answer rather than asking again. Short, so that a page left open refetches as before.
    staleTime: 5_000,
  });
}
