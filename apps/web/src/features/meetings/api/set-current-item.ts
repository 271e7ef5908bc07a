/** PUT /api/meetings/:id/current-item (the chair): the item the room is on, for everyone following. No If-Match: the chair’s latest choice wins. */
import { z } from 'zod';
import type { VersionedMeeting } from './get-meeting';
import { useMeetingWrite } from './use-meeting-write';
import { apiRequestVersioned, type Versioned } from '../../../lib/api-client';

export function setCurrentItem(
  meetingId: string,
  body: { itemId: string | null },
  _ifMatch: string,
): Promise<Versioned<unknown>> {
  return apiRequestVersioned(`/meetings/${encodeURIComponent(meetingId)}/current-item`, {
    method: 'PUT',
    body,
    schema: z.unknown(),
  });
}

export function useSetCurrentItem(versioned: VersionedMeeting) {
  return useMeetingWrite(versioned, setCurrentItem);
}
