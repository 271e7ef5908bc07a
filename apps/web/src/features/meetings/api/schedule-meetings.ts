/** POST /api/tables/:tableId/meetings (the chair): one meeting, or the next N weekly ones. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  meetingListSchema,
  type MeetingList,
  type ScheduleMeetingRequest,
} from '@fourfold/shared/meetings';
import { apiRequest } from '../../../lib/api-client';
import { meetingKeys } from './query-keys';

export function scheduleMeetings(
  tableId: string,
  request: ScheduleMeetingRequest,
): Promise<MeetingList> {
  return apiRequest(`/tables/${encodeURIComponent(tableId)}/meetings`, {
    method: 'POST',
    body: request,
    schema: meetingListSchema,
  });
}

export function useScheduleMeetings(tableId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ScheduleMeetingRequest) => scheduleMeetings(tableId, request),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: meetingKeys.ofTable(tableId, 'upcoming') }),
  });
}
