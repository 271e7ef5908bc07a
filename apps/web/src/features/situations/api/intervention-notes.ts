/**
 * GET and POST /api/situations/:id/notes: the intervention notes shared among the lead,
 * assisting and originating agencies. Notes are details of filter 4, so they are not kept in the
 * cache once the page that shows them is left (gcTime 0); and every read is recorded in the audit
 * log, so they are fetched when shown and after a note is added, never in the background.
 */
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { interventionNoteListSchema, type InterventionNote } from '@fourfold/shared/situations';
import { apiRequest, apiRequestVersioned, type Versioned } from '../../../lib/api-client';
import type { VersionedSituation } from './get-situation';
import { situationKeys } from './query-keys';
import { useSituationWrite } from './use-situation-write';

export function listNotes(situationId: string, signal?: AbortSignal): Promise<InterventionNote[]> {
  return apiRequest(`/situations/${encodeURIComponent(situationId)}/notes`, {
    schema: interventionNoteListSchema,
    signal,
  }).then((list) => list.items);
}

export function useNotes(situationId: string, options: { enabled: boolean }) {
  return useQuery({
    queryKey: situationKeys.notes(situationId),
    queryFn: ({ signal }) => listNotes(situationId, signal),
    enabled: options.enabled,
    gcTime: 0,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

export function addNote(
  situationId: string,
  body: { body: string },
  ifMatch: string,
): Promise<Versioned<unknown>> {
  return apiRequestVersioned(`/situations/${encodeURIComponent(situationId)}/notes`, {
    method: 'POST',
    body,
    schema: z.unknown(),
    ifMatch,
  });
}

export function useAddNote(versioned: VersionedSituation) {
  return useSituationWrite(versioned, addNote, [situationKeys.notes(versioned.situation.id)]);
}
