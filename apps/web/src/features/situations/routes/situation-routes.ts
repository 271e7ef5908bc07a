/** The situation pages, registered by the app's router inside its signed-in section. */
import type { RouteObject } from 'react-router';
import { EditSituationRoute } from './edit-situation-route';
import { NewSituationRoute } from './new-situation-route';
import { SituationRoute } from './situation-route';
import { TableRoute } from './table-route';
import { TablesRoute } from './tables-route';

export const situationRoutes: RouteObject[] = [
  { path: 'tables', element: <TablesRoute /> },
  { path: 'tables/:tableId', element: <TableRoute /> },
  { path: 'tables/:tableId/situations/new', element: <NewSituationRoute /> },
  { path: 'situations/:situationId', element: <SituationRoute /> },
  { path: 'situations/:situationId/edit', element: <EditSituationRoute /> },
];
