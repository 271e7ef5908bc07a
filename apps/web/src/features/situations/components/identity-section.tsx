/**
 * Identity on the situation page, only for a person the access policy lets see it. Nothing is
 * fetched until they ask: they are first told that the view is recorded in the audit log (with
 * their name, agency and the time) and may give a purpose. The answer is shown in a protected
 * panel and forgotten when hidden, when the stage changes or when the page is left. The
 * originating agency also enters and corrects it here.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../../components/form-fields';
import { ProblemAlert } from '../../../components/problem-alert';
import { useLanguage } from '../../../lib/use-language';
import { applySituationWrite } from '../api/apply-write';
import { useIdentityDisclosure } from '../api/get-identity';
import { ifMatchOf, type VersionedSituation } from '../api/get-situation';
import { updateIdentity } from '../api/update-identity';
import { formatDate, formatDateTime, localToday } from '../../../lib/format';
import {
  emptyIdentity,
  hasIdentityErrors,
  identityErrorsOf,
  identityValuesOf,
  isIdentityBlank,
  toIdentity,
  type IdentityValues,
} from '../utils/identity-form';
import { IdentityFields, ProtectedPanel } from './identity-fields';
import { PossibleRepeats } from './possible-repeats';
import { WriteError } from './write-error';

type Phase = 'idle' | 'confirm' | 'shown' | 'editing';

type IdentitySectionProps = {
  versioned: VersionedSituation;
  canView: boolean;
  canEdit: boolean;
  onReload: () => void;
};

export function IdentitySection({ versioned, canView, canEdit, onReload }: IdentitySectionProps) {
  const { t } = useTranslation('situations');
  const language = useLanguage();
  const { situation } = versioned;
  const disclosure = useIdentityDisclosure(situation.id);
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<Phase>('idle');
  const [purpose, setPurpose] = useState('');
  const [editValues, setEditValues] = useState<IdentityValues>(emptyIdentity);
  const [editAttempt, setEditAttempt] = useState(0);
  const [saved, setSaved] = useState(false);
  const focusTarget = useRef<string | null>(null);

  const save = useMutation({
    mutationFn: (values: IdentityValues) =>
      updateIdentity(situation.id, toIdentity(values), ifMatchOf(versioned)),
    onSuccess: (answer) =>
      applySituationWrite(
        queryClient,
        { situationId: situation.id, tableId: situation.tableId },
        answer,
      ),
  });

  useEffect(() => {
    const id = focusTarget.current;
    if (!id) return;
    focusTarget.current = null;
    document.getElementById(id)?.focus();
  }, [phase]);

  const go = (next: Phase, focusId: string) => {
    focusTarget.current = focusId;
    setPhase(next);
  };

  const hide = () => {
    disclosure.reset();
    setPurpose('');
    go('idle', 'identity-start');
  };

  const show = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    try {
      await disclosure.mutateAsync(purpose);
      go('shown', 'identity-heading');
    } catch {
      // The error is shown from the mutation's state.
    }
  };

  const startEditing = () => {
    setEditValues(disclosure.data ? identityValuesOf(disclosure.data) : emptyIdentity());
    setEditAttempt(0);
    setSaved(false);
    save.reset();
    go('editing', 'identity-heading');
  };

  const today = localToday();
  const editErrors = identityErrorsOf(editValues, today);
  const submitEdit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setEditAttempt((count) => count + 1);
    if (hasIdentityErrors(editErrors) || isIdentityBlank(editValues)) return;
    try {
      await save.mutateAsync(editValues);
      // What was shown is now out of date: forget it rather than show the old version.
      disclosure.reset();
      setEditValues(emptyIdentity());
      setSaved(true);
      go('idle', 'identity-start');
    } catch {
      // Shown below from the mutation's state.
    }
  };

  const held = situation.identityStatus === 'held';
  const identity = disclosure.data;

  return (
    <ProtectedPanel headingId="identity-heading" heading={t('identity.heading')}>
      {saved ? (
        <div className="alert alert--success" role="status">
          <p>{t('identity.saved')}</p>
        </div>
      ) : null}

      {phase === 'idle' ? (
        <>
          <p>
            {held
              ? t('identity.held')
              : situation.identityStatus === 'destroyed'
                ? t('identity.destroyed')
                : t('identity.none')}
          </p>
          <div className="form__actions">
            {canView && held ? (
              <button
                type="button"
                id="identity-start"
                className="button button--secondary"
                onClick={() => go('confirm', 'identity-purpose')}
              >
                {t('identity.show')}
              </button>
            ) : null}
            {canEdit && !held && situation.identityStatus !== 'destroyed' ? (
              <button
                type="button"
                id={canView && held ? undefined : 'identity-start'}
                className="button button--secondary"
                onClick={startEditing}
              >
                {t('identity.add')}
              </button>
            ) : null}
          </div>
        </>
      ) : null}

      {phase === 'confirm' ? (
        <form className="form" onSubmit={show}>
          <div className="alert situations-alert--audit">
            <p>{t('identity.auditNotice')}</p>
          </div>
          <TextField
            id="identity-purpose"
            label={t('identity.purpose')}
            hint={t('identity.purposeHint')}
            value={purpose}
            onChange={setPurpose}
            autoComplete="off"
            maxLength={200}
          />
          {disclosure.isError ? <ProblemAlert error={disclosure.error} /> : null}
          <div className="form__actions">
            <button
              type="submit"
              className="button button--primary"
              disabled={disclosure.isPending}
            >
              {disclosure.isPending ? t('identity.showing') : t('identity.confirmShow')}
            </button>
            <button type="button" className="button button--link" onClick={hide}>
              {t('form.cancel')}
            </button>
          </div>
        </form>
      ) : null}

      {phase === 'shown' && identity ? (
        <div className="identity-view">
          <p className="field__hint">{t('identity.shownNotice')}</p>
          <ul className="identity-view__people">
            {identity.people.map((person, index) => (
              <li key={index}>
                <span className="identity-view__name">
                  {person.givenName} {person.familyName}
                </span>
                {person.dateOfBirth ? (
                  <span className="identity-view__dob">
                    {t('identity.bornOn', { date: formatDate(person.dateOfBirth, language) })}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
          <dl className="details">
            <dt>{t('identity.addressShown')}</dt>
            <dd>{identity.address ?? t('identity.notGiven')}</dd>
            {identity.notes ? (
              <>
                <dt>{t('identity.notes')}</dt>
                <dd className="identity-view__notes">{identity.notes}</dd>
              </>
            ) : null}
            <dt>{t('identity.updatedAt')}</dt>
            <dd>{formatDateTime(identity.updatedAt, language)}</dd>
          </dl>
          <PossibleRepeats repeats={identity.possibleRepeats} />
          <div className="form__actions">
            <button type="button" className="button button--secondary" onClick={hide}>
              {t('identity.hide')}
            </button>
            {canEdit ? (
              <button type="button" className="button button--link" onClick={startEditing}>
                {t('identity.edit')}
              </button>
            ) : null}
          </div>
        </div>
      ) : null}

      {phase === 'editing' ? (
        <form onSubmit={submitEdit} noValidate>
          <p>{t('identity.intro')}</p>
          {editAttempt > 0 && isIdentityBlank(editValues) ? (
            <p className="field__error" role="alert">
              {t('identity.errors.personRequired')}
            </p>
          ) : null}
          <IdentityFields
            idPrefix="identity-edit"
            values={editValues}
            onChange={setEditValues}
            errors={editAttempt > 0 ? editErrors : null}
          />
          <WriteError error={save.error} onReload={onReload} situation={situation} />
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={save.isPending}>
              {save.isPending ? t('form.saving') : t('identity.save')}
            </button>
            <button
              type="button"
              className="button button--link"
              onClick={() => {
                setEditValues(emptyIdentity());
                go(identity ? 'shown' : 'idle', identity ? 'identity-heading' : 'identity-start');
              }}
            >
              {t('form.cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </ProtectedPanel>
  );
}
