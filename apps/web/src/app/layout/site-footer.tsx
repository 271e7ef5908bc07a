import { useTranslation } from 'react-i18next';
import { AboutFooterLink } from '../../features/home/components/about-footer-link';

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="container">
        <AboutFooterLink />
        <p>{t('footer.about')}</p>
        <p>{t('footer.privacy')}</p>
      </div>
    </footer>
  );
}
