/**
 * The identity of the people in a situation, entered apart from the de-identified facts and
 * marked as protected: it is stored encrypted, shown only to the agencies the Four Filter rules
 * allow at each stage, and every view of it is recorded in the audit log.
 */
import type { ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import {
  emptyPerson,
  type IdentityErrors,
  type IdentityValues,
  type PersonValues,
} from '../utils/identity-form';

type IdentityFieldsProps = {
  idPrefix: string;
  values: IdentityValues;
  onChange: (values: IdentityValues) => void;
  errors: IdentityErrors | null;
  /** YYYY-MM-DD: no date of birth after it. */
  today: string;
};

export const personFieldId = (idPrefix: string, key: string, field: keyof PersonValues) =>
  `${idPrefix}-${key}-${field}`;

export function IdentityFields({ idPrefix, values, onChange, errors, today }: IdentityFieldsProps) {
  const { t } = useTranslation('situations');

  const updatePerson = (key: string, field: keyof PersonValues, value: string) =>
    onChange({
      ...values,
      people: values.people.map((person) =>
        person.key === key ? { ...person, [field]: value } : person,
      ),
    });

  const addPerson = () => {
    const person = emptyPerson();
    flushSync(() => onChange({ ...values, people: [...values.people, person] }));
    document.getElementById(personFieldId(idPrefix, person.key, 'givenName'))?.focus();
  };

  const removePerson = (index: number) => {
    const remaining = values.people.filter((_, position) => position !== index);
    flushSync(() => onChange({ ...values, people: remaining }));
    const neighbour = remaining[Math.max(0, index - 1)];
    if (neighbour) {
      document.getElementById(personFieldId(idPrefix, neighbour.key, 'givenName'))?.focus();
    }
  };

  return (
    <div className="identity-fields">
      {errors?.person ? (
        <p className="field__error" id={`${idPrefix}-person-error`}>
          {t('identity.errors.personRequired')}
        </p>
      ) : null}
      {values.people.map((person, index) => {
        const personErrors = errors?.people[person.key] ?? {};
        const fieldId = (field: keyof PersonValues) => personFieldId(idPrefix, person.key, field);
        const errorId = (field: keyof PersonValues) => `${fieldId(field)}-error`;
        return (
          <fieldset key={person.key} className="identity-person">
            <legend>{t('identity.person', { number: index + 1 })}</legend>
            <div className="identity-person__names">
              <div className={`field${personErrors.givenName ? ' field--invalid' : ''}`}>
                <label htmlFor={fieldId('givenName')}>{t('identity.givenName')}</label>
                {personErrors.givenName ? (
                  <p className="field__error" id={errorId('givenName')}>
                    {t('identity.errors.givenName')}
                  </p>
                ) : null}
                <input
                  id={fieldId('givenName')}
                  autoComplete="off"
                  maxLength={100}
                  value={person.givenName}
                  aria-invalid={personErrors.givenName ? true : undefined}
                  aria-describedby={personErrors.givenName ? errorId('givenName') : undefined}
                  onChange={(event) => updatePerson(person.key, 'givenName', event.target.value)}
                />
              </div>
              <div className={`field${personErrors.familyName ? ' field--invalid' : ''}`}>
                <label htmlFor={fieldId('familyName')}>{t('identity.familyName')}</label>
                {personErrors.familyName ? (
                  <p className="field__error" id={errorId('familyName')}>
                    {t('identity.errors.familyName')}
                  </p>
                ) : null}
                <input
                  id={fieldId('familyName')}
                  autoComplete="off"
                  maxLength={100}
                  value={person.familyName}
                  aria-invalid={personErrors.familyName ? true : undefined}
                  aria-describedby={personErrors.familyName ? errorId('familyName') : undefined}
                  onChange={(event) => updatePerson(person.key, 'familyName', event.target.value)}
                />
              </div>
            </div>
            <div
              className={`field field--short${personErrors.dateOfBirth ? ' field--invalid' : ''}`}
            >
              <label htmlFor={fieldId('dateOfBirth')}>{t('identity.dateOfBirth')}</label>
              <p className="field__hint" id={`${fieldId('dateOfBirth')}-hint`}>
                {t('identity.dateOfBirthHint')}
              </p>
              {personErrors.dateOfBirth ? (
                <p className="field__error" id={errorId('dateOfBirth')}>
                  {t(`identity.errors.dateOfBirth.${personErrors.dateOfBirth}`)}
                </p>
              ) : null}
              <input
                id={fieldId('dateOfBirth')}
                type="date"
                autoComplete="off"
                max={today}
                value={person.dateOfBirth}
                aria-invalid={personErrors.dateOfBirth ? true : undefined}
                aria-describedby={
                  `${fieldId('dateOfBirth')}-hint` +
                  (personErrors.dateOfBirth ? ` ${errorId('dateOfBirth')}` : '')
                }
                onChange={(event) => updatePerson(person.key, 'dateOfBirth', event.target.value)}
              />
            </div>
            {values.people.length > 1 ? (
              <button
                type="button"
                className="button button--link"
                onClick={() => removePerson(index)}
              >
                {t('identity.removePerson', { number: index + 1 })}
              </button>
            ) : null}
          </fieldset>
        );
      })}
      {values.people.length < 20 ? (
        <p>
          <button type="button" className="button button--secondary" onClick={addPerson}>
            {t('identity.addPerson')}
          </button>
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={`${idPrefix}-address`}>{t('identity.address')}</label>
        <p className="field__hint" id={`${idPrefix}-address-hint`}>
          {t('identity.addressHint')}
        </p>
        <input
          id={`${idPrefix}-address`}
          autoComplete="off"
          maxLength={300}
          aria-describedby={`${idPrefix}-address-hint`}
          value={values.address}
          onChange={(event) => onChange({ ...values, address: event.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-notes`}>{t('identity.notes')}</label>
        <p className="field__hint" id={`${idPrefix}-notes-hint`}>
          {t('identity.notesHint')}
        </p>
        <textarea
          id={`${idPrefix}-notes`}
          maxLength={2000}
          rows={3}
          aria-describedby={`${idPrefix}-notes-hint`}
          value={values.notes}
          onChange={(event) => onChange({ ...values, notes: event.target.value })}
        />
      </div>
    </div>
  );
}

/** The frame that marks identifying information wherever it is entered or shown. */
export function ProtectedPanel({
  headingId,
  heading,
  children,
  level = 2,
}: {
  headingId: string;
  heading: string;
  children: ReactNode;
  level?: 2 | 3;
}) {
  const { t } = useTranslation('situations');
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section className="protected-info" aria-labelledby={headingId}>
      <p className="protected-info__badge" aria-hidden="true">
        {t('identity.badge')}
      </p>
      <Heading id={headingId} className="protected-info__heading" tabIndex={-1}>
        {heading}
      </Heading>
      {children}
    </section>
  );
}
