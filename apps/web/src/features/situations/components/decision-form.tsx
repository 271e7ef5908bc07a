/**
 * The filter-2 decision, for the coordinator: is the risk acutely elevated? Accepting opens
 * limited identification to the agencies present; rejecting needs a reason and destroys any
 * identity the originating agency entered, and the free text with it, so it is confirmed first in
 * a dialog that says so.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Taxonomy } from '@fourfold/shared/taxonomy';
import type { TableDetail } from '@fourfold/shared/situations';
import { SelectField } from '../../../components/form-fields';
import { useLanguage } from '../../../lib/use-language';
import { useCodeLabels } from '../../taxonomy/hooks/use-code-labels';
import { useDecideSituation } from '../api/decide-situation';
import type { VersionedSituation } from '../api/get-situation';
import { ConfirmRejection } from './step-confirmations';
import { WriteError } from './write-error';

type DecisionFormProps = {
  versioned: VersionedSituation;
  table: TableDetail;
  taxonomy: Taxonomy;
  onDone: (notice: 'accepted' | 'rejected') => void;
  onReload: () => void;
};

export function DecisionForm({ versioned, table, taxonomy, onDone, onReload }: DecisionFormProps) {
  const { t } = useTranslation('situations');
  const language = useLanguage();
  const decide = useDecideSituation(versioned);
  const { situation } = versioned;
  const [outcome, setOutcome] = useState<'accepted' | 'rejected' | null>(null);
  const [reason, setReason] = useState('');
  const [present, setPresent] = useState<string[]>([situation.originatingAgency.id]);
  const [attempted, setAttempted] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const { label } = useCodeLabels();

  const errors = {
    outcome: outcome === null,
    reason: outcome === 'rejected' && !reason,
    present: present.length === 0,
  };
  const invalid = errors.outcome || errors.reason || errors.present;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempted(true);
    if (invalid || outcome === null) return;
    if (outcome === 'rejected') {
      decide.reset();
      setConfirming(true);
      return;
    }
    decide.mutate({ outcome, agenciesPresent: present }, { onSuccess: () => onDone(outcome) });
  };
  const reject = () =>
    decide.mutate(
      { outcome: 'rejected', agenciesPresent: present, rejectionReason: reason },
      { onSuccess: () => onDone('rejected'), onSettled: () => setConfirming(false) },
    );

  const show = (error: boolean) => attempted && error;

  return (
    <section className="situation-action" aria-labelledby="decision-heading">
      <h3 id="decision-heading">{t('decision.heading')}</h3>
      <p>{t('decision.intro')}</p>
      <form onSubmit={submit} noValidate>
        <fieldset className={show(errors.outcome) ? 'field--invalid' : undefined}>
          <legend>{t('decision.outcome')}</legend>
          {show(errors.outcome) ? (
            <p className="field__error">{t('decision.errors.outcome')}</p>
          ) : null}
          <div className="field--checkbox">
            <input
              type="radio"
              id="decision-accepted"
              name="decision-outcome"
              checked={outcome === 'accepted'}
              onChange={() => setOutcome('accepted')}
            />
            <label htmlFor="decision-accepted">{t('decision.accept')}</label>
          </div>
          <div className="field--checkbox">
            <input
              type="radio"
              id="decision-rejected"
              name="decision-outcome"
              checked={outcome === 'rejected'}
              onChange={() => setOutcome('rejected')}
            />
            <label htmlFor="decision-rejected">{t('decision.reject')}</label>
          </div>
        </fieldset>
        {outcome === 'rejected' ? (
          <SelectField
            id="decision-reason"
            label={t('decision.reason')}
            hint={t('decision.rejectHint')}
            error={show(errors.reason) ? t('decision.errors.reason') : undefined}
            value={reason}
            onChange={setReason}
            emptyLabel={t('form.choose')}
            options={taxonomy.rejectionReasons
              .filter((entry) => !entry.retired)
              .map((entry) => ({ value: entry.code, label: entry.label[language] }))}
          />
        ) : null}
        <fieldset className={show(errors.present) ? 'field--invalid' : undefined}>
          <legend>{t('decision.present')}</legend>
          <p className="field__hint">{t('decision.presentHint')}</p>
          {show(errors.present) ? (
            <p className="field__error">{t('decision.errors.present')}</p>
          ) : null}
          {table.agencies.map((agency) => (
            <div className="field--checkbox" key={agency.id}>
              <input
                type="checkbox"
                id={`decision-present-${agency.id}`}
                checked={present.includes(agency.id)}
                onChange={(event) =>
                  setPresent(
                    event.target.checked
                      ? [...present, agency.id]
                      : present.filter((id) => id !== agency.id),
                  )
                }
              />
              <label htmlFor={`decision-present-${agency.id}`}>{agency.name}</label>
            </div>
          ))}
        </fieldset>
        {confirming ? null : (
          <WriteError error={decide.error} onReload={onReload} situation={situation} />
        )}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={decide.isPending}>
            {decide.isPending ? t('form.saving') : t('decision.submit')}
          </button>
        </div>
      </form>
      <ConfirmRejection
        open={confirming}
        reference={situation.reference}
        reason={reason ? label('rejection_reason', reason) : ''}
        busy={decide.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={reject}
      />
    </section>
  );
}
