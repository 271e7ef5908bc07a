/**
 * The failure of a change to a situation. A stale view (412) or a move the stage no longer
 * allows (409) is not the person's mistake: someone else acted first, so the message says so and
 * offers to reload the situation. Anything else is shown as the API's problem.
 */
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import { ApiError } from '../../../lib/api-client';

type WriteErrorProps = {
  error: unknown;
  onReload: () => void;
};

export function isStaleError(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.code === 'PRECONDITION_FAILED' || error.code === 'INVALID_TRANSITION')
  );
}

export function WriteError({ error, onReload }: WriteErrorProps) {
  const { t } = useTranslation('situations');
  if (!error) return null;
  if (!isStaleError(error)) return <ProblemAlert error={error} />;
  return (
    <div role="alert" className="alert alert--error">
      <p className="alert__title">{t('stale.title')}</p>
      <p>{t('stale.body')}</p>
      <button type="button" className="button button--secondary" onClick={onReload}>
        {t('stale.reload')}
      </button>
    </div>
  );
}
