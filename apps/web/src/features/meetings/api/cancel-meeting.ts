/** POST /api/meetings/:id/cancel (the chair, If-Match): cancels a scheduled meeting. */
import { z } from 'zod';
import type { VersionedMeeting } from './get-meeting';
import { useMeetingWrite } from './use-meeting-write';
import { apiRequestVersioned, type Versioned } from '../../../lib/api-client';

export function cancelMeeting(
  meetingId: string,
  _variables: void,
  ifMatch: string,
): Promise<Versioned<unknown>> {
  return apiRequestVersioned(`/meetings/${encodeURIComponent(meetingId)}/cancel`, {
    method: 'POST',
    body: {},
    schema: z.unknown(),
    ifMatch,
  });
}

export function useCancelMeeting(versioned: VersionedMeeting) {
  return useMeetingWrite(versioned, cancelMeeting);
}
