/** Adding an agency, or changing one's name and sector. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminAgency } from '@fourfold/shared/admin';
import { activeCodes } from '@fourfold/shared/taxonomy';
import { SelectField, TextField } from '../../../components/form-fields';
import { errorFor, type FieldError } from '../../../lib/field-errors';
import { useCodeLabels } from '../../taxonomy/hooks/use-code-labels';
import { useAdminForm } from '../hooks/use-admin-form';
import { AdminForm, type AdminFormProps } from './admin-form';

export type AgencyFormValues = { name: string; sector: string };

export function AgencyForm({
  agency,
  idPrefix,
  submitLabel,
  onSubmit,
  onCancel,
}: AdminFormProps<AgencyFormValues> & {
  /** The agency being edited; none when adding. */
  agency?: AdminAgency;
}) {
  const { t } = useTranslation('admin');
  const { label: codeLabel, taxonomy } = useCodeLabels();
  const [name, setName] = useState(agency?.name ?? '');
  const [sector, setSector] = useState(agency?.sector ?? '');
  const form = useAdminForm();
  const ids = { name: `${idPrefix}-name`, sector: `${idPrefix}-sector` };

  const sectors = taxonomy.data ? activeCodes(taxonomy.data, 'sector') : [];
  // An agency keeps a sector that was retired since; it stays selectable for that agency only.
  if (agency && !sectors.includes(agency.sector)) sectors.push(agency.sector);

  function submit() {
    const found: FieldError[] = [];
    if (name.trim().length < 2)
      found.push({ fieldId: ids.name, message: t('agencies.form.nameRequired') });
    if (!sector) found.push({ fieldId: ids.sector, message: t('agencies.form.sectorRequired') });
    return form.submit({
      found,
      save: async () => {
        await onSubmit({ name: name.trim(), sector });
        if (!agency) {
          setName('');
          setSector('');
        }
      },
      fields: ids,
      message: (path, code) =>
        path === 'name' && code === 'CONFLICT'
          ? t('agencies.form.nameTaken')
          : t('form.invalid', {
              field: path === 'name' ? t('agencies.form.name') : t('agencies.form.sector'),
            }),
    });
  }

  return (
    <AdminForm form={form} onSubmit={submit} submitLabel={submitLabel} onCancel={onCancel}>
      <TextField
        id={ids.name}
        label={t('agencies.form.name')}
        hint={t('agencies.form.nameHint')}
        value={name}
        onChange={setName}
        autoComplete="off"
        maxLength={200}
        required
        error={errorFor(form.errors, ids.name)}
      />
      <SelectField
        id={ids.sector}
        label={t('agencies.form.sector')}
        value={sector}
        onChange={setSector}
        emptyLabel={t('form.choose')}
        options={sectors.map((code) => ({ value: code, label: codeLabel('sector', code) }))}
        required
        error={errorFor(form.errors, ids.sector)}
      />
    </AdminForm>
  );
}
