/**
 * /tables/:tableId: the situations of one table, searched by reference, filtered (stage, with a
 * count for each, agencies, overdue first contact, creation days) and sorted as the page address
 * says, a page at a time, and the way to start a new one for people who may. Only de-identified facts
 * appear here; drafts are listed only to their own agency (the API decides).
 */
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { can, rolesGranting } from '@fourfold/shared/access-policy';
import type { Stage } from '@fourfold/shared/situation-workflow';
import { PageHeading } from '../../../components/page-heading';
import { ProblemAlert } from '../../../components/problem-alert';
import { useSession } from '../../auth/use-session';
import { TableMeetingLinks } from '../../meetings/components/table-meeting-links';
import { useCodeLabels } from '../../taxonomy/hooks/use-code-labels';
import { useTable } from '../api/get-table';
import { useStageCounts, useSituationList } from '../api/list-situations';
import { SituationListFiltersForm } from '../components/situation-list-filters';
import { SituationListTable } from '../components/situation-list-table';
import {
  listFiltersFromSearchParams,
  narrowingFilters,
  searchParamsFromListFilters,
} from '../utils/list-filters';
import '../situation-list.css';
import { NotFoundContent } from './not-found-content';

/** The stage filter's order: the process first, then the two ends. */
const filterStages: readonly Stage[] = [
  'draft',
  'filter2',
  'filter3',
  'filter4',
  'closed',
  'rejected',
];

export function TableRoute() {
  const { t } = useTranslation('situations');
  const { tableId = '' } = useParams();
  const { me, actor } = useSession();
  const membership = me.memberships.find((m) => m.table.id === tableId);

  if (!membership) return <NotFoundContent kind="table" />;
  const seesSituations = rolesGranting('situation.viewDeidentified').includes(membership.role);
  const tableSubject = {
    kind: 'table' as const,
    tableId,
    requiresSecondFactor: membership.requiresSecondFactor,
  };
  const mayCreate = can(actor, 'situation.create', tableSubject);
  const reviewsMemberships = can(actor, 'membership.review', tableSubject);

  return (
    <>
      <PageHeading>{membership.table.name}</PageHeading>
      <TableSummary tableId={tableId} />
      <TableMeetingLinks tableId={tableId} role={membership.role} />
      {reviewsMemberships ? (
        <p>
          {/* Separation of duties: the memberships of this table waiting for a second person. */}
          <Link to={`/memberships?table=${encodeURIComponent(tableId)}`}>
            {t('table.membershipsLink')}
          </Link>
        </p>
      ) : null}
      {seesSituations ? (
        <>
          {mayCreate ? (
            <p>
              <Link
                to={`/tables/${tableId}/situations/new`}
                className="button button--primary situations-button-link"
              >
                {t('table.newSituation')}
              </Link>
            </p>
          ) : null}
          <TableSituations tableId={tableId} />
        </>
      ) : (
        <p>{t('table.roleSeesNoSituations')}</p>
      )}
    </>
  );
}

function TableSummary({ tableId }: { tableId: string }) {
  const { t } = useTranslation('situations');
  const table = useTable(tableId);
  if (table.isError) return <ProblemAlert error={table.error} />;
  if (!table.data) return null;
  return (
    <p className="lead">
      {t('table.summary', {
        municipality: table.data.municipality,
        count: table.data.agencies.length,
      })}
    </p>
  );
}

function TableSituations({ tableId }: { tableId: string }) {
  const { t } = useTranslation('situations');
  const [params, setParams] = useSearchParams();
  const filters = listFiltersFromSearchParams(params);
  const { stage } = filters;
  const table = useTable(tableId);
  const counts = useStageCounts(tableId, filters);
  const list = useSituationList(tableId, filters);
  const { taxonomy } = useCodeLabels();
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const stageName = stage ? t(`stage.${stage}`) : t('table.all');
  // Narrowed by more than the stage (a sort narrows nothing).
  const filtered = narrowingFilters(filters).toString() !== '';
  // The counts are of the same filtered set: their sum (or the stage's) is how many match.
  const matching = counts
    ? stage
      ? counts[stage]
      : Object.values(counts).reduce((sum, n) => sum + n, 0)
    : undefined;
  const stageLink = (value: Stage | null) => ({
    search: `?${searchParamsFromListFilters({ ...filters, stage: value }).toString()}`,
  });

  return (
    <section aria-labelledby="situations-heading">
      <h2 id="situations-heading">{t('table.situationsHeading')}</h2>
      <SituationListFiltersForm
        // Refilled from the address: back, forward and links into the list all show their filters.
        key={params.toString()}
        initial={filters}
        agencies={table.data?.agencies ?? []}
        onApply={(applied) => setParams(searchParamsFromListFilters({ ...applied, stage }))}
        onClear={() => setParams(new URLSearchParams())}
      />
      <nav aria-label={t('table.stagesLabel')} className="stage-filter">
        <ul className="stage-filter__list">
          <li>
            <Link
              to={stageLink(null)}
              className="stage-filter__link"
              aria-current={stage === null ? 'page' : undefined}
            >
              {t('table.all')}
            </Link>
          </li>
          {filterStages.map((value) => (
            <li key={value}>
              <Link
                to={stageLink(value)}
                className="stage-filter__link"
                aria-current={stage === value ? 'page' : undefined}
              >
                {t(`stage.${value}`)}{' '}
                <span className="stage-filter__count">
                  <span className="visually-hidden">(</span>
                  {counts ? counts[value] : '…'}
                  <span className="visually-hidden">)</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {list.isPending || taxonomy.isPending ? (
        <p className="loading" role="status">
          {t('table.loading')}
        </p>
      ) : list.isError || taxonomy.isError ? (
        <ProblemAlert error={list.error ?? taxonomy.error} />
      ) : items.length === 0 ? (
        <p role="status">
          {filtered
            ? t('list.noMatch')
            : stage
              ? t('table.emptyStage', { stage: stageName })
              : t('table.empty')}
        </p>
      ) : (
        <>
          <p className="situation-list-count" role="status">
            {matching === undefined
              ? t('table.shown', { count: items.length })
              : filtered
                ? t('list.matching', { count: matching })
                : t('list.total', { count: matching })}
          </p>
          <SituationListTable
            items={items}
            caption={t('table.caption', { stage: stageName })}
            when={filters.sort === 'created' ? 'created' : 'updated'}
          />
          {list.hasNextPage ? (
            <button
              type="button"
              className="button button--secondary"
              disabled={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            >
              {list.isFetchingNextPage ? t('table.loadingMore') : t('table.loadMore')}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
