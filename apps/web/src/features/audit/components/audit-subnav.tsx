/** Links between the audit screens; not printed. */
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

export function AuditSubnav() {
  const { t } = useTranslation('audit');
  return (
    <nav className="audit-subnav" aria-label={t('nav.label')}>
      <ul className="audit-subnav__list">
        <li>
          <NavLink to="/audit" end className="audit-subnav__link">
            {t('nav.log')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/audit/person-report" className="audit-subnav__link">
            {t('nav.personReport')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/audit/verify" className="audit-subnav__link">
            {t('nav.verify')}
          </NavLink>
        </li>
        <li>
          {/* Pending and recently granted memberships of the officer's tables (separation of duties). */}
          <NavLink to="/memberships" className="audit-subnav__link">
            {t('nav.memberships')}
          </NavLink>
        </li>
      </ul>
    </nav>
  );
}
