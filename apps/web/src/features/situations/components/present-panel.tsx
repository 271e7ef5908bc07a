/**
 * "Present to the table" (filter 1 → filter 2), for the originating agency. It says plainly what
 * presenting shares, and with whom, before the person does it.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { VersionedSituation } from '../api/get-situation';
import { useSubmitSituation } from '../api/submit-situation';
import { presentBlockers } from '../utils/draft-form';
import { WriteError } from './write-error';

type PresentPanelProps = {
  versioned: VersionedSituation;
  minRiskFactors: number;
  onDone: (notice: 'presented') => void;
  onReload: () => void;
};

export function PresentPanel({ versioned, minRiskFactors, onDone, onReload }: PresentPanelProps) {
  const { t } = useTranslation('situations');
  const submit = useSubmitSituation(versioned);
  const blockers = presentBlockers(versioned.situation, minRiskFactors);
  return (
    <section className="situation-action" aria-labelledby="present-heading">
      <h3 id="present-heading">{t('present.heading')}</h3>
      <p>{t('present.explain')}</p>
      <p>{t('present.identityStays')}</p>
      {blockers.length > 0 ? (
        <div className="alert situations-alert--info">
          <p>{t('present.blocked')}</p>
          <ul>
            {blockers.map((blocker) => (
              <li key={blocker}>
                {blocker === 'filter1' ? (
                  t('present.blockers.filter1')
                ) : blocker === 'riskFactors' ? (
                  t('present.blockers.riskFactors', { count: minRiskFactors })
                ) : (
                  <>
                    {t('present.blockers.possibleNames')}{' '}
                    <Link to={`/situations/${versioned.situation.id}/edit`}>
                      {t('present.blockers.possibleNamesLink')}
                    </Link>
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <WriteError error={submit.error} onReload={onReload} />
      <button
        type="button"
        className="button button--primary"
        disabled={submit.isPending || blockers.length > 0}
        onClick={() => submit.mutate(undefined, { onSuccess: () => onDone('presented') })}
      >
        {submit.isPending ? t('present.presenting') : t('present.button')}
      </button>
    </section>
  );
}
