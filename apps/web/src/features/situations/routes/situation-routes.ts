/**
 * The situation pages, registered by the app's router inside its signed-in section. Each is loaded
 * when first opened, so signing in downloads none of them.
 */
import type { QueryClient } from '@tanstack/react-query';
import { getI18n } from 'react-i18next';
import type { RouteObject } from 'react-router';
import { sessionStore } from '../../auth/session-store';
import { prefetchSituation } from './situation-prefetch';

/**
 * A page's code and the situations catalogue (and any other its page reads), fetched together
 * rather than one after the other (the page would otherwise wait for its catalogue only once it
 * renders).
 */
async function withCatalogue<T>(page: Promise<T>, others: readonly string[] = []): Promise<T> {
  const [loaded] = await Promise.all([page, getI18n().loadNamespaces(['situations', ...others])]);
  return loaded;
}

export const situationRoutes = (queryClient: QueryClient): RouteObject[] => [
  {
    path: 'tables',
    lazy: async () => ({ Component: (await withCatalogue(import('./tables-route'))).TablesRoute }),
  },
  {
    path: 'tables/:tableId',
    lazy: async () => ({ Component: (await withCatalogue(import('./table-route'))).TableRoute }),
  },
  {
    path: 'tables/:tableId/situations/new',
    lazy: async () => ({
      Component: (await withCatalogue(import('./new-situation-route'))).NewSituationRoute,
    }),
  },
  {
    path: 'situations/:situationId',
    // Runs beside `lazy`, not after it: the situation is asked for while the page's code loads.
    loader: ({ params }) => {
      // From the first download (its answers' schemas load with the page's code): the situation
      // is asked for as soon as the session is back, beside the page's code.
      void prefetchSituation(queryClient, params.situationId ?? '').catch(() => undefined);
      return null;
    },
    lazy: async () => {
      // The page's code is evaluated once its data is asked for, not before: on a phone that is
      // hundreds of milliseconds of work, which the answer's round trip then hides (#12, point 5).
      await sessionStore.loadersAsked();
      return {
        // Action items and report-backs show on the page from filter 3: their text comes with it,
        // rather than the page going back to "Loading…" for it once the situation has arrived.
        Component: (await withCatalogue(import('./situation-route'), ['actionItems']))
          .SituationRoute,
      };
    },
  },
  {
    path: 'situations/:situationId/edit',
    lazy: async () => ({
      Component: (await withCatalogue(import('./edit-situation-route'))).EditSituationRoute,
    }),
  },
];
