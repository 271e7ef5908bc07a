/**
 * The header: the product's name, the language switch and, in one group, the notifications and
 * account tools. On a narrow screen the group and the navigation (`SiteNav`) fold behind the
 * menu button; the language switch stays in the bar, where a French reader looks for it.
 */
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AccountMenu } from '../../features/auth/components/account-menu';
import {
  NotificationsAnnouncer,
  NotificationsLink,
} from '../../features/notifications/components/notifications-link';
import { LanguageSwitch } from './language-switch';
import type { RefObject } from 'react';
import { SITE_MENU_IDS } from './use-site-menu';

type SiteHeaderProps = {
  menuOpen: boolean;
  onMenuToggle: () => void;
  menuButtonRef: RefObject<HTMLButtonElement | null>;
};

export function SiteHeader({ menuOpen, onMenuToggle, menuButtonRef }: SiteHeaderProps) {
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
        <div
          id={SITE_MENU_IDS.tools}
          className="site-header__tools site-menu-part"
          data-open={menuOpen}
        >
          <NotificationsLink />
          <AccountMenu />
        </div>
        <NotificationsAnnouncer />
        <LanguageSwitch />
        <button
          ref={menuButtonRef}
          type="button"
          className="site-header__menu-button"
          aria-expanded={menuOpen}
          aria-controls={`${SITE_MENU_IDS.nav} ${SITE_MENU_IDS.tools}`}
          onClick={onMenuToggle}
        >
          <span className="site-header__menu-icon" aria-hidden="true" />
          {t('menu.button')}
        </button>
      </div>
    </header>
  );
}
