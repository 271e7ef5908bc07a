/**
 * Filter 3, for an agency present at the decision: does it already work with this person? The
 * answer helps the table choose the lead and assisting agencies.
 */
import { useTranslation } from 'react-i18next';
import { useDeclareInvolvement } from '../api/declare-involvement';
import type { VersionedSituation } from '../api/get-situation';
import { WriteError } from './write-error';

type InvolvementPanelProps = {
  versioned: VersionedSituation;
  agencyId: string;
  onDone: (notice: 'involvement') => void;
  onReload: () => void;
};

export function InvolvementPanel({ versioned, agencyId, onDone, onReload }: InvolvementPanelProps) {
  const { t } = useTranslation('situations');
  const declare = useDeclareInvolvement(versioned);
  const own = versioned.situation.agenciesPresent.find((agency) => agency.id === agencyId);
  if (!own) return null;
  const answer = (involved: boolean) =>
    declare.mutate({ involved }, { onSuccess: () => onDone('involvement') });
  return (
    <section className="situation-action" aria-labelledby="involvement-heading">
      <h3 id="involvement-heading">{t('involvement.heading')}</h3>
      <p>{t('involvement.question', { agency: own.name })}</p>
      <p className="field__hint">
        {own.involved === null
          ? t('involvement.notAnswered')
          : t('involvement.answered', {
              answer: own.involved ? t('involvement.yes') : t('involvement.no'),
            })}
      </p>
      <WriteError error={declare.error} onReload={onReload} situation={versioned.situation} />
      <div className="form__actions">
        <button
          type="button"
          className={`button ${own.involved === true ? 'button--primary' : 'button--secondary'}`}
          aria-pressed={own.involved === true}
          disabled={declare.isPending}
          onClick={() => answer(true)}
        >
          {t('involvement.yes')}
        </button>
        <button
          type="button"
          className={`button ${own.involved === false ? 'button--primary' : 'button--secondary'}`}
          aria-pressed={own.involved === false}
          disabled={declare.isPending}
          onClick={() => answer(false)}
        >
          {t('involvement.no')}
        </button>
      </div>
    </section>
  );
}
