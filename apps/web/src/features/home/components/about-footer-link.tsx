/**
 * The footer's way to the Four Filters explanation, on every page: its label is in the shell's
 * catalogue, as the home's catalogue loads with the home page.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import '../home.css';

export function AboutFooterLink() {
  const { t } = useTranslation();
  return (
    <p>
      <Link to="/about" className="about-footer-link">
        {t('footer.aboutLink')}
      </Link>
    </p>
  );
}
