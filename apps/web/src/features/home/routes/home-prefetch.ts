/**
 * What a signed-in person's home will ask for, asked for by its route's loader (app/router.tsx)
 * while the page's code is still on its way, as soon as the session restored on load is known:
 * the work, the code lists its sections label codes with, the open action items of the person's
 * agency (where the page shows them), and the catalogues of the parts that show them. Left to the
 * page, each waited on the one before: the work once the page had rendered, the catalogues once
 * the work had arrived (the page behind "Loading…" meanwhile), the code lists once the catalogues
 * had; the action items were asked for only once the page had rendered. The same queries the page
 * makes, under the same keys and in the same cache, for the same person, and only where the page
 * will show them (homeKindOf, showsOwnedActionItems): nothing is fetched or kept that the page
 * would not fetch and keep itself.
 */
import type { QueryClient } from '@tanstack/react-query';
import { getI18n } from 'react-i18next';
import {
  ownedActionItemsQueryOptions,
  showsOwnedActionItems,
} from '../../action-items/api/owned-action-items';
import { sessionStore } from '../../auth/session-store';
import { taxonomyQueryOptions } from '../../taxonomy/api/get-taxonomy';
import { workQueryOptions } from '../api/get-work';
import { homeKindOf } from '../lib/home-kind';

export async function prefetchHome(queryClient: QueryClient): Promise<void> {
  const session = await sessionStore.settled();
  if (session.status !== 'signed-in' || homeKindOf(session.me) !== 'work') return;
  void getI18n().loadNamespaces(['actionItems', 'meetings', 'situations']);
  void queryClient.prefetchQuery(workQueryOptions);
  void queryClient.prefetchQuery(taxonomyQueryOptions);
  if (showsOwnedActionItems(session.me, session.actor)) {
    void queryClient.prefetchQuery(ownedActionItemsQueryOptions);
  }
}
