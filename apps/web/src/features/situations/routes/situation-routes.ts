/**
 * The situation pages, registered by the app's router inside its signed-in section. Each is loaded
 * when first opened, so signing in downloads none of them.
 */
import type { RouteObject } from 'react-router';

export const situationRoutes: RouteObject[] = [
  {
    path: 'tables',
    lazy: async () => ({ Component: (await import('./tables-route')).TablesRoute }),
  },
  {
    path: 'tables/:tableId',
    lazy: async () => ({ Component: (await import('./table-route')).TableRoute }),
  },
  {
    path: 'tables/:tableId/situations/new',
    lazy: async () => ({ Component: (await import('./new-situation-route')).NewSituationRoute }),
  },
  {
    path: 'situations/:situationId',
    lazy: async () => ({ Component: (await import('./situation-route')).SituationRoute }),
  },
  {
    path: 'situations/:situationId/edit',
    lazy: async () => ({
      Component: (await import('./edit-situation-route')).EditSituationRoute,
    }),
  },
];
