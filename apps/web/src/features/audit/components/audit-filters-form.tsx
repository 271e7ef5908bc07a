/**
 * The audit log's search form: native controls, each with a label (and a hint where the value is
 * not obvious), checked on submission with an error summary above the form. The parent keys it
 * on the address, so a search started elsewhere (a name selected in the results) refills it.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { auditDataCategories, auditOutcomes } from '@fourfold/shared/audit';
import { useSession } from '../../auth/use-session';
import { actionGroups, type ActionGroup } from '../lib/actions';
import {
  emptyFilters,
  validateFilters,
  type AuditFilterForm,
  type FilterError,
  type FilterField,
} from '../lib/filters';
import { ErrorSummary } from './error-summary';
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
  const errorOf = (field: FilterField) => errors.find((error) => error.field === field);

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

  const describedBy = (field: FilterField, hint: boolean) =>
    [hint ? `${fieldId(field)}-hint` : '', errorOf(field) ? `${fieldId(field)}-error` : '']
      .filter(Boolean)
      .join(' ') || undefined;

  const textField = (field: 'situationId' | 'userId' | 'agencyId', hint: string) => {
    const error = errorOf(field);
    return (
      <div className={`field${error ? ' field--invalid' : ''}`}>
        <label htmlFor={fieldId(field)}>{fieldLabel[field]}</label>
        <p className="field__hint" id={`${fieldId(field)}-hint`}>
          {hint}
        </p>
        {error ? (
          <p className="field__error" id={`${fieldId(field)}-error`}>
            {message(error)}
          </p>
        ) : null}
        <input
          id={fieldId(field)}
          name={field}
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={form[field]}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(field, true)}
          onChange={(event) => update(field)(event.target.value)}
        />
      </div>
    );
  };

  const dateField = (field: 'fromDate' | 'toDate') => {
    const error = errorOf(field);
    return (
      <div className={`field${error ? ' field--invalid' : ''}`}>
        <label htmlFor={fieldId(field)}>{fieldLabel[field]}</label>
        {error ? (
          <p className="field__error" id={`${fieldId(field)}-error`}>
            {message(error)}
          </p>
        ) : null}
        <input
          id={fieldId(field)}
          name={field}
          type="date"
          value={form[field]}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(field, false)}
          onChange={(event) => update(field)(event.target.value)}
        />
      </div>
    );
  };

  return (
    <section aria-labelledby="audit-filters-heading" className="audit-no-print">
      <h2 id="audit-filters-heading">{t('log.filtersHeading')}</h2>
      <ErrorSummary
        items={errors.map((error) => ({ fieldId: fieldId(error.field), message: message(error) }))}
        focusKey={submissions}
      />
      <form className="audit-filters" onSubmit={submit} noValidate>
        <div className="audit-filters__grid">
          <div className="field">
            <label htmlFor={fieldId('tableId')}>{fieldLabel.tableId}</label>
            <select
              id={fieldId('tableId')}
              name="tableId"
              value={form.tableId}
              onChange={(event) => update('tableId')(event.target.value)}
            >
              <option value="">{t('log.allTables')}</option>
              {officerTables.map((membership) => (
                <option key={membership.table.id} value={membership.table.id}>
                  {membership.table.name}
                </option>
              ))}
            </select>
          </div>
          {textField('situationId', t('log.situationIdHint'))}
          {textField('userId', t('log.userIdHint'))}
          {textField('agencyId', t('log.agencyIdHint'))}
          <div className="field">
            <label htmlFor={fieldId('action')}>{fieldLabel.action}</label>
            <select
              id={fieldId('action')}
              name="action"
              value={form.action}
              onChange={(event) => update('action')(event.target.value)}
            >
              <option value="">{t('log.anyAction')}</option>
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
            </select>
          </div>
          <div className="field">
            <label htmlFor={fieldId('outcome')}>{fieldLabel.outcome}</label>
            <select
              id={fieldId('outcome')}
              name="outcome"
              value={form.outcome}
              onChange={(event) => update('outcome')(event.target.value)}
            >
              <option value="">{t('log.anyOutcome')}</option>
              {auditOutcomes.map((outcome) => (
                <option key={outcome} value={outcome}>
                  {labels.outcome(outcome)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={fieldId('dataCategory')}>{fieldLabel.dataCategory}</label>
            <select
              id={fieldId('dataCategory')}
              name="dataCategory"
              value={form.dataCategory}
              onChange={(event) => update('dataCategory')(event.target.value)}
            >
              <option value="">{t('log.anyCategory')}</option>
              {auditDataCategories.map((category) => (
                <option key={category} value={category}>
                  {labels.category(category)}
                </option>
              ))}
            </select>
          </div>
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
