/**
 * Client routes. A pathless route with its own error element sits between the layout and the
 * pages, so that a failing page is replaced inside the layout rather than taking the layout down.
 */
import { createBrowserRouter } from 'react-router';
import { AccountRoute } from '../features/account/routes/account-route';
import { adminRoute } from '../features/admin/routes/admin-routes';
import { SetPasswordRoute } from '../features/account/routes/set-password-route';
import { AgreementRoute } from '../features/agreements/routes/agreement-route';
import { auditRoute } from '../features/audit/routes/audit-routes';
import { RequireSignIn } from '../features/auth/routes/require-sign-in';
import { SignInRoute } from '../features/auth/routes/sign-in-route';
import { AboutRoute } from '../features/home/routes/about-route';
import { HomeRoute } from '../features/home/routes/home-route';
import { meetingRoutes } from '../features/meetings/routes/meeting-routes';
import { MembershipsRoute } from '../features/memberships/routes/memberships-route';
import { NotificationsRoute } from '../features/notifications/routes/notifications-route';
import { MinutesRoute } from '../features/minutes/routes/minutes-route';
import { situationRoutes } from '../features/situations/routes/situation-routes';
import { RootLayout } from './layout/root-layout';
import { NotFoundRoute } from './routes/not-found-route';
import { RootErrorBoundary, RouteErrorBoundary } from './routes/route-error-boundary';

export function createRouter() {
  return createBrowserRouter([
    {
      element: <RootLayout />,
      errorElement: <RootErrorBoundary />,
      children: [
        {
          errorElement: <RouteErrorBoundary />,
          children: [
            { index: true, element: <HomeRoute /> },
            // The Four Filters explained: public, one click from every home and every footer.
            { path: 'about', element: <AboutRoute /> },
            { path: 'sign-in', element: <SignInRoute /> },
            // Opened from a one-time invitation or reset link; the token is in the fragment.
            { path: 'set-password', element: <SetPasswordRoute /> },
            {
              // Every page below needs a signed-in person.
              element: <RequireSignIn />,
              children: [
                { path: 'account', element: <AccountRoute /> },
                { path: 'tables/:tableId/agreement', element: <AgreementRoute /> },
                auditRoute,
                { path: 'memberships', element: <MembershipsRoute /> },
                { path: 'notifications', element: <NotificationsRoute /> },
                { path: 'meetings/:id/minutes', element: <MinutesRoute /> },
                {
                  // Loaded when first opened: the charts library is most of its weight, and
                  // only analysts and chairs need it.
                  path: 'statistics',
                  lazy: async () => ({
                    Component: (await import('../features/statistics/routes/statistics-route'))
                      .StatisticsRoute,
                  }),
                },
                ...situationRoutes,
                ...meetingRoutes,
                adminRoute,
              ],
            },
            { path: '*', element: <NotFoundRoute /> },
          ],
        },
      ],
    },
  ]);
}
