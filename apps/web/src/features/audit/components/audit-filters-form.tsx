/**
 * The audit log's search form: native controls, each with a label (and a hint where the value is
 * not obvious), checked on submission with an error summary above the form. The parent keys it
 * on the address, so a search started elsewhere (a name selected in the results) refills it.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { auditDataCategories, auditOutcomes } from '@fourfold/shared/audit';
import { DatePartsField } from '../../../components/date-parts-field';
import { ErrorSummary } from '../../../components/error-summary';
import { SelectField, TextField } from '../../../components/form-fields';
import { errorFor, type FieldError } from '../../../lib/field-errors';
import { useSession } from '../../auth/use-session';
import { actionGroups, type ActionGroup } from '../lib/actions';
import {
  emptyFilters,
  validateFilters,
  type AuditFilterForm,
  type FilterError,
  type FilterField,
} from '../lib/filters';
import { useAuditLabels } from './use-audit-labels';

const fieldId = (field: FilterField) => `audit-filter-${field}`;

type AuditFiltersFormProps = {
  initial: AuditFilterForm;
  onSearch: (filters: AuditFilterForm) => void;
};

export function AuditFiltersForm({ initial, onSearch }: AuditFiltersFormProps) {
  const { t } = useTranslation('audit');
  const labels = useAuditLabels();
  const { me } = useSession();
  const officerTables = me.memberships.filter((m) => m.role === 'privacy_officer');
  const [form, setForm] = useState<AuditFilterForm>(initial);
  const [errors, setErrors] = useState<FilterError[]>(() => validateFilters(initial));
  const [submissions, setSubmissions] = useState(0);

  const fieldLabel: Record<FilterField, string> = {
    tableId: t('log.table'),
    situationId: t('log.situationId'),
    userId: t('log.userId'),
    agencyId: t('log.agencyId'),
    action: t('log.action'),
    outcome: t('log.outcome'),
    dataCategory: t('log.dataCategory'),
    fromDate: t('log.from'),
    toDate: t('log.to'),
  };
  const message = (error: FilterError) =>
    error.problem === 'dateOrder'
      ? t('validation.dateOrder')
      : t(`validation.${error.problem}`, { field: fieldLabel[error.field] });
  const fieldErrors: FieldError[] = errors.map((error) => ({
    fieldId: fieldId(error.field),
    message: message(error),
  }));

  const update = (field: FilterField) => (value: string) =>
    setForm((current) => ({ ...current, [field]: value }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = validateFilters(form);
    setErrors(found);
    if (found.length > 0) {
      setSubmissions((n) => n + 1);
      return;
    }
    onSearch(form);
  }

  function clear() {
    setForm(emptyFilters);
    setErrors([]);
    onSearch(emptyFilters);
  }

  // Identifiers are pasted, not typed: a spelling check or the browser's suggestions only get in
  // the way.
  const textField = (field: 'situationId' | 'userId' | 'agencyId', hint: string) => (
    <TextField
      id={fieldId(field)}
      name={field}
      label={fieldLabel[field]}
      hint={hint}
      error={errorFor(fieldErrors, fieldId(field))}
      value={form[field]}
      onChange={update(field)}
      autoComplete="off"
      spellCheck={false}
    />
  );

  const dateField = (field: 'fromDate' | 'toDate') => (
    <DatePartsField
      id={fieldId(field)}
      legend={fieldLabel[field]}
      error={errorFor(fieldErrors, fieldId(field))}
      value={form[field]}
      onChange={update(field)}
    />
  );

  return (
    <section aria-labelledby="audit-filters-heading" className="audit-no-print">
      <h2 id="audit-filters-heading">{t('log.filtersHeading')}</h2>
      <ErrorSummary errors={fieldErrors} attempt={submissions} />
      <form className="audit-filters" onSubmit={submit} noValidate>
        <div className="audit-filters__grid">
          <SelectField
            id={fieldId('tableId')}
            name="tableId"
            label={fieldLabel.tableId}
            value={form.tableId}
            onChange={update('tableId')}
            emptyLabel={t('log.allTables')}
            options={officerTables.map((membership) => ({
              value: membership.table.id,
              label: membership.table.name,
            }))}
          />
          {textField('situationId', t('log.situationIdHint'))}
          {textField('userId', t('log.userIdHint'))}
          {textField('agencyId', t('log.agencyIdHint'))}
          <SelectField
            id={fieldId('action')}
            name="action"
            label={fieldLabel.action}
            value={form.action}
            onChange={update('action')}
            emptyLabel={t('log.anyAction')}
          >
            {form.action && !labels.action(form.action) ? (
              <option value={form.action}>{form.action}</option>
            ) : null}
            {(Object.keys(actionGroups) as ActionGroup[]).map((group) => (
              <optgroup key={group} label={t(`actionGroups.${group}`)}>
                {actionGroups[group].map((code) => (
                  <option key={code} value={code}>
                    {labels.action(code)}
                  </option>
                ))}
              </optgroup>
            ))}
          </SelectField>
          <SelectField
            id={fieldId('outcome')}
            name="outcome"
            label={fieldLabel.outcome}
            value={form.outcome}
            onChange={update('outcome')}
            emptyLabel={t('log.anyOutcome')}
            options={auditOutcomes.map((outcome) => ({
              value: outcome,
              label: labels.outcome(outcome),
            }))}
          />
          <SelectField
            id={fieldId('dataCategory')}
            name="dataCategory"
            label={fieldLabel.dataCategory}
            value={form.dataCategory}
            onChange={update('dataCategory')}
            emptyLabel={t('log.anyCategory')}
            options={auditDataCategories.map((category) => ({
              value: category,
              label: labels.category(category),
            }))}
          />
        </div>
        <fieldset className="audit-filters__dates">
          <legend>{t('log.dateRange')}</legend>
          {dateField('fromDate')}
          {dateField('toDate')}
        </fieldset>
        <div className="form__actions">
          <button type="submit" className="button button--primary">
            {t('log.search')}
          </button>
          <button type="button" className="button button--secondary" onClick={clear}>
            {t('log.clear')}
          </button>
        </div>
      </form>
    </section>
  );
}
