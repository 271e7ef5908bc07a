/** POST /api/meetings/:id/situations/:situationId/decision (the chair's filter-2 decision; the agencies present are the meeting's attendance; If-Match: the situation's version). */
import { z } from 'zod';
import type { MeetingDecisionRequest, OpenAgendaItem } from '@fourfold/shared/meetings';
import { apiRequestVersioned, type Versioned } from '../../../lib/api-client';
import { inRoomPath, useInRoomStep, type InRoomCallbacks } from './use-in-room-step';

export function recordDecision(
  target: { meetingId: string; situationId: string },
  body: MeetingDecisionRequest,
  ifMatch: string,
): Promise<Versioned<unknown>> {
  return apiRequestVersioned(inRoomPath(target, 'decision'), {
    method: 'POST',
    body,
    schema: z.unknown(),
    ifMatch,
  });
}

export function useRecordDecision(
  meetingId: string,
  item: OpenAgendaItem,
  callbacks: InRoomCallbacks<Parameters<typeof recordDecision>[1]>,
) {
  return useInRoomStep(meetingId, item, recordDecision, callbacks);
}
