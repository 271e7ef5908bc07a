/**
 * POST /api/situations/:id/close: the coordinator concludes the situation with a reason, and a
 * no-contact reason when no first contact is recorded.
 */
import { z } from 'zod';
import type { CloseRequest } from '@fourfold/shared/situations';
import { apiRequestVersioned, type Versioned } from '../../../lib/api-client';
import type { VersionedSituation } from './get-situation';
import { useSituationWrite } from './use-situation-write';

export function closeSituation(
  situationId: string,
  body: CloseRequest,
  ifMatch: string,
): Promise<Versioned<unknown>> {
  return apiRequestVersioned(`/situations/${encodeURIComponent(situationId)}/close`, {
    method: 'POST',
    body,
    schema: z.unknown(),
    ifMatch,
  });
}

export function useCloseSituation(versioned: VersionedSituation) {
  return useSituationWrite(versioned, closeSituation);
}
