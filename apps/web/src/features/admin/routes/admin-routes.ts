/** The administration pages, for the router's signed-in part; administrators only. */
import type { RouteObject } from 'react-router';

// The gate and each page are loaded when first opened: a representative's browser never
// downloads them.
export const adminRoute: RouteObject = {
  path: 'admin',
  lazy: async () => ({
    Component: (await import('./require-administrator')).RequireAdministrator,
  }),
  children: [
    {
      index: true,
      lazy: async () => ({ Component: (await import('./admin-home-route')).AdminHomeRoute }),
    },
    {
      path: 'agencies',
      lazy: async () => ({ Component: (await import('./agencies-route')).AgenciesRoute }),
    },
    {
      path: 'tables',
      lazy: async () => ({ Component: (await import('./tables-route')).TablesRoute }),
    },
    {
      path: 'tables/:tableId',
      lazy: async () => ({ Component: (await import('./table-route')).TableRoute }),
    },
    {
      path: 'users',
      lazy: async () => ({ Component: (await import('./users-route')).UsersRoute }),
    },
    {
      path: 'users/:userId',
      lazy: async () => ({ Component: (await import('./user-route')).UserRoute }),
    },
    {
      path: 'code-lists',
      lazy: async () => ({ Component: (await import('./code-lists-route')).CodeListsRoute }),
    },
    {
      path: 'code-lists/:list',
      lazy: async () => ({ Component: (await import('./code-list-route')).CodeListRoute }),
    },
  ],
};
