/**
 * PUT /api/situations/:id/identity: the originating agency enters or corrects the identity, held
 * encrypted apart from the de-identified facts, until the situation is closed.
 */
import { z } from 'zod';
import type { Identity } from '@fourfold/shared/situations';
import { apiRequestVersioned, type Versioned } from '../../../lib/api-client';

export function updateIdentity(
  situationId: string,
  identity: Identity,
  ifMatch: string,
): Promise<Versioned<unknown>> {
  return apiRequestVersioned(`/situations/${encodeURIComponent(situationId)}/identity`, {
    method: 'PUT',
    body: identity,
    schema: z.unknown(),
    ifMatch,
  });
}
