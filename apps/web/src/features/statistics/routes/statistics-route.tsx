/**
 * /statistics: the published counts of the tables the person may read statistics of (analysts
 * and coordinators). The choices live in the address (see ../lib/filters.ts); the API answers
 * with counts that are already protected (suppressed, rounded), and the page shows them as they
 * are. A person without statistics anywhere, and a table the API will not show, get "not
 * available" with a way back, as a missing page would.
 */
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { DISCUSSIONS_KEY, type PublishedCount } from '@fourfold/shared/statistics';
import { tablesWhere } from '@fourfold/shared/access-policy';
import { PageHeading } from '../../../components/page-heading';
import { ProblemAlert } from '../../../components/problem-alert';
import { ApiError } from '../../../lib/api-client';
import { useSession } from '../../auth/use-session';
import { useStatsSummary } from '../api/get-stats-summary';
import { ExportButtons } from '../components/export-buttons';
import { HatchPattern } from '../components/hatch-pattern';
import { ProtectionNote } from '../components/protection-note';
import { StatsDashboard } from '../components/stats-dashboard';
import { StatsFiltersForm } from '../components/stats-filters-form';
import { breakdownOf, rowOf } from '../lib/breakdowns';
import {
  filtersFromSearchParams,
  searchParamsFromFilters,
  validateFilters,
  type StatsFilters,
} from '../lib/filters';
import { useStatsFormat } from '../lib/format';
import { readableTables, type ReadableTable } from '../lib/readable-tables';
import '../statistics.css';

export function StatisticsRoute() {
  const { me, actor } = useSession();
  const tables = readableTables(me, actor);
  if (tables.length === 0) return <NotAvailable />;
  return <Dashboard tables={tables} exports={tablesWhere(actor, 'statistics.export').length > 0} />;
}

function NotAvailable() {
  const { t } = useTranslation('statistics');
  return (
    <>
      <PageHeading>{t('notAvailable.title')}</PageHeading>
      <p>{t('notAvailable.body')}</p>
      <p>
        <Link to="/">{t('notAvailable.homeLink')}</Link>
      </p>
    </>
  );
}

function Dashboard({ tables, exports }: { tables: ReadableTable[]; exports: boolean }) {
  const { t } = useTranslation('statistics');
  const format = useStatsFormat();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFromSearchParams(
    searchParams,
    tables.map((table) => table.id),
  );
  const valid = validateFilters(filters, true).length === 0;
  const query = useStatsSummary(filters, { enabled: valid });

  function show(next: StatsFilters) {
    setSearchParams(searchParamsFromFilters(next));
  }

  if (query.isError && query.error instanceof ApiError && [403, 404].includes(query.error.status)) {
    return <NotAvailable />;
  }

  const summary = query.data;
  const discussions = summary
    ? (rowOf(breakdownOf(summary, 'discussions'), DISCUSSIONS_KEY)?.total ?? 0)
    : 0;
  const chosenNames = (
    filters.tableIds.length === 0 ? tables : tables.filter((x) => filters.tableIds.includes(x.id))
  ).map((table) => table.name);

  return (
    <div className="stats-page">
      <HatchPattern />
      <PageHeading>{t('title')}</PageHeading>
      <p className="lead">{t('intro')}</p>
      <StatsFiltersForm
        key={searchParams.toString()}
        initial={filters}
        tables={tables}
        onSubmit={show}
      />
      <p className="stats-page__scope" role="status" aria-live="polite">
        {!valid
          ? t('invalidAddress')
          : query.isPending
            ? t('loading')
            : query.isFetching
              ? t('updating')
              : summary
                ? t('scope', {
                    tables: chosenNames.join(', '),
                    from: format.period(summary.from, true),
                    to: format.period(summary.to, true),
                  })
                : ''}
      </p>
      {query.isError ? <ProblemAlert error={query.error} /> : null}
      {summary && valid ? (
        <div aria-busy={query.isFetching}>
          {discussions === 0 ? (
            <p className="stats-empty">{t('empty')}</p>
          ) : (
            <>
              <KeyFigures summary={summary} discussions={discussions} />
              <ProtectionNote threshold={summary.threshold} roundingBase={summary.roundingBase} />
              <StatsDashboard summary={summary} />
            </>
          )}
          {exports ? <ExportButtons filters={filters} /> : null}
        </div>
      ) : null}
    </div>
  );
}

function KeyFigures({
  summary,
  discussions,
}: {
  summary: NonNullable<ReturnType<typeof useStatsSummary>['data']>;
  discussions: PublishedCount;
}) {
  const { t } = useTranslation('statistics');
  const format = useStatsFormat();
  const figures = [
    { term: t('figures.discussions'), value: format.count(discussions) },
    { term: t('figures.accepted'), value: format.share(summary.shares.accepted.overall) },
    {
      term: t('figures.withinTarget'),
      value: format.share(summary.shares.firstContactWithinTarget.overall),
    },
    { term: t('figures.riskLowered'), value: format.share(summary.shares.riskLowered.overall) },
  ];
  return (
    <section aria-labelledby="stats-figures-heading" className="stats-key-figures">
      <h2 id="stats-figures-heading" className="visually-hidden">
        {t('figures.title')}
      </h2>
      <dl className="stats-key-figures__list">
        {figures.map((figure) => (
          <div key={figure.term} className="stats-key-figures__item">
            <dt>{figure.term}</dt>
            <dd>{figure.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
