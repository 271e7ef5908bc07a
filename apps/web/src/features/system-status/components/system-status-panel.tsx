/**
 * Whether the API can reach its database, from GET /api/health/ready. The answer sits in a polite
 * live region that is aria-busy while a check runs, so a screen reader hears the result once,
 * when it arrives; the time of the last check stays outside it, or every refresh would be read.
 */
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import { useFormat } from '../../../lib/format';
import { useReadiness } from '../api/get-readiness';

export function SystemStatusPanel() {
  const { t } = useTranslation();
  const format = useFormat();
  const readiness = useReadiness();
  const databaseUp = readiness.data?.database === 'up';

  return (
    <section className="panel system-status" aria-labelledby="system-status-heading">
      <h2 id="system-status-heading" className="panel__heading">
        {t('status.heading')}
      </h2>
      <div role="status" aria-busy={readiness.isFetching} className="system-status__result">
        {readiness.isPending ? (
          <p className="system-status__checking">{t('status.checking')}</p>
        ) : null}
        {readiness.data ? (
          <p
            className={`system-status__line ${databaseUp ? 'system-status__line--up' : 'system-status__line--down'}`}
          >
            <span className="system-status__icon" aria-hidden="true">
              {databaseUp ? '✓' : '✕'}
            </span>
            {databaseUp ? t('status.databaseUp') : t('status.databaseDown')}
          </p>
        ) : null}
        {readiness.data && !databaseUp ? <p>{t('status.databaseDownHelp')}</p> : null}
      </div>
      {readiness.isError ? <ProblemAlert error={readiness.error} /> : null}
      {readiness.dataUpdatedAt > 0 ? (
        <p className="system-status__checked">
          {t('status.lastChecked', { time: format.time(new Date(readiness.dataUpdatedAt)) })}
        </p>
      ) : null}
      {/* Never disabled while checking: a disabled button would drop keyboard focus. */}
      <button
        type="button"
        className="button button--secondary"
        onClick={() => void readiness.refetch({ cancelRefetch: false })}
      >
        {t('status.checkAgain')}
      </button>
    </section>
  );
}
