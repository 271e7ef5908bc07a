/** The administration pages, for the router's signed-in part; administrators only. */
import type { RouteObject } from 'react-router';
import { AdminHomeRoute } from './admin-home-route';
import { AgenciesRoute } from './agencies-route';
import { CodeListRoute } from './code-list-route';
import { CodeListsRoute } from './code-lists-route';
import { RequireAdministrator } from './require-administrator';
import { TableRoute } from './table-route';
import { TablesRoute } from './tables-route';
import { UserRoute } from './user-route';
import { UsersRoute } from './users-route';

export const adminRoute: RouteObject = {
  path: 'admin',
  element: <RequireAdministrator />,
  children: [
    { index: true, element: <AdminHomeRoute /> },
    { path: 'agencies', element: <AgenciesRoute /> },
    { path: 'tables', element: <TablesRoute /> },
    { path: 'tables/:tableId', element: <TableRoute /> },
    { path: 'users', element: <UsersRoute /> },
    { path: 'users/:userId', element: <UserRoute /> },
    { path: 'code-lists', element: <CodeListsRoute /> },
    { path: 'code-lists/:list', element: <CodeListRoute /> },
  ],
};
