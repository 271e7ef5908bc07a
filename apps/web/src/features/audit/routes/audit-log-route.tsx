/**
 * The audit log: search the events of the tables where the person is privacy officer. The search
 * lives in the page address, so it can be bookmarked and the back button undoes a narrowing.
 */
import { useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeading } from '../../../components/page-heading';
import { ProblemAlert } from '../../../components/problem-alert';
import { useAuditEvents } from '../api/search-audit-events';
import { AuditEventTable } from '../components/audit-event-table';
import { AuditFiltersForm } from '../components/audit-filters-form';
import {
  apiQueryFromFilters,
  filtersFromSearchParams,
  searchParamsFromFilters,
  validateFilters,
  type AuditFilterForm,
} from '../lib/filters';

export function AuditLogRoute() {
  const { t } = useTranslation('audit');
  const [searchParams, setSearchParams] = useSearchParams();
  const queryClient = useQueryClient();
  const statusRef = useRef<HTMLParagraphElement>(null);
  const filters = filtersFromSearchParams(searchParams);
  const valid = validateFilters(filters).length === 0;
  const apiQuery = apiQueryFromFilters(filters);
  const events = useAuditEvents(apiQuery, { enabled: valid });
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];

  function search(next: AuditFilterForm) {
    const params = searchParamsFromFilters(next);
    if (params.toString() === searchParamsFromFilters(filters).toString()) {
      // The same search again: the person wants fresh results, from the first page.
      void queryClient.resetQueries({ queryKey: ['audit', 'events', apiQuery.toString()] });
    } else {
      setSearchParams(params);
    }
  }

  const linkFor = (field: 'userId' | 'agencyId', id: string) =>
    `/audit?${searchParamsFromFilters({ ...filters, [field]: id }).toString()}`;

  async function loadMore() {
    const result = await events.fetchNextPage();
    // The button disappears with the last page: keep focus where the person can hear the count.
    if (!result.hasNextPage) statusRef.current?.focus();
  }

  return (
    <>
      <PageHeading>{t('log.title')}</PageHeading>
      <p className="lead audit-no-print">{t('log.intro')}</p>
      <AuditFiltersForm key={searchParams.toString()} initial={filters} onSearch={search} />
      <section aria-labelledby="audit-results-heading" className="audit-results">
        <h2 id="audit-results-heading">{t('log.resultsHeading')}</h2>
        <p ref={statusRef} role="status" aria-live="polite" tabIndex={-1}>
          {!valid
            ? ''
            : events.isPending
              ? t('log.loading')
              : events.isSuccess
                ? items.length === 0
                  ? t('log.noResults')
                  : `${t('log.count', { count: items.length })}${events.hasNextPage ? ` ${t('log.more')}` : ''}`
                : ''}
        </p>
        {events.isError ? <ProblemAlert error={events.error} /> : null}
        {items.length > 0 ? (
          <AuditEventTable events={items} caption={t('log.caption')} linkFor={linkFor} />
        ) : null}
        {events.hasNextPage ? (
          <button
            type="button"
            className="button button--secondary audit-no-print"
            aria-disabled={events.isFetchingNextPage}
            onClick={() => {
              if (!events.isFetchingNextPage) void loadMore();
            }}
          >
            {events.isFetchingNextPage ? t('log.loadingMore') : t('log.loadMore')}
          </button>
        ) : null}
      </section>
    </>
  );
}
