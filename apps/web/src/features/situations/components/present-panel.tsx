/**
 * "Present to the table" (filter 1 → filter 2), for the originating agency. It says plainly what
 * presenting shares, and with whom, before the person does it, and asks once more in a dialog:
 * the facts cannot be taken back from the member agencies once they have them.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { filter1NotYetYes, presentBlockers } from '@fourfold/shared/situations';
import type { VersionedSituation } from '../api/get-situation';
import { useSubmitSituation } from '../api/submit-situation';
import { filter1Order } from '../utils/filter1-order';
import { ConfirmPresentation } from './step-confirmations';
import { WriteError } from './write-error';

type PresentPanelProps = {
  versioned: VersionedSituation;
  minRiskFactors: number;
  tableName: string;
  onDone: (notice: 'presented') => void;
  onReload: () => void;
};

export function PresentPanel({
  versioned,
  minRiskFactors,
  tableName,
  onDone,
  onReload,
}: PresentPanelProps) {
  const { t } = useTranslation('situations');
  const submit = useSubmitSituation(versioned);
  const [confirming, setConfirming] = useState(false);
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
                  <Filter1Blocker filter1={versioned.situation.filter1} />
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
      {confirming ? null : (
        <WriteError error={submit.error} onReload={onReload} situation={versioned.situation} />
      )}
      <button
        type="button"
        className="button button--primary"
        disabled={submit.isPending || blockers.length > 0}
        onClick={() => {
          submit.reset();
          setConfirming(true);
        }}
      >
        {t('present.button')}
      </button>
      <ConfirmPresentation
        open={confirming}
        reference={versioned.situation.reference}
        tableName={tableName}
        busy={submit.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          submit.mutate(undefined, {
            onSuccess: () => onDone('presented'),
            onSettled: () => setConfirming(false),
          })
        }
      />
    </section>
  );
}

/** Each Filter 1 question still in the way, in the form's order, and whether it is a "no". */
function Filter1Blocker({ filter1 }: { filter1: VersionedSituation['situation']['filter1'] }) {
  const { t } = useTranslation('situations');
  const open = filter1NotYetYes(filter1);
  return (
    <>
      {t('present.blockers.filter1')}
      <ul>
        {filter1Order
          .filter((question) => open.includes(question))
          .map((question) => (
            <li key={question}>
              {t(`filter1.questions.${question}`)}{' '}
              <strong>
                {filter1[question] === false
                  ? t('present.blockers.filter1No')
                  : t('present.blockers.filter1Unanswered')}
              </strong>
            </li>
          ))}
      </ul>
    </>
  );
}
