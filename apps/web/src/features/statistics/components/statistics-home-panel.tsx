/**
 * On the work home, after the work, for those who read statistics (coordinators, and analysts who
 * also work at a table): the way to their tables' statistics. An analyst and nothing else lands
 * on the statistics directly (features/home).
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSessionState } from '../../auth/use-session';
import { readsStatistics } from '../lib/readable-tables';
import '../statistics.css';

export function StatisticsHomePanel() {
  const { t } = useTranslation('statistics');
  const session = useSessionState();
  if (session.status !== 'signed-in' || !readsStatistics(session.actor)) return null;
  return (
    <section className="panel stats-home-panel" aria-labelledby="stats-home-heading">
      <h2 id="stats-home-heading" className="panel__heading">
        {t('home.title')}
      </h2>
      <p>{t('home.body')}</p>
      <p>
        <Link to="/statistics" className="button button--primary stats-home-panel__link">
          {t('home.link')}
        </Link>
      </p>
    </section>
  );
}
