/** POST /api/meetings/:id/close (the chair, If-Match): ends the meeting; its minutes can then be approved. */
import { z } from 'zod';
import type { VersionedMeeting } from './get-meeting';
import { useMeetingWrite } from './use-meeting-write';
import { apiRequestVersioned, type Versioned } from '../../../lib/api-client';

export function closeMeeting(
  meetingId: string,
  _variables: void,
  ifMatch: string,
): Promise<Versioned<unknown>> {
  return apiRequestVersioned(`/meetings/${encodeURIComponent(meetingId)}/close`, {
    method: 'POST',
    body: {},
    schema: z.unknown(),
    ifMatch,
  });
}

export function useCloseMeeting(versioned: VersionedMeeting) {
  return useMeetingWrite(versioned, closeMeeting);
}
