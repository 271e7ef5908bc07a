/**
 * The meeting pages, registered by the app's router inside its signed-in section; loaded when
 * first opened.
 */
import type { RouteObject } from 'react-router';

export const meetingRoutes: RouteObject[] = [
  {
    path: 'tables/:tableId/meetings',
    lazy: async () => ({
      Component: (await import('./table-meetings-route')).TableMeetingsRoute,
    }),
  },
  {
    path: 'meetings/:meetingId',
    lazy: async () => ({ Component: (await import('./meeting-route')).MeetingRoute }),
  },
];
