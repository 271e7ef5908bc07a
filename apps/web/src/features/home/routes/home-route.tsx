import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../../components/page-heading';
import { OwnedActionItemsPanel } from '../../action-items/components/owned-action-items-panel';
import { MyTables } from '../../auth/components/my-tables';
import { useSessionState } from '../../auth/use-session';
import { StatisticsHomePanel } from '../../statistics/components/statistics-home-panel';
import { SystemStatusPanel } from '../../system-status/components/system-status-panel';
import { FourFiltersList } from '../components/four-filters-list';
import { TodaysMeetingsPanel } from '../../meetings/components/todays-meetings-panel';

export function HomeRoute() {
  const { t } = useTranslation();
  const session = useSessionState();
  return (
    <>
      <PageHeading documentTitle={t('home.title')}>{t('home.heading')}</PageHeading>
      <p className="lead">{t('home.lead')}</p>
      <StatisticsHomePanel place="first" />
      <TodaysMeetingsPanel />
      {session.status === 'signed-in' ? <MyTables /> : null}
      {session.status === 'signed-in' ? <OwnedActionItemsPanel /> : null}
      <StatisticsHomePanel place="after-work" />
      <div className="home-layout">
        <div className="home-layout__intro">
          <section aria-labelledby="what-heading">
            <h2 id="what-heading">{t('home.whatHeading')}</h2>
            <p>{t('home.what')}</p>
          </section>
          <section aria-labelledby="filters-heading">
            <h2 id="filters-heading">{t('home.filtersHeading')}</h2>
            <p>{t('home.filtersIntro')}</p>
            <FourFiltersList />
          </section>
        </div>
        <SystemStatusPanel />
      </div>
    </>
  );
}
