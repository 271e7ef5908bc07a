/**
 * `/about`: what a situation table is and how the Four Filters share personal information step
 * by step. Public, linked from every home and from the footer of every page.
 */
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../../components/page-heading';
import { FourFiltersList } from '../components/four-filters-list';
import '../home.css';

export function AboutRoute() {
  const { t } = useTranslation();
  const { t: tHome } = useTranslation('home');
  return (
    <>
      <PageHeading>{tHome('about.title')}</PageHeading>
      <p className="lead">{t('home.lead')}</p>
      <section aria-labelledby="what-heading">
        <h2 id="what-heading">{t('home.whatHeading')}</h2>
        <p>{t('home.what')}</p>
      </section>
      <section aria-labelledby="filters-heading">
        <h2 id="filters-heading">{t('home.filtersHeading')}</h2>
        <p>{t('home.filtersIntro')}</p>
        <FourFiltersList />
      </section>
    </>
  );
}
