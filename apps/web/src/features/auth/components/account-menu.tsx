/** In the header: who is signed in, for which agency, and the way out; or the way in. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { sessionStore } from '../session-store';
import { useSessionState } from '../use-session';

export function AccountMenu() {
  const { t } = useTranslation('auth');
  const session = useSessionState();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);

  if (session.status === 'restoring') return null;
  if (session.status === 'signed-out') {
    return (
      <Link to="/sign-in" className="account-menu__link">
        {t('session.signInLink')}
      </Link>
    );
  }
  const { me } = session;
  async function signOut() {
    setBusy(true);
    try {
      await sessionStore.signOut();
    } finally {
      setBusy(false);
      navigate('/', { replace: true });
    }
  }
  return (
    <div className="account-menu">
      <p className="account-menu__who">
        <span>{t('session.signedInAs', { name: me.user.displayName })}</span>
        {me.agency ? <span className="account-menu__agency">{me.agency.name}</span> : null}
      </p>
      <button type="button" className="button button--quiet" onClick={signOut} disabled={busy}>
        {t('session.signOut')}
      </button>
    </div>
  );
}
