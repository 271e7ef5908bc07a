/** POST /api/meetings/:id/situations/:situationId/conclusion (filter 4: the chair concludes with a conclusion code; If-Match: the situation's version). */
import { z } from 'zod';
import type { CloseRequest } from '@fourfold/shared/situations';
import type { OpenAgendaItem } from '@fourfold/shared/meetings';
import { apiRequestVersioned, type Versioned } from '../../../lib/api-client';
import { inRoomPath, useInRoomStep, type InRoomCallbacks } from './use-in-room-step';

export function concludeInRoom(
  target: { meetingId: string; situationId: string },
  body: CloseRequest,
  ifMatch: string,
): Promise<Versioned<unknown>> {
  return apiRequestVersioned(inRoomPath(target, 'conclusion'), {
    method: 'POST',
    body,
    schema: z.unknown(),
    ifMatch,
  });
}

export function useConcludeInRoom(
  meetingId: string,
  item: OpenAgendaItem,
  callbacks: InRoomCallbacks<Parameters<typeof concludeInRoom>[1]>,
) {
  return useInRoomStep(meetingId, item, concludeInRoom, callbacks);
}
