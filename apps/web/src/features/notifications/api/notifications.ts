/**
 * /api/notifications: the signed-in person's notifications (pages, newest first), their unread
 * count (polled for the header), and marking one or all of them read.
 */
import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { NotificationList } from '@fourfold/shared/notifications';
import { apiRequest, lazySchema, noContent } from '../../../lib/api-client';

// The header polls the unread count on every page, the first one included, whose download carries
// no zod: the shared schemas load with the first answer.
const sharedNotifications = () => import('@fourfold/shared/notifications');
const unreadCountSchema = lazySchema(() => sharedNotifications().then((m) => m.unreadCountSchema));
const notificationListSchema = lazySchema(() =>
  sharedNotifications().then((m) => m.notificationListSchema),
);

const notificationsKey = ['notifications'] as const;

/** How often the header asks for the unread count while someone is signed in. */
export const UNREAD_POLL_MS = 60_000;

export function getUnreadCount(signal?: AbortSignal): Promise<number> {
  return apiRequest('/notifications/unread-count', { schema: unreadCountSchema, signal }).then(
    (answer) => answer.unreadCount,
  );
}

export function useUnreadCount(enabled: boolean) {
  return useQuery(
    queryOptions({
      queryKey: [...notificationsKey, 'unread-count'],
      queryFn: ({ signal }) => getUnreadCount(signal),
      enabled,
      refetchInterval: enabled ? UNREAD_POLL_MS : false,
    }),
  );
}

export function getNotifications(
  options: { cursor?: string; unreadOnly: boolean },
  signal?: AbortSignal,
): Promise<NotificationList> {
  const params = new URLSearchParams();
  if (options.cursor) params.set('cursor', options.cursor);
  if (options.unreadOnly) params.set('unread', 'true');
  const query = params.size > 0 ? `?${params.toString()}` : '';
  return apiRequest(`/notifications${query}`, { schema: notificationListSchema, signal });
}

export function useNotifications(unreadOnly: boolean) {
  return useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: [...notificationsKey, 'list', { unreadOnly }],
      queryFn: ({ pageParam, signal }) =>
        getNotifications({ cursor: pageParam, unreadOnly }, signal),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last) => last.nextCursor ?? undefined,
      refetchInterval: UNREAD_POLL_MS,
    }),
  );
}

export function markNotificationRead(notificationId: string): Promise<undefined> {
  return apiRequest(`/notifications/${encodeURIComponent(notificationId)}/read`, {
    method: 'POST',
    schema: noContent,
  });
}

export function markAllNotificationsRead(): Promise<undefined> {
  return apiRequest('/notifications/read-all', { method: 'POST', schema: noContent });
}

/** Both marks refresh the list and the header's count. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markNotificationRead,
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markAllNotificationsRead,
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
}
