/** POST /api/situations/:id/contact: the lead or an assisting agency records the first contact. */
import { z } from 'zod';
import type { ContactRequest } from '@fourfold/shared/situations';
import { apiRequestVersioned, type Versioned } from '../../../lib/api-client';
import type { VersionedSituation } from './get-situation';
import { useSituationWrite } from './use-situation-write';

export function recordContact(
  situationId: string,
  contact: ContactRequest,
  ifMatch: string,
): Promise<Versioned<unknown>> {
  return apiRequestVersioned(`/situations/${encodeURIComponent(situationId)}/contact`, {
    method: 'POST',
    body: contact,
    schema: z.unknown(),
    ifMatch,
  });
}

export function useRecordContact(versioned: VersionedSituation) {
  return useSituationWrite(versioned, recordContact);
}
