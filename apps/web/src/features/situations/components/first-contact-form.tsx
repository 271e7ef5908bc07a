/**
 * Filter 4, for the lead or an assisting agency: when the first contact (the "door knock")
 * happened and how it went. The time from discussion to first contact is what tables report.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { contactOutcomes, type ContactRequest } from '@fourfold/shared/situations';
import { DateTimePartsField } from '../../../components/date-time-parts-field';
import type { VersionedSituation } from '../api/get-situation';
import { useRecordContact } from '../api/record-contact';
import { fromDateTimeLocal, toDateTimeLocal } from '../../../lib/format';
import { WriteError } from './write-error';

type FirstContactFormProps = {
  versioned: VersionedSituation;
  onDone: (notice: 'contact') => void;
  onReload: () => void;
};

export function FirstContactForm({ versioned, onDone, onReload }: FirstContactFormProps) {
  const { t } = useTranslation('situations');
  const record = useRecordContact(versioned);
  const [at, setAt] = useState(() => toDateTimeLocal(new Date()));
  // Left as it came, the field means "now": the exact time is taken when the form is sent, since
  // the field itself only holds minutes (and the decision may be less than a minute old).
  const [edited, setEdited] = useState(false);
  const [outcome, setOutcome] = useState<ContactRequest['outcome'] | null>(null);
  const [errors, setErrors] = useState<{
    at: 'invalid' | 'future' | 'beforeDecision' | null;
    outcome: boolean;
  } | null>(null);
  const decidedAt = versioned.situation.steps.decided?.at ?? null;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const instant = edited ? fromDateTimeLocal(at) : new Date().toISOString();
    const time = instant === null ? NaN : new Date(instant).getTime();
    const found = {
      at:
        instant === null
          ? ('invalid' as const)
          : // A minute's grace: the clock of the device may be a little ahead.
            time > Date.now() + 60_000
            ? ('future' as const)
            : decidedAt !== null && time < new Date(decidedAt).getTime()
              ? ('beforeDecision' as const)
              : null,
      outcome: outcome === null,
    };
    setErrors(found);
    if (found.at || !instant || outcome === null) return;
    record.mutate({ at: instant, outcome }, { onSuccess: () => onDone('contact') });
  };
  const atError = errors?.at ?? null;
  const outcomeError = errors?.outcome ?? false;

  return (
    <section className="situation-action" aria-labelledby="contact-heading">
      <h3 id="contact-heading">{t('contact.heading')}</h3>
      <form onSubmit={submit} noValidate>
        <DateTimePartsField
          id="contact-at"
          legend={t('contact.at')}
          error={atError ? t(`contact.errors.${atError}`) : undefined}
          value={at}
          onChange={(value) => {
            setAt(value);
            setEdited(true);
          }}
        />
        <fieldset className={outcomeError && outcome === null ? 'field--invalid' : undefined}>
          <legend>{t('contact.outcome')}</legend>
          {outcomeError && outcome === null ? (
            <p className="field__error">{t('contact.errors.outcome')}</p>
          ) : null}
          {contactOutcomes.map((value) => (
            <div className="field--checkbox" key={value}>
              <input
                type="radio"
                id={`contact-outcome-${value}`}
                name="contact-outcome"
                checked={outcome === value}
                onChange={() => setOutcome(value)}
              />
              <label htmlFor={`contact-outcome-${value}`}>{t(`contact.outcomes.${value}`)}</label>
            </div>
          ))}
        </fieldset>
        <WriteError error={record.error} onReload={onReload} situation={versioned.situation} />
        <button type="submit" className="button button--primary" disabled={record.isPending}>
          {record.isPending ? t('form.saving') : t('contact.submit')}
        </button>
      </form>
    </section>
  );
}
