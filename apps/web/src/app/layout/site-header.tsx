import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AccountMenu } from '../../features/auth/components/account-menu';
import { NotificationsLink } from '../../features/notifications/components/notifications-link';
import { LanguageSwitch } from './language-switch';

export function SiteHeader() {
  const { t } = useTranslation();
  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <div className="site-header__brand">
          <Link to="/" className="site-header__name">
            {t('app.name')}
          </Link>
          <p className="site-header__tagline">{t('app.tagline')}</p>
        </div>
        <div className="site-header__tools">
          <NotificationsLink />
          <AccountMenu />
          <LanguageSwitch />
        </div>
      </div>
    </header>
  );
}
