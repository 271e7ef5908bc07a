/** POST /api/situations/:id/decision: the coordinator records the table's filter-2 decision. */
import { z } from 'zod';
import type { DecisionRequest } from '@fourfold/shared/situations';
import { apiRequestVersioned, type Versioned } from '../../../lib/api-client';
import type { VersionedSituation } from './get-situation';
import { useSituationWrite } from './use-situation-write';

export function decideSituation(
  situationId: string,
  decision: DecisionRequest,
  ifMatch: string,
): Promise<Versioned<unknown>> {
  return apiRequestVersioned(`/situations/${encodeURIComponent(situationId)}/decision`, {
    method: 'POST',
    body: decision,
    schema: z.unknown(),
    ifMatch,
  });
}

export function useDecideSituation(versioned: VersionedSituation) {
  return useSituationWrite(versioned, decideSituation);
}
