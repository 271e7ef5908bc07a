/** The signed-in person's own account: who they are to Fourfold and the tables they sit on. */
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../../components/page-heading';
import { MyTables } from '../../auth/components/my-tables';
import { useSession } from '../../auth/use-session';

export function AccountRoute() {
  const { t } = useTranslation('account');
  const { me } = useSession();
  return (
    <>
      <PageHeading>{t('title')}</PageHeading>
      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t('profile.heading')}</h2>
        <dl className="details">
          <dt>{t('profile.name')}</dt>
          <dd>{me.user.displayName}</dd>
          <dt>{t('profile.email')}</dt>
          <dd>{me.user.email}</dd>
          <dt>{t('profile.agency')}</dt>
          <dd>{me.agency?.name ?? t('profile.noAgency')}</dd>
          <dt>{t('profile.administrator')}</dt>
          <dd>{me.user.isAdministrator ? t('profile.yes') : t('profile.no')}</dd>
        </dl>
      </section>
      <MyTables />
    </>
  );
}
