/**
 * On the home page, for analysts and coordinators: the way to their tables' statistics. An
 * analyst has nothing else to do in Fourfold (and used to land on an empty screen), so for them
 * it comes first; a coordinator sees today's meetings and their actions before it.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { tablesWhere } from '@fourfold/shared/access-policy';
import { useSessionState } from '../../auth/use-session';
import { readsStatistics } from '../lib/readable-tables';
import '../statistics.css';

export function StatisticsHomePanel({ place }: { place: 'first' | 'after-work' }) {
  const { t } = useTranslation('statistics');
  const session = useSessionState();
  if (session.status !== 'signed-in' || !readsStatistics(session.actor)) return null;
  const worksOnSituations = tablesWhere(session.actor, 'situation.viewDeidentified').length > 0;
  if ((place === 'first') === worksOnSituations) return null;
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
