/**
 * Adding a user (e-mail, name, agency, administrator), or changing one. A changed e-mail address
 * is told to both the old and the new address, so the hint says so.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminUser } from '@fourfold/shared/admin';
import { CheckboxField, SelectField, TextField } from '../../../components/form-fields';
import { errorFor, type FieldError } from '../../../lib/field-errors';
import { useAgencies } from '../api/get-agencies';
import { useAdminForm } from '../hooks/use-admin-form';
import { AdminForm, type AdminFormProps } from './admin-form';

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
}: AdminFormProps<UserFormValues> & {
  user?: AdminUser;
  /** The administrator is editing themselves: they cannot remove their own administrator role. */
  isSelf?: boolean;
}) {
  const { t } = useTranslation('admin');
  const agencies = useAgencies();
  const [email, setEmail] = useState(user?.email ?? '');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [agency, setAgency] = useState(user ? (user.agency?.id ?? NO_AGENCY) : '');
  const [isAdministrator, setIsAdministrator] = useState(user?.isAdministrator ?? false);
  const form = useAdminForm();
  const ids = {
    email: `${idPrefix}-email`,
    displayName: `${idPrefix}-name`,
    agencyId: `${idPrefix}-agency`,
    isAdministrator: `${idPrefix}-administrator`,
  };

  const agencyOptions = (agencies.data ?? [])
    .filter((option) => option.active || option.id === user?.agency?.id)
    .map((option) => ({ value: option.id, label: option.name }));

  function submit() {
    const found: FieldError[] = [];
    if (!/^[^@\s]+@[^@\s]+$/.test(email.trim())) {
      found.push({ fieldId: ids.email, message: t('users.form.emailInvalid') });
    }
    if (!displayName.trim()) {
      found.push({ fieldId: ids.displayName, message: t('users.form.nameRequired') });
    }
    if (!agency) {
      found.push({ fieldId: ids.agencyId, message: t('users.form.agencyRequired') });
    } else if (agency === NO_AGENCY && !isAdministrator) {
      found.push({ fieldId: ids.agencyId, message: t('users.form.agencyOnlyAdmins') });
    } else if (agency !== NO_AGENCY && isAdministrator) {
      // Separation of duties: an administrator holds no agency and sits at no table.
      found.push({ fieldId: ids.agencyId, message: t('users.form.adminNoAgency') });
    }
    return form.submit({
      found,
      save: async () => {
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
      },
      fields: ids,
      message: (path, code) => {
        if (path === 'email') {
          return code === 'CONFLICT' ? t('users.form.emailTaken') : t('users.form.emailInvalid');
        }
        if (path === 'agencyId') return t('users.form.agencyRejected');
        if (path === 'isAdministrator') return t('users.form.memberNotAdmin');
        return t('form.invalid', { field: t('users.form.name') });
      },
    });
  }

  return (
    <AdminForm form={form} onSubmit={submit} submitLabel={submitLabel} onCancel={onCancel}>
      <TextField
        id={ids.email}
        label={t('users.form.email')}
        hint={user ? t('users.form.emailChangeHint') : t('users.form.emailHint')}
        type="email"
        value={email}
        onChange={setEmail}
        autoComplete="off"
        maxLength={254}
        required
        error={errorFor(form.errors, ids.email)}
      />
      <TextField
        id={ids.displayName}
        label={t('users.form.name')}
        value={displayName}
        onChange={setDisplayName}
        autoComplete="off"
        maxLength={200}
        required
        error={errorFor(form.errors, ids.displayName)}
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
        error={errorFor(form.errors, ids.agencyId)}
      />
      <CheckboxField
        id={ids.isAdministrator}
        label={t('users.form.administrator')}
        hint={isSelf ? t('users.form.administratorSelf') : t('users.form.administratorHint')}
        checked={isAdministrator}
        onChange={setIsAdministrator}
        disabled={isSelf}
      />
    </AdminForm>
  );
}
