/** PUT /api/situations/:id: the originating agency edits its draft's de-identified facts. */
import { z } from 'zod';
import type { SituationDraft } from '@fourfold/shared/situations';
import { apiRequestVersioned, type Versioned } from '../../../lib/api-client';

export function updateDraft(
  situationId: string,
  draft: SituationDraft,
  ifMatch: string,
): Promise<Versioned<unknown>> {
  return apiRequestVersioned(`/situations/${encodeURIComponent(situationId)}`, {
    method: 'PUT',
    body: draft,
    schema: z.unknown(),
    ifMatch,
  });
}
