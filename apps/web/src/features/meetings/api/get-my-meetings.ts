/**
 * GET /api/meetings: the meetings of every table where the person may follow meetings, from the
 * last 12 hours to 14 days ahead (the API's default window), soonest first: the home page's
 * "today's meetings".
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { meetingListSchema, type MeetingList } from '@fourfold/shared/meetings';
import { apiRequest } from '../../../lib/api-client';
import { meetingKeys } from './query-keys';

export function getMyMeetings(signal?: AbortSignal): Promise<MeetingList> {
  return apiRequest('/meetings', { schema: meetingListSchema, signal });
}

export const myMeetingsQueryOptions = queryOptions({
  queryKey: meetingKeys.mine(),
  queryFn: ({ signal }) => getMyMeetings(signal),
});

export function useMyMeetings(options: { enabled?: boolean } = {}) {
  return useQuery({ ...myMeetingsQueryOptions, enabled: options.enabled ?? true });
}
