/** Adding a user (e-mail, name, agency, administrator), or changing one (all but the e-mail). */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminUser } from '@fourfold/shared/admin';
import { ProblemAlert } from '../../../components/problem-alert';
import { useAgencies } from '../api/get-agencies';
import { apiFieldErrors, errorFor, type FieldError } from '../utils/field-errors';
import { ErrorSummary } from './error-summary';
import { CheckboxField, SelectField, TextField } from './form-fields';

/** The agency picker's value for "no agency", which only an administrator may have. */
const NO_AGENCY = 'none';

export type UserFormValues = {
  email: string;
  displayName: string;
  agencyId: string | null;
  isAdministrator: boolean;
};

export function UserForm({
  user,
  isSelf = false,
  idPrefix,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  user?: AdminUser;
  /** The administrator is editing themselves: they cannot remove their own administrator role. */
  isSelf?: boolean;
  idPrefix: string;
  submitLabel: string;
  onSubmit: (values: UserFormValues) => Promise<void>;
  onCancel?: () => void;
}) {
  const { t } = useTranslation('admin');
  const agencies = useAgencies();
  const [email, setEmail] = useState(user?.email ?? '');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [agency, setAgency] = useState(user ? (user.agency?.id ?? NO_AGENCY) : '');
  const [isAdministrator, setIsAdministrator] = useState(user?.isAdministrator ?? false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const ids = {
    email: `${idPrefix}-email`,
    displayName: `${idPrefix}-name`,
    agencyId: `${idPrefix}-agency`,
    isAdministrator: `${idPrefix}-administrator`,
  };

  const agencyOptions = (agencies.data ?? [])
    .filter((option) => option.active || option.id === user?.agency?.id)
    .map((option) => ({ value: option.id, label: option.name }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: FieldError[] = [];
    if (!user && !/^[^@\s]+@[^@\s]+$/.test(email.trim())) {
      found.push({ fieldId: ids.email, message: t('users.form.emailInvalid') });
    }
    if (!displayName.trim()) {
      found.push({ fieldId: ids.displayName, message: t('users.form.nameRequired') });
    }
    if (!agency) {
      found.push({ fieldId: ids.agencyId, message: t('users.form.agencyRequired') });
    } else if (agency === NO_AGENCY && !isAdministrator) {
      found.push({ fieldId: ids.agencyId, message: t('users.form.agencyOnlyAdmins') });
    }
    setProblem(null);
    setErrors(found);
    if (found.length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      await onSubmit({
        email: email.trim(),
        displayName: displayName.trim(),
        agencyId: agency === NO_AGENCY ? null : agency,
        isAdministrator,
      });
      if (!user) {
        setEmail('');
        setDisplayName('');
        setAgency('');
        setIsAdministrator(false);
      }
    } catch (error) {
      const fieldErrors = apiFieldErrors(error, ids, (path, code) => {
        if (path === 'email') {
          return code === 'CONFLICT' ? t('users.form.emailTaken') : t('users.form.emailInvalid');
        }
        if (path === 'agencyId') return t('users.form.agencyRejected');
        return t('form.invalid', { field: t('users.form.name') });
      });
      setErrors(fieldErrors);
      if (fieldErrors.length > 0) setAttempt((n) => n + 1);
      else setProblem(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} attempt={attempt} />
      {problem ? <ProblemAlert error={problem} /> : null}
      {user ? null : (
        <TextField
          id={ids.email}
          label={t('users.form.email')}
          hint={t('users.form.emailHint')}
          type="email"
          value={email}
          onChange={setEmail}
          maxLength={254}
          required
          error={errorFor(errors, ids.email)}
        />
      )}
      <TextField
        id={ids.displayName}
        label={t('users.form.name')}
        value={displayName}
        onChange={setDisplayName}
        maxLength={200}
        required
        error={errorFor(errors, ids.displayName)}
      />
      <SelectField
        id={ids.agencyId}
        label={t('users.form.agency')}
        hint={user ? t('users.form.agencyChangeHint') : undefined}
        value={agency}
        onChange={setAgency}
        emptyLabel={t('form.choose')}
        options={[...agencyOptions, { value: NO_AGENCY, label: t('users.form.noAgency') }]}
        required
        error={errorFor(errors, ids.agencyId)}
      />
      <CheckboxField
        id={ids.isAdministrator}
        label={t('users.form.administrator')}
        hint={isSelf ? t('users.form.administratorSelf') : t('users.form.administratorHint')}
        checked={isAdministrator}
        onChange={setIsAdministrator}
        disabled={isSelf}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('form.working') : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('form.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
