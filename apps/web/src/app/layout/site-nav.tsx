import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSessionState } from '../../features/auth/use-session';

export function SiteNav() {
  const { t } = useTranslation();
  const session = useSessionState();
  const signedIn = session.status === 'signed-in';
  return (
    <nav className="site-nav" aria-label={t('nav.label')}>
      <ul className="container site-nav__list">
        <li>
          {/* NavLink sets aria-current="page" on the link of the current page. */}
          <NavLink to="/" end className="site-nav__link">
            {t('nav.home')}
          </NavLink>
        </li>
        {signedIn ? (
          <li>
            <NavLink to="/account" className="site-nav__link">
              {t('nav.account')}
            </NavLink>
          </li>
        ) : null}
        <li>
          {/* Served by the API, not a client route: a plain link loads it in full. */}
          <a href="/api/docs" className="site-nav__link">
            {t('nav.apiDocs')}
          </a>
        </li>
      </ul>
    </nav>
  );
}
