/** A situation table's settings: adding a table, or changing one. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MEETING_TIME_PATTERN,
  REFERENCE_PREFIX_PATTERN,
  type AdminTable,
} from '@fourfold/shared/admin';
import { ProblemAlert } from '../../../components/problem-alert';
import { useLanguage } from '../hooks/use-language';
import { apiFieldErrors, errorFor, type FieldError } from '../utils/field-errors';
import { weekdayName } from '../utils/format';
import { ErrorSummary } from './error-summary';
import { CheckboxField, SelectField, TextField } from './form-fields';

export type TableFormValues = {
  name: string;
  referencePrefix: string;
  municipality: string;
  meetingWeekday: number | null;
  meetingTime: string | null;
  requiresSecondFactor: boolean;
};

const FIELDS = [
  'name',
  'referencePrefix',
  'municipality',
  'meetingWeekday',
  'meetingTime',
] as const;

export function TableForm({
  table,
  idPrefix,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  table?: AdminTable;
  idPrefix: string;
  submitLabel: string;
  onSubmit: (values: TableFormValues) => Promise<void>;
  onCancel?: () => void;
}) {
  const { t } = useTranslation('admin');
  const language = useLanguage();
  const [name, setName] = useState(table?.name ?? '');
  const [prefix, setPrefix] = useState(table?.referencePrefix ?? '');
  const [municipality, setMunicipality] = useState(table?.municipality ?? '');
  const [weekday, setWeekday] = useState(table?.meetingWeekday ? String(table.meetingWeekday) : '');
  const [time, setTime] = useState(table?.meetingTime ?? '');
  const [secondFactor, setSecondFactor] = useState(table?.requiresSecondFactor ?? false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const ids = Object.fromEntries(FIELDS.map((f) => [f, `${idPrefix}-${f}`])) as Record<
    (typeof FIELDS)[number],
    string
  >;
  const labels: Record<string, string> = {
    name: t('tables.form.name'),
    referencePrefix: t('tables.form.prefix'),
    municipality: t('tables.form.municipality'),
    meetingWeekday: t('tables.form.weekday'),
    meetingTime: t('tables.form.time'),
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: FieldError[] = [];
    const cleanPrefix = prefix.trim().toUpperCase();
    if (name.trim().length < 2)
      found.push({ fieldId: ids.name, message: t('tables.form.nameRequired') });
    if (!REFERENCE_PREFIX_PATTERN.test(cleanPrefix)) {
      found.push({ fieldId: ids.referencePrefix, message: t('tables.form.prefixInvalid') });
    }
    if (!municipality.trim()) {
      found.push({ fieldId: ids.municipality, message: t('tables.form.municipalityRequired') });
    }
    if (time && !MEETING_TIME_PATTERN.test(time)) {
      found.push({ fieldId: ids.meetingTime, message: t('tables.form.timeInvalid') });
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
        name: name.trim(),
        referencePrefix: cleanPrefix,
        municipality: municipality.trim(),
        meetingWeekday: weekday ? Number(weekday) : null,
        meetingTime: time || null,
        requiresSecondFactor: secondFactor,
      });
    } catch (error) {
      const fieldErrors = apiFieldErrors(error, ids, (path, code) =>
        code === 'CONFLICT'
          ? t(path === 'referencePrefix' ? 'tables.form.prefixTaken' : 'tables.form.nameTaken')
          : t('form.invalid', { field: labels[path] ?? path }),
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
        label={labels.name!}
        value={name}
        onChange={setName}
        maxLength={200}
        required
        error={errorFor(errors, ids.name)}
      />
      <TextField
        id={ids.referencePrefix}
        label={labels.referencePrefix!}
        hint={t('tables.form.prefixHint')}
        value={prefix}
        onChange={(value) => setPrefix(value.toUpperCase())}
        maxLength={6}
        className="admin-input--short"
        required
        error={errorFor(errors, ids.referencePrefix)}
      />
      <TextField
        id={ids.municipality}
        label={labels.municipality!}
        value={municipality}
        onChange={setMunicipality}
        maxLength={200}
        required
        error={errorFor(errors, ids.municipality)}
      />
      <fieldset>
        <legend>{t('tables.form.meetings')}</legend>
        <SelectField
          id={ids.meetingWeekday}
          label={labels.meetingWeekday!}
          value={weekday}
          onChange={setWeekday}
          emptyLabel={t('tables.form.notSet')}
          optional
          options={[1, 2, 3, 4, 5, 6, 7].map((day) => ({
            value: String(day),
            label: weekdayName(day, language),
          }))}
          error={errorFor(errors, ids.meetingWeekday)}
        />
        <TextField
          id={ids.meetingTime}
          label={labels.meetingTime!}
          hint={t('tables.form.timeHint')}
          type="time"
          value={time}
          onChange={setTime}
          className="admin-input--short"
          optional
          error={errorFor(errors, ids.meetingTime)}
        />
      </fieldset>
      <CheckboxField
        id={`${idPrefix}-second-factor`}
        label={t('tables.form.secondFactor')}
        hint={t('tables.form.secondFactorHint')}
        checked={secondFactor}
        onChange={setSecondFactor}
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
