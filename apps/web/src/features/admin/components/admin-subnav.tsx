/** The sections of administration, on every administration page. */
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

export function AdminSubnav() {
  const { t } = useTranslation('admin');
  const links = [
    { to: '/admin', label: t('subnav.overview'), end: true },
    { to: '/admin/agencies', label: t('subnav.agencies'), end: false },
    { to: '/admin/tables', label: t('subnav.tables'), end: false },
    { to: '/admin/users', label: t('subnav.users'), end: false },
    { to: '/admin/code-lists', label: t('subnav.codeLists'), end: false },
  ];
  return (
    <nav className="admin-subnav" aria-label={t('subnav.label')}>
      <ul className="admin-subnav__list">
        {links.map((link) => (
          <li key={link.to}>
            <NavLink to={link.to} end={link.end} className="admin-subnav__link">
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
