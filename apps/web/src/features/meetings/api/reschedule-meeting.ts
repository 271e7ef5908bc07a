/** PATCH /api/meetings/:id (the chair, If-Match): moves a scheduled meeting. */
import { z } from 'zod';
import type { VersionedMeeting } from './get-meeting';
import { useMeetingWrite } from './use-meeting-write';
import { apiRequestVersioned, type Versioned } from '../../../lib/api-client';

export function rescheduleMeeting(
  meetingId: string,
  body: { scheduledFor: string },
  ifMatch: string,
): Promise<Versioned<unknown>> {
  return apiRequestVersioned(`/meetings/${encodeURIComponent(meetingId)}`, {
    method: 'PATCH',
    body,
    schema: z.unknown(),
    ifMatch,
  });
}

export function useRescheduleMeeting(versioned: VersionedMeeting) {
  return useMeetingWrite(versioned, rescheduleMeeting);
}
