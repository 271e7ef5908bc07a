/** POST /api/situations/:id/submit: the originating agency presents its draft (to filter 2). */
import { z } from 'zod';
import { apiRequestVersioned, type Versioned } from '../../../lib/api-client';
import type { VersionedSituation } from './get-situation';
import { useSituationWrite } from './use-situation-write';

export function submitSituation(situationId: string, ifMatch: string): Promise<Versioned<unknown>> {
  return apiRequestVersioned(`/situations/${encodeURIComponent(situationId)}/submit`, {
    method: 'POST',
    schema: z.unknown(),
    ifMatch,
  });
}

export function useSubmitSituation(versioned: VersionedSituation) {
  return useSituationWrite<void>(versioned, (id, _none, ifMatch) => submitSituation(id, ifMatch));
}
