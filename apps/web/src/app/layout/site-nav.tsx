import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { tablesWhere } from '@fourfold/shared/access-policy';
import { useSessionState } from '../../features/auth/use-session';
import { SITE_MENU_IDS } from './use-site-menu';

/** `menuOpen`: whether the header's menu shows it, on narrow screens (it always shows on wide ones). */
export function SiteNav({ menuOpen }: { menuOpen: boolean }) {
  // Labels from the shell's own catalogue: the features' catalogues load with their pages.
  const { t } = useTranslation();
  const session = useSessionState();
  const signedIn = session.status === 'signed-in';
  const administers = session.status === 'signed-in' && session.me.user.isAdministrator;
  const seesSituations =
    session.status === 'signed-in' &&
    tablesWhere(session.actor, 'situation.viewDeidentified').length > 0;
  const reviewsMemberships =
    session.status === 'signed-in' && tablesWhere(session.actor, 'membership.review').length > 0;
  const readsStatistics =
    session.status === 'signed-in' && tablesWhere(session.actor, 'statistics.read').length > 0;
  const readsAudit =
    session.status === 'signed-in' && tablesWhere(session.actor, 'audit.read').length > 0;
  return (
    <nav
      id={SITE_MENU_IDS.nav}
      className="site-nav site-menu-part"
      data-open={menuOpen}
      aria-label={t('nav.label')}
    >
      <ul className="container site-nav__list">
        <li>
          {/* NavLink sets aria-current="page" on the link of the current page. */}
          <NavLink to="/" end className="site-nav__link">
            {t('nav.home')}
          </NavLink>
        </li>
        {seesSituations ? (
          <li>
            <NavLink to="/tables" className="site-nav__link">
              {t('nav.tables')}
            </NavLink>
          </li>
        ) : null}
        {signedIn ? (
          <li>
            <NavLink to="/account" className="site-nav__link">
              {t('nav.account')}
            </NavLink>
          </li>
        ) : null}
        {readsStatistics ? (
          <li>
            <NavLink to="/statistics" className="site-nav__link">
              {t('nav.statistics')}
            </NavLink>
          </li>
        ) : null}
        {readsAudit ? (
          <li>
            <NavLink to="/audit" className="site-nav__link">
              {t('nav.audit')}
            </NavLink>
          </li>
        ) : null}
        {reviewsMemberships ? (
          <li>
            <NavLink to="/memberships" className="site-nav__link">
              {t('nav.memberships')}
            </NavLink>
          </li>
        ) : null}
        {administers ? (
          <li>
            <NavLink to="/admin" className="site-nav__link">
              {t('nav.admin')}
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
