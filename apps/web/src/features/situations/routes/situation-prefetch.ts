/**
 * What a situation's page waits for before it shows the situation, asked for by its route's
 * loader (app/router.tsx) while the page's code is still on its way, as soon as the session
 * restored on load is known: the situation and the code lists its facts are labelled with. Left
 * to the page, they were asked for only once its code had loaded and rendered. The same queries
 * the page makes, under the same keys and in the same cache, for a signed-in person only; the API
 * decides, as for the page, whether they may see it.
 */
import type { QueryClient } from '@tanstack/react-query';
import { sessionStore } from '../../auth/session-store';
import { taxonomyQueryOptions } from '../../taxonomy/api/get-taxonomy';
import { situationQueryOptions } from '../api/get-situation';

export async function prefetchSituation(
  queryClient: QueryClient,
  situationId: string,
): Promise<void> {
  const session = await sessionStore.settled();
  if (session.status !== 'signed-in') return;
  void queryClient.prefetchQuery(situationQueryOptions(situationId));
  void queryClient.prefetchQuery(taxonomyQueryOptions);
}
