/**
 * /tables/:tableId: the situations of one table, filtered by stage (with a count for each), a
 * page at a time, and the way to start a new one for people who may. Only de-identified facts
 * appear here; drafts are listed only to their own agency (the API decides).
 */
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { can, rolesGranting } from '@fourfold/shared/access-policy';
import { stageSchema, type Stage } from '@fourfold/shared/situation-workflow';
import { PageHeading } from '../../../components/page-heading';
import { ProblemAlert } from '../../../components/problem-alert';
import { useLanguage } from '../../../lib/use-language';
import { useSession } from '../../auth/use-session';
import { TableMeetingLinks } from '../../meetings/components/table-meeting-links';
import { useCodeLabels } from '../../taxonomy/hooks/use-code-labels';
import { useTable } from '../api/get-table';
import { useStageCounts, useSituationList } from '../api/list-situations';
import { StageTag } from '../components/stage-tag';
import { formatDateTime } from '../utils/dates';
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
  const language = useLanguage();
  const [params] = useSearchParams();
  const parsedStage = stageSchema.safeParse(params.get('stage'));
  const stage = parsedStage.success ? parsedStage.data : null;
  const counts = useStageCounts(tableId);
  const list = useSituationList(tableId, stage);
  const { label, taxonomy } = useCodeLabels();
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const stageName = stage ? t(`stage.${stage}`) : t('table.all');

  return (
    <section aria-labelledby="situations-heading">
      <h2 id="situations-heading">{t('table.situationsHeading')}</h2>
      <nav aria-label={t('table.stagesLabel')} className="stage-filter">
        <ul className="stage-filter__list">
          <li>
            <Link
              to={{ search: '' }}
              className="stage-filter__link"
              aria-current={stage === null ? 'page' : undefined}
            >
              {t('table.all')}
            </Link>
          </li>
          {filterStages.map((value) => (
            <li key={value}>
              <Link
                to={{ search: `?stage=${value}` }}
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
        <p>{stage ? t('table.emptyStage', { stage: stageName }) : t('table.empty')}</p>
      ) : (
        <>
          <div
            className="situations-table-scroll"
            role="region"
            aria-labelledby="situations-caption"
            tabIndex={0}
          >
            <table className="data-table situations-table">
              <caption id="situations-caption">{t('table.caption', { stage: stageName })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('table.columns.reference')}</th>
                  <th scope="col">{t('table.columns.stage')}</th>
                  <th scope="col">{t('form.situationType')}</th>
                  <th scope="col">{t('form.ageBand')}</th>
                  <th scope="col">{t('form.gender')}</th>
                  <th scope="col">{t('agencies.originating')}</th>
                  <th scope="col">{t('agencies.lead')}</th>
                  <th scope="col">{t('table.columns.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id}>
                    <th scope="row">
                      <Link to={`/situations/${item.id}`}>{item.reference}</Link>
                    </th>
                    <td>
                      <StageTag stage={item.stage} />
                    </td>
                    <td>{label('situation_type', item.situationType)}</td>
                    <td>{label('age_band', item.ageBand)}</td>
                    <td>{label('gender', item.gender)}</td>
                    <td>{item.originatingAgency.name}</td>
                    <td>
                      {item.leadAgency?.name ?? (
                        <span className="situations-muted">{t('agencies.notAssigned')}</span>
                      )}
                    </td>
                    <td className="situations-table__when">
                      {formatDateTime(item.updatedAt, language)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="visually-hidden" aria-live="polite">
            {t('table.shown', { count: items.length })}
          </p>
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
