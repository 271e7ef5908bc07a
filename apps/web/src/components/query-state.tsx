/**
 * What a part of a page shows for data it reads from the API: a loading line until the first
 * answer, the failure if the read failed, otherwise what the caller renders from the data (or its
 * `empty` content when the data is an empty list). Lists and panels all over the app show these
 * states alike, and the loading line is a status, which screen readers announce.
 */
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from './problem-alert';

export function QueryState<Data>({
  query,
  loading,
  empty,
  children,
}: {
  query: UseQueryResult<Data, unknown>;
  /** Says what is loading ("Loading notes…"), where a plain "Loading…" would say too little. */
  loading?: string;
  /** Shown instead of the children when the data is an empty list ("No members yet."). */
  empty?: Data extends readonly unknown[] ? ReactNode : never;
  children: (data: Data) => ReactNode;
}): ReactNode {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <p className="loading" role="status">
        {loading ?? t('loading')}
      </p>
    );
  }
  // Before the data: a failed refetch keeps the last data, yet the page must say it failed.
  if (query.isError) return <ProblemAlert error={query.error} />;
  if (empty !== undefined && Array.isArray(query.data) && query.data.length === 0) return empty;
  return children(query.data);
}
