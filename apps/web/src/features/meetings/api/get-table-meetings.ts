/** GET /api/tables/:tableId/meetings?when=upcoming|past: a table's meetings (soonest / latest first). */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { meetingListSchema, type MeetingList } from '@fourfold/shared/meetings';
import { apiRequest } from '../../../lib/api-client';
import { meetingKeys } from './query-keys';

export function getTableMeetings(
  tableId: string,
  when: 'upcoming' | 'past',
  signal?: AbortSignal,
): Promise<MeetingList> {
  return apiRequest(`/tables/${encodeURIComponent(tableId)}/meetings?when=${when}`, {
    schema: meetingListSchema,
    signal,
  });
}

export function tableMeetingsQueryOptions(tableId: string, when: 'upcoming' | 'past') {
  return queryOptions({
    queryKey: meetingKeys.ofTable(tableId, when),
    queryFn: ({ signal }) => getTableMeetings(tableId, when, signal),
  });
}

export function useTableMeetings(
  tableId: string,
  when: 'upcoming' | 'past',
  options: { enabled?: boolean } = {},
) {
  return useQuery({
    ...tableMeetingsQueryOptions(tableId, when),
    enabled: options.enabled ?? true,
  });
}
