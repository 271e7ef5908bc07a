/** GET /api/meetings/:id/minutes: the draft generated now, or the approved frozen copy. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { meetingMinutesSchema, type MeetingMinutes } from '@fourfold/shared/minutes';
import { apiRequest } from '../../../lib/api-client';
import { meetingKeys } from '../../meetings/api/query-keys';

export function getMinutes(meetingId: string, signal?: AbortSignal): Promise<MeetingMinutes> {
  return apiRequest(`/meetings/${encodeURIComponent(meetingId)}/minutes`, {
    schema: meetingMinutesSchema,
    signal,
  });
}

export function minutesQueryOptions(meetingId: string) {
  return queryOptions({
    queryKey: meetingKeys.minutes(meetingId),
    queryFn: ({ signal }) => getMinutes(meetingId, signal),
  });
}

export function useMinutes(meetingId: string) {
  return useQuery(minutesQueryOptions(meetingId));
}
