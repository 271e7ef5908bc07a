/** POST /api/meetings/:id/situations/:situationId/involvement (filter 3: an agency present says whether it knows the person; If-Match: the situation's version). */
import { z } from 'zod';
import type { OpenAgendaItem } from '@fourfold/shared/meetings';
import { apiRequestVersioned, type Versioned } from '../../../lib/api-client';
import { inRoomPath, useInRoomStep, type InRoomCallbacks } from './use-in-room-step';

export function declareInvolvementInRoom(
  target: { meetingId: string; situationId: string },
  body: { involved: boolean },
  ifMatch: string,
): Promise<Versioned<unknown>> {
  return apiRequestVersioned(inRoomPath(target, 'involvement'), {
    method: 'POST',
    body,
    schema: z.unknown(),
    ifMatch,
  });
}

export function useDeclareInvolvementInRoom(
  meetingId: string,
  item: OpenAgendaItem,
  callbacks: InRoomCallbacks<Parameters<typeof declareInvolvementInRoom>[1]>,
) {
  return useInRoomStep(meetingId, item, declareInvolvementInRoom, callbacks);
}
