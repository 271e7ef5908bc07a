/** POST /api/meetings/:id/agenda/refresh (the chair): appends situations presented since the meeting opened. No If-Match: appending cannot undo anyone else’s change. */
import { z } from 'zod';
import type { VersionedMeeting } from './get-meeting';
import { useMeetingWrite } from './use-meeting-write';
import { apiRequestVersioned, type Versioned } from '../../../lib/api-client';

export function refreshAgenda(
  meetingId: string,
  _variables: void,
  _ifMatch: string,
): Promise<Versioned<unknown>> {
  return apiRequestVersioned(`/meetings/${encodeURIComponent(meetingId)}/agenda/refresh`, {
    method: 'POST',
    body: {},
    schema: z.unknown(),
  });
}

export function useRefreshAgenda(versioned: VersionedMeeting) {
  return useMeetingWrite(versioned, refreshAgenda);
}
