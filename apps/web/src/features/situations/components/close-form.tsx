/**
 * Filter 4 → closed, for the coordinator: the conclusion, after the lead agency reported back.
 * Conclusions are grouped as the provincial reports group them: risk lowered, or still elevated.
 * With no first contact recorded, a no-contact reason is required too (the API's rule). Concluding
 * starts the retention countdown, so it is confirmed in a dialog that says so.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { needsNoContactReason } from '@fourfold/shared/situations';
import type { Taxonomy } from '@fourfold/shared/taxonomy';
import { SelectField } from '../../../components/form-fields';
import { useLanguage } from '../../../lib/use-language';
import { useCodeLabels } from '../../taxonomy/hooks/use-code-labels';
import { useCloseSituation } from '../api/close-situation';
import type { VersionedSituation } from '../api/get-situation';
import { NoContactReasonField } from './no-contact-reason-field';
import { ConfirmConclusion } from './step-confirmations';
import { WriteError } from './write-error';

type CloseFormProps = {
  versioned: VersionedSituation;
  taxonomy: Taxonomy;
  /** Days identity is kept after conclusion, once the table is loaded. */
  retentionDays: number | null;
  onDone: (notice: 'closed') => void;
  onReload: () => void;
};

export function CloseForm({
  versioned,
  taxonomy,
  retentionDays,
  onDone,
  onReload,
}: CloseFormProps) {
  const { t } = useTranslation('situations');
  const language = useLanguage();
  const { label } = useCodeLabels();
  const close = useCloseSituation(versioned);
  const { situation } = versioned;
  const needsReason = needsNoContactReason(situation);
  const [conclusion, setConclusion] = useState('');
  const [noContactReason, setNoContactReason] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const active = taxonomy.conclusionReasons.filter((entry) => !entry.retired);
  const groups = [
    { key: 'lowered', label: t('close.lowered'), entries: active.filter((e) => e.riskLowered) },
    { key: 'elevated', label: t('close.elevated'), entries: active.filter((e) => !e.riskLowered) },
  ];
  const missing = { conclusion: !conclusion, noContactReason: needsReason && !noContactReason };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempted(true);
    if (missing.conclusion || missing.noContactReason) return;
    close.reset();
    setConfirming(true);
  };
  const confirm = () =>
    close.mutate(
      { conclusion, ...(needsReason ? { noContactReason } : {}) },
      { onSuccess: () => onDone('closed'), onSettled: () => setConfirming(false) },
    );
  return (
    <section className="situation-action" aria-labelledby="close-heading">
      <h3 id="close-heading">{t('close.heading')}</h3>
      <p>{t('close.intro')}</p>
      <form onSubmit={submit} noValidate>
        <SelectField
          id="close-conclusion"
          label={t('close.conclusion')}
          error={attempted && missing.conclusion ? t('close.errors.conclusion') : undefined}
          value={conclusion}
          onChange={setConclusion}
          emptyLabel={t('form.choose')}
        >
          {groups.map((group) => (
            <optgroup key={group.key} label={group.label}>
              {group.entries.map((entry) => (
                <option key={entry.code} value={entry.code}>
                  {entry.label[language]}
                </option>
              ))}
            </optgroup>
          ))}
        </SelectField>
        {needsReason ? (
          <NoContactReasonField
            id="close-no-contact-reason"
            taxonomy={taxonomy}
            value={noContactReason}
            onChange={setNoContactReason}
            missing={attempted && missing.noContactReason}
          />
        ) : null}
        <p className="field__hint">{t('close.retention')}</p>
        {confirming ? null : (
          <WriteError error={close.error} onReload={onReload} situation={situation} />
        )}
        <button type="submit" className="button button--primary" disabled={close.isPending}>
          {t('close.submit')}
        </button>
      </form>
      <ConfirmConclusion
        open={confirming}
        reference={situation.reference}
        conclusion={conclusion ? label('conclusion_reason', conclusion) : ''}
        noContactReason={
          needsReason && noContactReason ? label('no_contact_reason', noContactReason) : null
        }
        retentionDays={retentionDays}
        busy={close.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={confirm}
      />
    </section>
  );
}
