/**
 * Shown in place of a route that failed to render or load. It sits inside the layout, so the
 * header, navigation and language switch keep working while one page is broken.
 */
import { Link, isRouteErrorResponse, useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/page-heading';
import { ForbiddenPage } from '../../components/forbidden-page';
import { ProblemAlert } from '../../components/problem-alert';
import { ApiError } from '../../lib/api-client';
import { MAIN_ID } from '../layout/skip-link';
import { NotFoundRoute } from './not-found-route';

export function RouteErrorBoundary() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundRoute />;
  if (error instanceof ApiError && error.status === 403) return <ForbiddenPage />;
  return (
    <>
      <PageHeading>{t('routeError.title')}</PageHeading>
      <p>{t('routeError.body')}</p>
      <ProblemAlert error={error} />
      <p>
        <Link to="/">{t('routeError.homeLink')}</Link>
      </p>
    </>
  );
}

/** Last resort, when the layout itself failed: the same message without the layout. */
export function RootErrorBoundary() {
  return (
    <main id={MAIN_ID} tabIndex={-1} className="container site-main">
      <RouteErrorBoundary />
    </main>
  );
}
