/**
 * The situation pages, registered by the app's router inside its signed-in section. Each is loaded
 * when first opened, so signing in downloads none of them.
 */
import { getI18n } from 'react-i18next';
import type { RouteObject } from 'react-router';

/**
 * A page's code and the situations catalogue, fetched together rather than one after the other
 * (the page would otherwise wait for its catalogue only once it renders).
 */
async function withCatalogue<T>(page: Promise<T>): Promise<T> {
  const [loaded] = await Promise.all([page, getI18n().loadNamespaces('situations')]);
  return loaded;
}

export const situationRoutes: RouteObject[] = [
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
    lazy: async () => ({
      Component: (await withCatalogue(import('./situation-route'))).SituationRoute,
    }),
  },
  {
    path: 'situations/:situationId/edit',
    lazy: async () => ({
      Component: (await withCatalogue(import('./edit-situation-route'))).EditSituationRoute,
    }),
  },
];
