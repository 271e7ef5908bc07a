/** POST /api/meetings/:id/open (the chair, If-Match): opens the meeting and builds its agenda. */
import { z } from 'zod';
import type { VersionedMeeting } from './get-meeting';
import { useMeetingWrite } from './use-meeting-write';
import { apiRequestVersioned, type Versioned } from '../../../lib/api-client';

export function openMeeting(
  meetingId: string,
  _variables: void,
  ifMatch: string,
): Promise<Versioned<unknown>> {
  return apiRequestVersioned(`/meetings/${encodeURIComponent(meetingId)}/open`, {
    method: 'POST',
    body: {},
    schema: z.unknown(),
    ifMatch,
  });
}

export function useOpenMeeting(versioned: VersionedMeeting) {
  return useMeetingWrite(versioned, openMeeting);
}
