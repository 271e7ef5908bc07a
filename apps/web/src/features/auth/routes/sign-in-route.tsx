/**
 * Sign-in, then back to the page the person came for (`next`). The form itself is shared with the
 * dialog that asks the person of a lapsed session to sign in again over their page.
 */
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { PageHeading } from '../../../components/page-heading';
import { SignInForm } from '../components/sign-in-form';
import { sessionStore } from '../session-store';
import { useSessionState } from '../use-session';
import { safeNextPath } from './require-sign-in';

export function SignInRoute() {
  const { t } = useTranslation('auth');
  const session = useSessionState();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));

  // Signed in, now or a moment ago through the form: on to the page asked for.
  if (session.status === 'signed-in') return <Navigate to={next} replace />;

  return (
    <div className="narrow-page">
      <PageHeading>{t('signIn.title')}</PageHeading>
      <p>{t('signIn.intro')}</p>
      <SignInForm idPrefix="sign-in" signIn={sessionStore.signIn} />
    </div>
  );
}
