/** A situation table's settings: adding a table, or changing one. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CANADIAN_TIME_ZONES,
  DEFAULT_TIME_ZONE,
  FIRST_CONTACT_HOURS_RANGE,
  MEETING_TIME_PATTERN,
  MIN_RISK_FACTORS_RANGE,
  REFERENCE_PREFIX_PATTERN,
  type AdminTable,
} from '@fourfold/shared/admin';
import { CheckboxField, SelectField, TextField } from '../../../components/form-fields';
import { errorFor, type FieldError } from '../../../lib/field-errors';
import { useLanguage } from '../../../lib/use-language';
import { useAdminForm } from '../hooks/use-admin-form';
import { weekdayName } from '../../../lib/format';
import { AdminForm, type AdminFormProps } from './admin-form';

export type TableFormValues = {
  name: string;
  referencePrefix: string;
  municipality: string;
  meetingWeekday: number | null;
  meetingTime: string | null;
  requiresSecondFactor: boolean;
  minRiskFactors: number;
  timeZone: string;
  firstContactHours: number;
};

const FIELDS = [
  'name',
  'referencePrefix',
  'municipality',
  'meetingWeekday',
  'meetingTime',
  'timeZone',
  'minRiskFactors',
  'firstContactHours',
] as const;

export function TableForm({
  table,
  idPrefix,
  submitLabel,
  onSubmit,
  onCancel,
}: AdminFormProps<TableFormValues> & {
  table?: AdminTable;
}) {
  const { t } = useTranslation('admin');
  const language = useLanguage();
  const [name, setName] = useState(table?.name ?? '');
  const [prefix, setPrefix] = useState(table?.referencePrefix ?? '');
  const [municipality, setMunicipality] = useState(table?.municipality ?? '');
  const [weekday, setWeekday] = useState(table?.meetingWeekday ? String(table.meetingWeekday) : '');
  const [time, setTime] = useState(table?.meetingTime ?? '');
  const [secondFactor, setSecondFactor] = useState(table?.requiresSecondFactor ?? false);
  const [minRiskFactors, setMinRiskFactors] = useState(
    String(table?.minRiskFactors ?? MIN_RISK_FACTORS_RANGE.default),
  );
  const [timeZone, setTimeZone] = useState(table?.timeZone ?? DEFAULT_TIME_ZONE);
  const [firstContactHours, setFirstContactHours] = useState(
    String(table?.firstContactHours ?? FIRST_CONTACT_HOURS_RANGE.default),
  );
  // A table set up with another zone keeps it on offer.
  const zones: string[] = [...CANADIAN_TIME_ZONES];
  if (!zones.includes(timeZone)) zones.push(timeZone);
  const form = useAdminForm();
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
    minRiskFactors: t('tables.form.minRiskFactors'),
    timeZone: t('tables.form.timeZone'),
    firstContactHours: t('tables.form.firstContactHours'),
  };

  function submit() {
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
    return form.submit({
      found,
      save: () =>
        onSubmit({
          name: name.trim(),
          referencePrefix: cleanPrefix,
          municipality: municipality.trim(),
          meetingWeekday: weekday ? Number(weekday) : null,
          meetingTime: time || null,
          requiresSecondFactor: secondFactor,
          minRiskFactors: Number(minRiskFactors),
          timeZone,
          firstContactHours: Number(firstContactHours),
        }),
      fields: ids,
      message: (path, code) =>
        code === 'CONFLICT'
          ? t(path === 'referencePrefix' ? 'tables.form.prefixTaken' : 'tables.form.nameTaken')
          : t('form.invalid', { field: labels[path] ?? path }),
    });
  }

  return (
    <AdminForm form={form} onSubmit={submit} submitLabel={submitLabel} onCancel={onCancel}>
      <TextField
        id={ids.name}
        label={labels.name!}
        value={name}
        onChange={setName}
        autoComplete="off"
        maxLength={200}
        required
        error={errorFor(form.errors, ids.name)}
      />
      <TextField
        id={ids.referencePrefix}
        label={labels.referencePrefix!}
        hint={t('tables.form.prefixHint')}
        value={prefix}
        onChange={(value) => setPrefix(value.toUpperCase())}
        autoComplete="off"
        maxLength={6}
        className="admin-input--short"
        required
        error={errorFor(form.errors, ids.referencePrefix)}
      />
      <TextField
        id={ids.municipality}
        label={labels.municipality!}
        value={municipality}
        onChange={setMunicipality}
        autoComplete="off"
        maxLength={200}
        required
        error={errorFor(form.errors, ids.municipality)}
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
          error={errorFor(form.errors, ids.meetingWeekday)}
        />
        <TextField
          id={ids.meetingTime}
          label={labels.meetingTime!}
          hint={t('tables.form.timeHint')}
          type="time"
          value={time}
          onChange={setTime}
          autoComplete="off"
          className="admin-input--short"
          optional
          error={errorFor(form.errors, ids.meetingTime)}
        />
        <SelectField
          id={ids.timeZone}
          label={labels.timeZone!}
          hint={t('tables.form.timeZoneHint')}
          value={timeZone}
          onChange={setTimeZone}
          options={zones.map((zone) => ({ value: zone, label: zone.replace('_', ' ') }))}
          required
          error={errorFor(form.errors, ids.timeZone)}
        />
      </fieldset>
      <SelectField
        id={ids.firstContactHours}
        label={labels.firstContactHours!}
        hint={t('tables.form.firstContactHoursHint')}
        value={firstContactHours}
        onChange={setFirstContactHours}
        options={[12, 24, 36, 48, 72, 96, 120, 168]
          .concat(
            [Number(firstContactHours)].filter(
              (hours) => ![12, 24, 36, 48, 72, 96, 120, 168].includes(hours),
            ),
          )
          .sort((a, b) => a - b)
          .map((hours) => ({
            value: String(hours),
            label: t('tables.form.hours', { count: hours }),
          }))}
        required
        error={errorFor(form.errors, ids.firstContactHours)}
      />
      <SelectField
        id={ids.minRiskFactors}
        label={labels.minRiskFactors!}
        hint={t('tables.form.minRiskFactorsHint')}
        value={minRiskFactors}
        onChange={setMinRiskFactors}
        options={Array.from(
          { length: MIN_RISK_FACTORS_RANGE.max - MIN_RISK_FACTORS_RANGE.min + 1 },
          (_, index) => String(MIN_RISK_FACTORS_RANGE.min + index),
        ).map((value) => ({ value, label: value }))}
        required
        error={errorFor(form.errors, ids.minRiskFactors)}
      />
      <CheckboxField
        id={`${idPrefix}-second-factor`}
        label={t('tables.form.secondFactor')}
        hint={t('tables.form.secondFactorHint')}
        checked={secondFactor}
        onChange={setSecondFactor}
      />
    </AdminForm>
  );
}
