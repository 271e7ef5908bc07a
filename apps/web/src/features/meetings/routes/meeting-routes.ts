/** The meeting pages, registered by the app's router inside its signed-in section. */
import type { RouteObject } from 'react-router';
import { MeetingRoute } from './meeting-route';
import { TableMeetingsRoute } from './table-meetings-route';

export const meetingRoutes: RouteObject[] = [
  { path: 'tables/:tableId/meetings', element: <TableMeetingsRoute /> },
  { path: 'meetings/:meetingId', element: <MeetingRoute /> },
];
