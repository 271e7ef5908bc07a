/** PUT /api/meetings/:id/agenda (the chair, If-Match): every item id in the new order. */
import { z } from 'zod';
import type { VersionedMeeting } from './get-meeting';
import { useMeetingWrite } from './use-meeting-write';
import { apiRequestVersioned, type Versioned } from '../../../lib/api-client';

export function setAgendaOrder(
  meetingId: string,
  body: { itemIds: string[] },
  ifMatch: string,
): Promise<Versioned<unknown>> {
  return apiRequestVersioned(`/meetings/${encodeURIComponent(meetingId)}/agenda`, {
    method: 'PUT',
    body,
    schema: z.unknown(),
    ifMatch,
  });
}

export function useSetAgendaOrder(versioned: VersionedMeeting) {
  return useMeetingWrite(versioned, setAgendaOrder);
}
