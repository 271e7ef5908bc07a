/**
 * The mutation every meeting-level change uses: sent with If-Match set to the meeting's ETag
 * where the route takes one; the answer (the new MeetingDetail with its ETag) replaces the cached
 * meeting, and the tables' meeting lists are refreshed (the home page reads its own each time it
 * opens). A stale meeting is answered 412: the screen reloads it and says so.
 */
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { meetingDetailSchema } from '@fourfold/shared/meetings';
import type { Versioned } from '../../../lib/api-client';
import { isStaleError } from '../../situations/components/write-error';
import { meetingIfMatch, type VersionedMeeting } from './get-meeting';
import { meetingKeys } from './query-keys';

export async function applyMeetingWrite(
  queryClient: QueryClient,
  meetingId: string,
  answer: Versioned<unknown>,
): Promise<void> {
  const view = meetingDetailSchema.safeParse(answer.data);
  const refreshes: Array<Promise<void>> = [
    queryClient.invalidateQueries({ queryKey: [...meetingKeys.all, 'table'] }),
  ];
  if (view.success && view.data.id === meetingId) {
    queryClient.setQueryData<VersionedMeeting>(meetingKeys.detail(meetingId), {
      meeting: view.data,
      etag: answer.etag,
    });
  } else {
    refreshes.push(queryClient.invalidateQueries({ queryKey: meetingKeys.detail(meetingId) }));
  }
  await Promise.all(refreshes);
}

export function useMeetingWrite<Variables>(
  versioned: VersionedMeeting,
  send: (meetingId: string, variables: Variables, ifMatch: string) => Promise<Versioned<unknown>>,
) {
  const queryClient = useQueryClient();
  const meetingId = versioned.meeting.id;
  return useMutation({
    mutationFn: (variables: Variables) => send(meetingId, variables, meetingIfMatch(versioned)),
    onSuccess: (answer) => applyMeetingWrite(queryClient, meetingId, answer),
    onError: async (error) => {
      if (isStaleError(error)) {
        await queryClient.invalidateQueries({ queryKey: meetingKeys.detail(meetingId) });
      }
    },
  });
}
