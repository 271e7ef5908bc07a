/** POST /api/situations/:id/involvement: an agency present says whether it knows the person. */
import { z } from 'zod';
import { apiRequestVersioned, type Versioned } from '../../../lib/api-client';
import type { VersionedSituation } from './get-situation';
import { useSituationWrite } from './use-situation-write';

export function declareInvolvement(
  situationId: string,
  body: { involved: boolean },
  ifMatch: string,
): Promise<Versioned<unknown>> {
  return apiRequestVersioned(`/situations/${encodeURIComponent(situationId)}/involvement`, {
    method: 'POST',
    body,
    schema: z.unknown(),
    ifMatch,
  });
}

export function useDeclareInvolvement(versioned: VersionedSituation) {
  return useSituationWrite(versioned, declareInvolvement);
}
