/**
 * The gate in front of every signed-in page: while the session is being restored it says so;
 * signed out, it sends the person to sign in and back here afterwards.
 */
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useSessionState } from '../use-session';

export function RequireSignIn() {
  const session = useSessionState();
  const location = useLocation();
  const { t } = useTranslation('auth');
  if (session.status === 'restoring') {
    return (
      <p className="loading" role="status" aria-live="polite">
        {t('session.restoring')}
      </p>
    );
  }
  if (session.status === 'signed-out') {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}

/** Only same-app paths are followed after sign-in, never another site. */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}
