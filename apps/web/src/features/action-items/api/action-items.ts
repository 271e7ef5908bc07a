/**
 * GET and POST /api/situations/:id/action-items and PATCH /api/action-items/:id (If-Match the
 * item's version); GET /api/action-items (the person's agency) is in owned-action-items.ts. After a
 * write the situation, its lists, the home page's list and every meeting screen are read again.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  actionItemListSchema,
  actionItemSchema,
  type ActionItem,
  type ActionItemRequest,
  type ActionItemUpdate,
} from '@fourfold/shared/action-items';
import { apiRequest } from '../../../lib/api-client';
import { actionItemKeys } from './query-keys';

const situationPath = (situationId: string) =>
  `/situations/${encodeURIComponent(situationId)}/action-items`;

export function useActionItems(situationId: string) {
  return useQuery({
    queryKey: actionItemKeys.ofSituation(situationId),
    queryFn: ({ signal }) =>
      apiRequest(situationPath(situationId), { schema: actionItemListSchema, signal }).then(
        (list) => list.items,
      ),
  });
}

/** What to read again after a change to a situation's plan or report-backs. */
export function useInvalidateAfterWrite(situationId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['situations', 'detail', situationId] }),
      queryClient.invalidateQueries({ queryKey: actionItemKeys.owned }),
      queryClient.invalidateQueries({ queryKey: ['meetings'] }),
    ]);
}

export function useCreateActionItem(situationId: string) {
  const invalidate = useInvalidateAfterWrite(situationId);
  return useMutation({
    mutationFn: (body: ActionItemRequest) =>
      apiRequest(situationPath(situationId), { method: 'POST', body, schema: actionItemSchema }),
    onSuccess: invalidate,
  });
}

export function useUpdateActionItem(situationId: string) {
  const invalidate = useInvalidateAfterWrite(situationId);
  return useMutation({
    mutationFn: ({ item, changes }: { item: ActionItem; changes: ActionItemUpdate }) =>
      apiRequest(`/action-items/${encodeURIComponent(item.id)}`, {
        method: 'PATCH',
        body: changes,
        schema: actionItemSchema,
        ifMatch: `"${item.version}"`,
      }),
    // A stale item (412) is read again too, so the next try carries the current version.
    onSettled: invalidate,
  });
}
