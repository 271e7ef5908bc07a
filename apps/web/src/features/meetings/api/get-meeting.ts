/**
 * GET /api/meetings/:id: the meeting screen's data (attendance, agenda with each item's
 * de-identified situation, decisions), with the ETag that meeting-level changes send as If-Match.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { meetingDetailSchema, type MeetingDetail } from '@fourfold/shared/meetings';
import { apiRequestVersioned } from '../../../lib/api-client';
import { meetingKeys } from './query-keys';

export type VersionedMeeting = { meeting: MeetingDetail; etag: string | null };

export async function getMeeting(
  meetingId: string,
  signal?: AbortSignal,
): Promise<VersionedMeeting> {
  const { data, etag } = await apiRequestVersioned(`/meetings/${encodeURIComponent(meetingId)}`, {
    schema: meetingDetailSchema,
    signal,
  });
  return { meeting: data, etag };
}

export function meetingQueryOptions(meetingId: string) {
  return queryOptions({
    queryKey: meetingKeys.detail(meetingId),
    queryFn: ({ signal }) => getMeeting(meetingId, signal),
  });
}

export function useMeeting(meetingId: string) {
  return useQuery(meetingQueryOptions(meetingId));
}

/** The strong ETag the API gives a version, for a version known without its answer's header. */
export function versionTag(version: number): string {
  return `"${version}"`;
}

export function meetingIfMatch(versioned: VersionedMeeting): string {
  return versioned.etag ?? versionTag(versioned.meeting.version);
}
