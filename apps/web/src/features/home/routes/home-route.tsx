/**
 * `/`: signed-in people land on their work; signed-out visitors on a short welcome. An analyst
 * whose only role is analyst is sent to the statistics dashboard, their daily work, rather than
 * to a page with one link to it. The Four Filters explanation is one click away (/about).
 */
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { PageHeading } from '../../../components/page-heading';
import { QueryState } from '../../../components/query-state';
import { OwnedActionItemsPanel } from '../../action-items/components/owned-action-items-panel';
import { useSession, useSessionState } from '../../auth/use-session';
import { readsStatistics } from '../../statistics/lib/readable-tables';
import { SystemStatusPanel } from '../../system-status/components/system-status-panel';
import { useWork } from '../api/get-work';
import { TableWorkPanel } from '../components/table-work';
import { homeKindOf } from '../lib/home-kind';
import '../home.css';

// Fetched only for those who read statistics: a representative's browser never loads it.
const StatisticsHomePanel = lazy(async () => ({
  default: (await import('../../statistics/components/statistics-home-panel')).StatisticsHomePanel,
}));

export function HomeRoute() {
  const session = useSessionState();
  if (session.status === 'restoring') return <Restoring />;
  if (session.status === 'signed-out') return <Welcome />;
  const kind = homeKindOf(session.me);
  if (kind === 'administration') return <AdministratorHome />;
  if (kind === 'statistics') return <Navigate to="/statistics" replace />;
  return <WorkHome />;
}

function Restoring() {
  const { t } = useTranslation('auth');
  return (
    <p className="loading" role="status" aria-live="polite">
      {t('session.restoring')}
    </p>
  );
}

function AboutLink() {
  const { t } = useTranslation();
  return (
    <p className="home-about-link">
      <Link to="/about">{t('footer.aboutLink')}</Link>
    </p>
  );
}

function Welcome() {
  const { t } = useTranslation();
  const { t: tHome } = useTranslation('home');
  return (
    <>
      <PageHeading documentTitle={t('home.title')}>{t('home.heading')}</PageHeading>
      <p className="lead">{t('home.lead')}</p>
      <p>{tHome('welcome.signInLead')}</p>
      <p>
        <Link to="/sign-in" className="button button--primary work-links__button">
          {tHome('welcome.signIn')}
        </Link>
      </p>
      <AboutLink />
      <SystemStatusPanel />
    </>
  );
}

function WorkHome() {
  const { t } = useTranslation('home');
  const { actor } = useSession();
  const work = useWork({ enabled: true });
  return (
    <>
      <PageHeading documentTitle={t('work.title')}>{t('work.heading')}</PageHeading>
      <AboutLink />
      <QueryState query={work} loading={t('work.loading')}>
        {(home) =>
          home.tables.length === 0 ? (
            <p>{t('work.noTables')}</p>
          ) : (
            home.tables.map((table) => <TableWorkPanel key={table.table.id} work={table} />)
          )
        }
      </QueryState>
      {/* The panels below the work show once the work has: their answers often come first (the
          route's loader asks for all at once), and the work arriving then pushed them down the
          page under the reader's eyes (a layout shift). */}
      {work.isPending ? null : (
        <>
          <OwnedActionItemsPanel />
          {readsStatistics(actor) ? (
            // Its own boundary: the work above stays on screen while the panel loads.
            <Suspense fallback={null}>
              <StatisticsHomePanel />
            </Suspense>
          ) : null}
        </>
      )}
    </>
  );
}

function AdministratorHome() {
  const { t } = useTranslation('home');
  const { t: tAdmin } = useTranslation('admin');
  const parts = [
    { to: '/admin/agencies', title: tAdmin('home.agencies'), body: tAdmin('home.agenciesBody') },
    { to: '/admin/tables', title: tAdmin('home.tables'), body: tAdmin('home.tablesBody') },
    { to: '/admin/users', title: tAdmin('home.users'), body: tAdmin('home.usersBody') },
    {
      to: '/admin/code-lists',
      title: tAdmin('home.codeLists'),
      body: tAdmin('home.codeListsBody'),
    },
  ];
  return (
    <>
      <PageHeading documentTitle={t('work.title')}>{t('work.heading')}</PageHeading>
      <p className="lead">{t('admin.lead')}</p>
      <AboutLink />
      <div className="home-admin">
        <ul className="home-admin__parts">
          {parts.map((part) => (
            <li key={part.to} className="panel home-admin__part">
              <h2 className="panel__heading">
                <Link to={part.to}>{part.title}</Link>
              </h2>
              <p>{part.body}</p>
            </li>
          ))}
        </ul>
        <SystemStatusPanel />
      </div>
    </>
  );
}
