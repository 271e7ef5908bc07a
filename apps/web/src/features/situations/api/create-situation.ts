/** POST /api/tables/:tableId/situations: a new draft (filter 1), known only to its agency. */
import { situationSchema, type Situation, type SituationDraft } from '@fourfold/shared/situations';
import { apiRequestVersioned, type Versioned } from '../../../lib/api-client';

export function createSituation(
  tableId: string,
  draft: SituationDraft,
): Promise<Versioned<Situation>> {
  return apiRequestVersioned(`/tables/${encodeURIComponent(tableId)}/situations`, {
    method: 'POST',
    body: draft,
    schema: situationSchema,
  });
}
