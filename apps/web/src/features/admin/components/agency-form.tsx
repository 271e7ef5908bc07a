/** Adding an agency, or changing one's name and sector. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminAgency } from '@fourfold/shared/admin';
import { activeCodes } from '@fourfold/shared/taxonomy';
import { ProblemAlert } from '../../../components/problem-alert';
import { useTaxonomy } from '../api/get-taxonomy';
import { useSectorLabel } from '../hooks/use-sector-label';
import { apiFieldErrors, errorFor, type FieldError } from '../utils/field-errors';
import { ErrorSummary } from './error-summary';
import { SelectField, TextField } from './form-fields';

export type AgencyFormValues = { name: string; sector: string };

export function AgencyForm({
  agency,
  idPrefix,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  /** The agency being edited; none when adding. */
  agency?: AdminAgency;
  idPrefix: string;
  submitLabel: string;
  onSubmit: (values: AgencyFormValues) => Promise<void>;
  onCancel?: () => void;
}) {
  const { t } = useTranslation('admin');
  const taxonomy = useTaxonomy();
  const sectorLabel = useSectorLabel();
  const [name, setName] = useState(agency?.name ?? '');
  const [sector, setSector] = useState(agency?.sector ?? '');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const ids = { name: `${idPrefix}-name`, sector: `${idPrefix}-sector` };

  const sectors = taxonomy.data ? activeCodes(taxonomy.data, 'sector') : [];
  // An agency keeps a sector that was retired since; it stays selectable for that agency only.
  if (agency && !sectors.includes(agency.sector)) sectors.push(agency.sector);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: FieldError[] = [];
    if (name.trim().length < 2)
      found.push({ fieldId: ids.name, message: t('agencies.form.nameRequired') });
    if (!sector) found.push({ fieldId: ids.sector, message: t('agencies.form.sectorRequired') });
    setProblem(null);
    setErrors(found);
    if (found.length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      await onSubmit({ name: name.trim(), sector });
      if (!agency) {
        setName('');
        setSector('');
      }
    } catch (error) {
      const fieldErrors = apiFieldErrors(error, ids, (path, code) =>
        path === 'name' && code === 'CONFLICT'
          ? t('agencies.form.nameTaken')
          : t('form.invalid', {
              field: path === 'name' ? t('agencies.form.name') : t('agencies.form.sector'),
            }),
      );
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
      <TextField
        id={ids.name}
        label={t('agencies.form.name')}
        hint={t('agencies.form.nameHint')}
        value={name}
        onChange={setName}
        maxLength={200}
        required
        error={errorFor(errors, ids.name)}
      />
      <SelectField
        id={ids.sector}
        label={t('agencies.form.sector')}
        value={sector}
        onChange={setSector}
        emptyLabel={t('form.choose')}
        options={sectors.map((code) => ({ value: code, label: sectorLabel(code) }))}
        required
        error={errorFor(errors, ids.sector)}
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
