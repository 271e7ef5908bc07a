/**
 * The mutation of a situation step taken in the room (decision, involvement, assignment,
 * conclusion): sent with If-Match set to the SITUATION's version as the agenda item shows it.
 * Success or a stale situation (412, or a move its stage no longer allows: 409) both re-read
 * the meeting, so the screen shows the situation as it now is.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { OpenAgendaItem } from '@fourfold/shared/meetings';
import type { Versioned } from '../../../lib/api-client';
import { situationKeys } from '../../situations/api/query-keys';
import { isStaleError } from '../../situations/components/write-error';
import { versionTag } from './get-meeting';
import { meetingKeys } from './query-keys';

/**
 * What the screen is told. Given to the hook, not to `mutate`: the live view can bring the new
 * version of the situation before the step's own answer, the agenda item's form then restarts
 * (it is keyed by that version), and `mutate`'s own callbacks die with the form that called it.
 */
export type InRoomCallbacks<Variables> = {
  /** The step was taken. */
  onSuccess?: (variables: Variables) => void;
  /** Someone changed the situation first; the screen says so above the item. */
  onStale?: () => void;
};

export type InRoomSend<Variables> = (
  target: { meetingId: string; situationId: string },
  variables: Variables,
  ifMatch: string,
) => Promise<Versioned<unknown>>;

export function useInRoomStep<Variables>(
  meetingId: string,
  item: OpenAgendaItem,
  send: InRoomSend<Variables>,
  { onSuccess, onStale }: InRoomCallbacks<Variables>,
) {
  const queryClient = useQueryClient();
  const { situation } = item;
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: meetingKeys.detail(meetingId) }),
      queryClient.invalidateQueries({ queryKey: situationKeys.detail(situation.id) }),
      queryClient.invalidateQueries({ queryKey: situationKeys.lists(situation.tableId) }),
    ]);
  return useMutation({
    mutationFn: (variables: Variables) =>
      send({ meetingId, situationId: situation.id }, variables, versionTag(situation.version)),
    onSuccess: async (_answer, variables) => {
      onSuccess?.(variables);
      await refresh();
    },
    onError: async (error) => {
      if (!isStaleError(error)) return;
      onStale?.();
      await refresh();
    },
  });
}

/** The path of a step under /api/meetings/:id/situations/:situationId/. */
export function inRoomPath(target: { meetingId: string; situationId: string }, step: string) {
  return `/meetings/${encodeURIComponent(target.meetingId)}/situations/${encodeURIComponent(
    target.situationId,
  )}/${step}`;
}
