/**
 * GET /api/me/work: the signed-in person's work, table by table. Kept under the situations key
 * (it lists situations), so the cache is emptied when the signed-in person changes
 * (SituationDataGuard), and read again each time the home page opens.
 */
import { useQuery } from '@tanstack/react-query';
import { workHomeSchema, type WorkHome } from '@fourfold/shared/work';
import { apiRequest } from '../../../lib/api-client';
import { situationKeys } from '../../situations/api/query-keys';

export const workKey = [...situationKeys.all, 'work'] as const;

export function getWork(signal?: AbortSignal): Promise<WorkHome> {
  return apiRequest('/me/work', { schema: workHomeSchema, signal });
}

export function useWork(options: { enabled: boolean }) {
  return useQuery({
    queryKey: workKey,
    queryFn: ({ signal }) => getWork(signal),
    enabled: options.enabled,
  });
}
