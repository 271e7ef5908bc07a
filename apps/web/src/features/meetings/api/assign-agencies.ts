/** POST /api/meetings/:id/situations/:situationId/assignment (filter 3: the chair names the lead and assisting agencies; If-Match: the situation's version). */
import { z } from 'zod';
import type { AssignmentRequest } from '@fourfold/shared/situations';
import type { OpenAgendaItem } from '@fourfold/shared/meetings';
import { apiRequestVersioned, type Versioned } from '../../../lib/api-client';
import { inRoomPath, useInRoomStep, type InRoomCallbacks } from './use-in-room-step';

export function assignInRoom(
  target: { meetingId: string; situationId: string },
  body: AssignmentRequest,
  ifMatch: string,
): Promise<Versioned<unknown>> {
  return apiRequestVersioned(inRoomPath(target, 'assignment'), {
    method: 'POST',
    body,
    schema: z.unknown(),
    ifMatch,
  });
}

export function useAssignInRoom(
  meetingId: string,
  item: OpenAgendaItem,
  callbacks: InRoomCallbacks<Parameters<typeof assignInRoom>[1]>,
) {
  return useInRoomStep(meetingId, item, assignInRoom, callbacks);
}
