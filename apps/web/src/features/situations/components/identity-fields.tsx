/**
 * The identity of the people in a situation, entered apart from the de-identified facts and
 * marked as protected: it is stored encrypted, shown only to the agencies the Four Filter rules
 * allow at each stage, and every view of it is recorded in the audit log.
 */
import type { ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { DatePartsField } from '../../../components/date-parts-field';
import { TextAreaField, TextField } from '../../../components/form-fields';
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
};

export const personFieldId = (idPrefix: string, key: string, field: keyof PersonValues) =>
  `${idPrefix}-${key}-${field}`;

export function IdentityFields({ idPrefix, values, onChange, errors }: IdentityFieldsProps) {
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
        return (
          <fieldset key={person.key} className="identity-person">
            <legend>{t('identity.person', { number: index + 1 })}</legend>
            <div className="identity-person__names">
              <TextField
                id={fieldId('givenName')}
                label={t('identity.givenName')}
                error={personErrors.givenName ? t('identity.errors.givenName') : undefined}
                value={person.givenName}
                onChange={(value) => updatePerson(person.key, 'givenName', value)}
                autoComplete="off"
                maxLength={100}
              />
              <TextField
                id={fieldId('familyName')}
                label={t('identity.familyName')}
                error={personErrors.familyName ? t('identity.errors.familyName') : undefined}
                value={person.familyName}
                onChange={(value) => updatePerson(person.key, 'familyName', value)}
                autoComplete="off"
                maxLength={100}
              />
            </div>
            <DatePartsField
              id={fieldId('dateOfBirth')}
              legend={t('identity.dateOfBirth')}
              hint={t('identity.dateOfBirthHint')}
              error={
                personErrors.dateOfBirth
                  ? t(`identity.errors.dateOfBirth.${personErrors.dateOfBirth}`)
                  : undefined
              }
              value={person.dateOfBirth}
              onChange={(value) => updatePerson(person.key, 'dateOfBirth', value)}
            />
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
      <TextField
        id={`${idPrefix}-address`}
        label={t('identity.address')}
        hint={t('identity.addressHint')}
        value={values.address}
        onChange={(address) => onChange({ ...values, address })}
        autoComplete="off"
        maxLength={300}
      />
      <TextAreaField
        id={`${idPrefix}-notes`}
        label={t('identity.notes')}
        hint={t('identity.notesHint')}
        value={values.notes}
        onChange={(notes) => onChange({ ...values, notes })}
        maxLength={2000}
        rows={3}
      />
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
