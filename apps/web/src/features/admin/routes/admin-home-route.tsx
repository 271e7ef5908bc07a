/** /admin: what administration covers, and the way to each part. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../../../components/page-heading';
import { AdminSubnav } from '../components/admin-subnav';

export function AdminHomeRoute() {
  const { t } = useTranslation('admin');
  const parts = [
    { to: '/admin/agencies', title: t('home.agencies'), body: t('home.agenciesBody') },
    { to: '/admin/tables', title: t('home.tables'), body: t('home.tablesBody') },
    { to: '/admin/users', title: t('home.users'), body: t('home.usersBody') },
    { to: '/admin/code-lists', title: t('home.codeLists'), body: t('home.codeListsBody') },
  ];
  return (
    <>
      <PageHeading>{t('home.title')}</PageHeading>
      <AdminSubnav />
      <p className="lead">{t('home.lead')}</p>
      <p>{t('home.noContent')}</p>
      <ul className="admin-cards">
        {parts.map((part) => (
          <li key={part.to} className="panel admin-card">
            <h2 className="panel__heading">
              <Link to={part.to}>{part.title}</Link>
            </h2>
            <p>{part.body}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
