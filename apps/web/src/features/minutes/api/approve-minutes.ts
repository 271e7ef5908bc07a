/** POST /api/meetings/:id/minutes/approve: the chair freezes the minutes of a closed meeting. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { meetingMinutesSchema, type MeetingMinutes } from '@fourfold/shared/minutes';
import { apiRequest } from '../../../lib/api-client';
import { meetingKeys } from '../../meetings/api/query-keys';

export function approveMinutes(meetingId: string): Promise<MeetingMinutes> {
  return apiRequest(`/meetings/${encodeURIComponent(meetingId)}/minutes/approve`, {
    method: 'POST',
    schema: meetingMinutesSchema,
  });
}

export function useApproveMinutes(meetingId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => approveMinutes(meetingId),
    onSuccess: (minutes) => {
      queryClient.setQueryData(meetingKeys.minutes(meetingId), minutes);
      // The meeting's summary carries minutesApprovedAt and its version moved.
      void queryClient.invalidateQueries({ queryKey: meetingKeys.detail(meetingId) });
    },
  });
}
