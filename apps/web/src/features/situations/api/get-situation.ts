/**
 * GET /api/situations/:id: the de-identified view of one situation, with the ETag that every
 * change to it must send back as If-Match.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Situation } from '@fourfold/shared/situations';
import { apiRequestVersioned, lazySchema } from '../../../lib/api-client';
import { situationKeys } from './query-keys';

// Loaded with the first answer: the situation's route loader asks for it from the first download
// (situation-prefetch.ts), before zod and the shared schemas have arrived with the page.
const situationSchema = lazySchema(() =>
  import('@fourfold/shared/situations').then((module) => module.situationSchema),
);

export type VersionedSituation = { situation: Situation; etag: string | null };

export async function getSituation(
  situationId: string,
  signal?: AbortSignal,
): Promise<VersionedSituation> {
  const { data, etag } = await apiRequestVersioned(
    `/situations/${encodeURIComponent(situationId)}`,
    { schema: situationSchema, signal },
  );
  return { situation: data, etag };
}

export function situationQueryOptions(situationId: string) {
  return queryOptions({
    queryKey: situationKeys.detail(situationId),
    queryFn: ({ signal }) => getSituation(situationId, signal),
  });
}

/** `staleTime`: for the page whose route loader has just asked for it (situation-prefetch.ts). */
export function useSituation(situationId: string, options: { staleTime?: number } = {}) {
  return useQuery({ ...situationQueryOptions(situationId), ...options });
}

/**
 * The If-Match value for a change. The API always sends an ETag; should one ever be missing, the
 * version the view carries is the same fact, in the strong-ETag form the API uses.
 */
export function ifMatchOf(versioned: VersionedSituation): string {
  return versioned.etag ?? `"${versioned.situation.version}"`;
}
