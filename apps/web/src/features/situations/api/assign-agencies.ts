/** POST /api/situations/:id/assignment: the coordinator names the lead and assisting agencies. */
import { z } from 'zod';
import type { AssignmentRequest } from '@fourfold/shared/situations';
import { apiRequestVersioned, type Versioned } from '../../../lib/api-client';
import type { VersionedSituation } from './get-situation';
import { useSituationWrite } from './use-situation-write';

export function assignAgencies(
  situationId: string,
  assignment: AssignmentRequest,
  ifMatch: string,
): Promise<Versioned<unknown>> {
  return apiRequestVersioned(`/situations/${encodeURIComponent(situationId)}/assignment`, {
    method: 'POST',
    body: assignment,
    schema: z.unknown(),
    ifMatch,
  });
}

export function useAssignAgencies(versioned: VersionedSituation) {
  return useSituationWrite(versioned, assignAgencies);
}
