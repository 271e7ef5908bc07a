/**
 * Client routes. A pathless route with its own error element sits between the layout and the
 * pages, so that a failing page is replaced inside the layout rather than taking the layout down.
 * Every page but sign-in is loaded when first opened (`lazy`): the first download is the frame of
 * the app and the sign-in form, within the 150 KB budget that `pnpm check:bundle` holds.
 */
import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter } from 'react-router';
import { adminRoute } from '../features/admin/routes/admin-routes';
import { auditRoute } from '../features/audit/routes/audit-routes';
import { prefetchHome } from '../features/home/routes/home-prefetch';
import { sessionStore } from '../features/auth/session-store';
import { RequireSignIn } from '../features/auth/routes/require-sign-in';
import { SignInRoute } from '../features/auth/routes/sign-in-route';
import { meetingRoutes } from '../features/meetings/routes/meeting-routes';
import { situationRoutes } from '../features/situations/routes/situation-routes';
import { withCatalogues } from './i18n/with-catalogues';
import { RootLayout } from './layout/root-layout';
import { NotFoundRoute } from './routes/not-found-route';
import { RootErrorBoundary, RouteErrorBoundary } from './routes/route-error-boundary';

/**
 * `queryClient`: the app's. The loaders of the pages people open first (the home, a situation)
 * ask for their data in it while the page's code loads, rather than after it rendered; a loader
 * only starts the queries and returns at once, so no page waits on its loader.
 */
export function createRouter(queryClient: QueryClient) {
  return createBrowserRouter([
    {
      element: <RootLayout />,
      errorElement: <RootErrorBoundary />,
      children: [
        {
          errorElement: <RouteErrorBoundary />,
          // What shows in the frame's main before the first page's code has loaded: nothing. Here
          // rather than on the frame's route, so that the frame (header, navigation, footer)
          // paints while the page's code and data are on their way (#12, point 5).
          HydrateFallback: NothingYet,
          children: [
            {
              index: true,
              loader: () => {
                // From the first download (its answers' schemas load with the page's code): the
                // work is asked for as soon as the session is back, beside the page's code.
                void prefetchHome(queryClient).catch(() => undefined);
                return null;
              },
              // The page's code is evaluated once its data is asked for, not before: on a phone it
              // is hundreds of milliseconds of work, which the answers' round trip then hides.
              lazy: withCatalogues(['home'], async () => {
                await sessionStore.loadersAsked();
                return {
                  Component: (await import('../features/home/routes/home-route')).HomeRoute,
                };
              }),
            },
            // The Four Filters explained: public, one click from every home and every footer.
            {
              path: 'about',
              lazy: withCatalogues(['home'], async () => ({
                Component: (await import('../features/home/routes/about-route')).AboutRoute,
              })),
            },
            { path: 'sign-in', element: <SignInRoute /> },
            // Opened from a one-time invitation or reset link; the token is in the fragment.
            {
              path: 'set-password',
              lazy: async () => ({
                Component: (await import('../features/account/routes/set-password-route'))
                  .SetPasswordRoute,
              }),
            },
            {
              // Every page below needs a signed-in person.
              element: <RequireSignIn />,
              children: [
                {
                  path: 'account',
                  lazy: async () => ({
                    Component: (await import('../features/account/routes/account-route'))
                      .AccountRoute,
                  }),
                },
                {
                  path: 'tables/:tableId/agreement',
                  lazy: async () => ({
                    Component: (await import('../features/agreements/routes/agreement-route'))
                      .AgreementRoute,
                  }),
                },
                auditRoute,
                {
                  path: 'memberships',
                  lazy: async () => ({
                    Component: (await import('../features/memberships/routes/memberships-route'))
                      .MembershipsRoute,
                  }),
                },
                {
                  path: 'notifications',
                  lazy: async () => ({
                    Component: (
                      await import('../features/notifications/routes/notifications-route')
                    ).NotificationsRoute,
                  }),
                },
                {
                  path: 'meetings/:id/minutes',
                  lazy: async () => ({
                    Component: (await import('../features/minutes/routes/minutes-route'))
                      .MinutesRoute,
                  }),
                },
                {
                  // Loaded when first opened: the charts library is most of its weight, and
                  // only analysts and chairs need it.
                  path: 'statistics',
                  lazy: async () => ({
                    Component: (await import('../features/statistics/routes/statistics-route'))
                      .StatisticsRoute,
                  }),
                },
                ...situationRoutes(queryClient),
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

function NothingYet() {
  return null;
}
