/** The footer's way to the Four Filters explanation, on every page. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import '../home.css';

export function AboutFooterLink() {
  const { t } = useTranslation('home');
  return (
    <p>
      <Link to="/about" className="about-footer-link">
        {t('about.link')}
      </Link>
    </p>
  );
}
