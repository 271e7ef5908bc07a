/**
 * The signed-in person's own account: who they are to Fourfold, the tables they sit on, their
 * two-step verification and their password.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { PageHeading } from '../../../components/page-heading';
import { MyTables } from '../../auth/components/my-tables';
import { useSession } from '../../auth/use-session';
import { ChangePasswordSection } from '../components/change-password-section';
import { TwoStepSection } from '../components/two-step-section';

export function AccountRoute() {
  const { t } = useTranslation('account');
  const { me } = useSession();
  const { hash } = useLocation();

  // Links such as /account#two-step (from a table that requires it) land on that section. The
  // layout focuses the page heading after this effect runs, so wait a tick.
  useEffect(() => {
    if (hash !== '#two-step') return;
    const timer = setTimeout(() => {
      const heading = document.getElementById('two-step-heading');
      heading?.focus();
      heading?.scrollIntoView({ block: 'start' });
    }, 0);
    return () => clearTimeout(timer);
  }, [hash]);

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
      <TwoStepSection />
      <ChangePasswordSection />
    </>
  );
}
