/**
 * Filter 4 → closed, for the coordinator: the conclusion, after the lead agency reported back.
 * Conclusions are grouped as the provincial reports group them: risk lowered, or still elevated.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Taxonomy } from '@fourfold/shared/taxonomy';
import { SelectField } from '../../../components/form-fields';
import { useLanguage } from '../../../lib/use-language';
import { useCloseSituation } from '../api/close-situation';
import type { VersionedSituation } from '../api/get-situation';
import { WriteError } from './write-error';

type CloseFormProps = {
  versioned: VersionedSituation;
  taxonomy: Taxonomy;
  onDone: (notice: 'closed') => void;
  onReload: () => void;
};

export function CloseForm({ versioned, taxonomy, onDone, onReload }: CloseFormProps) {
  const { t } = useTranslation('situations');
  const language = useLanguage();
  const close = useCloseSituation(versioned);
  const [conclusion, setConclusion] = useState('');
  const [attempted, setAttempted] = useState(false);
  const active = taxonomy.conclusionReasons.filter((entry) => !entry.retired);
  const groups = [
    { key: 'lowered', label: t('close.lowered'), entries: active.filter((e) => e.riskLowered) },
    { key: 'elevated', label: t('close.elevated'), entries: active.filter((e) => !e.riskLowered) },
  ];
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempted(true);
    if (!conclusion) return;
    close.mutate({ conclusion }, { onSuccess: () => onDone('closed') });
  };
  const missing = attempted && !conclusion;
  return (
    <section className="situation-action" aria-labelledby="close-heading">
      <h3 id="close-heading">{t('close.heading')}</h3>
      <p>{t('close.intro')}</p>
      <form onSubmit={submit} noValidate>
        <SelectField
          id="close-conclusion"
          label={t('close.conclusion')}
          error={missing ? t('close.errors.conclusion') : undefined}
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
        <p className="field__hint">{t('close.retention')}</p>
        <WriteError error={close.error} onReload={onReload} />
        <button type="submit" className="button button--primary" disabled={close.isPending}>
          {close.isPending ? t('form.saving') : t('close.submit')}
        </button>
      </form>
    </section>
  );
}
