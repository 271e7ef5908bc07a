/**
 * The failure of a change to a situation. A stale view (412) or a move the stage no longer
 * allows (409) is not the person's mistake: someone else acted first, so the message says so —
 * and, given the version on screen, what they changed (read from the situation as it now is,
 * without replacing the page, so whatever the person typed stays until they choose to reload) —
 * and offers to reload the situation. Anything else is shown as the API's problem.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Situation } from '@fourfold/shared/situations';
import { ProblemAlert } from '../../../components/problem-alert';
import { ApiError } from '../../../lib/api-client';
import { getSituation } from '../api/get-situation';
import { situationKeys } from '../api/query-keys';
import { situationChanges, type SituationChange } from '../utils/situation-changes';

type WriteErrorProps = {
  error: unknown;
  onReload: () => void;
  /** The situation as the person saw it: with it, the message says what changed since. */
  situation?: Situation;
};

export function isStaleError(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.code === 'PRECONDITION_FAILED' || error.code === 'INVALID_TRANSITION')
  );
}

export function WriteError({ error, onReload, situation }: WriteErrorProps) {
  const { t } = useTranslation('situations');
  if (!error) return null;
  if (!isStaleError(error)) return <ProblemAlert error={error} />;
  return (
    <div role="alert" className="alert alert--error">
      <p className="alert__title">{t('stale.title')}</p>
      {situation ? <WhatChanged before={situation} /> : null}
      <p>{t('stale.body')}</p>
      <button type="button" className="button button--secondary" onClick={onReload}>
        {t('stale.reload')}
      </button>
    </div>
  );
}

function WhatChanged({ before }: { before: Situation }) {
  const { t } = useTranslation('situations');
  const latest = useQuery({
    queryKey: situationKeys.latest(before.id, before.version),
    queryFn: ({ signal }) => getSituation(before.id, signal),
    gcTime: 0,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  if (!latest.data) return null;
  const changes = situationChanges(before, latest.data.situation);
  if (changes.length === 0) return null;
  return (
    <>
      <p>{t('stale.changesIntro')}</p>
      <ul>
        {changes.map((change) => (
          <li key={change.kind}>{describeChange(t, change)}</li>
        ))}
      </ul>
    </>
  );
}

function describeChange(
  t: ReturnType<typeof useTranslation<'situations'>>['t'],
  change: SituationChange,
): string {
  switch (change.kind) {
    case 'stage':
      return t('stale.changes.stage', {
        from: t(`stageLong.${change.from}`),
        to: t(`stageLong.${change.to}`),
      });
    case 'leadAgency':
      return t('stale.changes.leadAgency', { agency: change.agency });
    case 'involvement':
      return t('stale.changes.involvement', {
        agencies: change.agencies.join(', '),
        count: change.agencies.length,
      });
    default:
      return t(`stale.changes.${change.kind}`);
  }
}
