/**
 * The search and filters above a table's situation list: a reference (all or part of it), then,
 * behind a disclosure that opens by itself when any is in use, the agencies, overdue first
 * contacts only, the creation days and the sort. Applied on a button (Enter in the search field
 * too), so that the list does not move while someone is still choosing; the parent writes the
 * result into the page address and keys this form on it, so back and forward refill it.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SITUATION_SEARCH_MAX_LENGTH, situationSortKeys } from '@fourfold/shared/situations';
import { DatePartsField } from '../../../components/date-parts-field';
import { ErrorSummary } from '../../../components/error-summary';
import { CheckboxField, SelectField, TextField } from '../../../components/form-fields';
import { errorFor, type FieldError } from '../../../lib/field-errors';
import {
  emptyListFilters,
  isFiltered,
  moreFiltersInUse,
  validateListFilters,
  type SituationListFilters,
} from '../utils/list-filters';

type Agency = { id: string; name: string };

type SituationListFiltersFormProps = {
  initial: SituationListFilters;
  /** The table's member agencies: the choices for originating and lead agency. */
  agencies: readonly Agency[];
  onApply: (filters: SituationListFilters) => void;
  /** Back to the whole list: the stage too. */
  onClear: () => void;
};

const fieldId = (field: string) => `situation-filter-${field}`;

export function SituationListFiltersForm({
  initial,
  agencies,
  onApply,
  onClear,
}: SituationListFiltersFormProps) {
  const { t } = useTranslation('situations');
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const inUse = moreFiltersInUse(initial);

  const set =
    <K extends keyof SituationListFilters>(field: K) =>
    (value: SituationListFilters[K]) =>
      setForm((current) => ({ ...current, [field]: value }));

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: FieldError[] = validateListFilters(form).map((error) => ({
      fieldId: fieldId(error.field),
      message: t(`list.validation.${error.problem}`),
    }));
    setErrors(found);
    if (found.length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    onApply(form);
  }

  function clear() {
    setForm(emptyListFilters);
    setErrors([]);
    onClear();
  }

  const agencyOptions = agencies.map((agency) => ({ value: agency.id, label: agency.name }));

  return (
    <form
      className="situation-list-filters"
      onSubmit={apply}
      noValidate
      aria-label={t('list.formLabel')}
    >
      <ErrorSummary errors={errors} attempt={attempt} />
      <div className="situation-list-filters__search">
        <TextField
          id={fieldId('q')}
          name="q"
          label={t('list.q')}
          hint={t('list.qHint')}
          value={form.q}
          onChange={set('q')}
          maxLength={SITUATION_SEARCH_MAX_LENGTH}
          autoComplete="off"
          spellCheck={false}
          type="text"
          enterKeyHint="search"
        />
      </div>
      <details className="situation-list-filters__more" open={inUse > 0 || errors.length > 0}>
        <summary>
          {t('list.more')}
          {inUse > 0 ? ` (${t('list.inUse', { count: inUse })})` : null}
        </summary>
        <div className="situation-list-filters__grid">
          <SelectField
            id={fieldId('originatingAgencyId')}
            name="originatingAgencyId"
            label={t('agencies.originating')}
            value={form.originatingAgencyId}
            onChange={set('originatingAgencyId')}
            emptyLabel={t('list.anyAgency')}
            options={agencyOptions}
          />
          <SelectField
            id={fieldId('leadAgencyId')}
            name="leadAgencyId"
            label={t('agencies.lead')}
            value={form.leadAgencyId}
            onChange={set('leadAgencyId')}
            emptyLabel={t('list.anyAgency')}
            options={agencyOptions}
          />
          <DatePartsField
            id={fieldId('createdFrom')}
            legend={t('list.createdFrom')}
            value={form.createdFrom}
            onChange={set('createdFrom')}
            error={errorFor(errors, fieldId('createdFrom'))}
          />
          <DatePartsField
            id={fieldId('createdTo')}
            legend={t('list.createdTo')}
            value={form.createdTo}
            onChange={set('createdTo')}
            error={errorFor(errors, fieldId('createdTo'))}
          />
          <SelectField
            id={fieldId('sort')}
            name="sort"
            label={t('list.sort')}
            value={form.sort}
            onChange={(value) => set('sort')(value as SituationListFilters['sort'])}
            options={situationSortKeys.map((key) => ({
              value: key,
              label: t(`list.sorts.${key}`),
            }))}
          />
          <SelectField
            id={fieldId('order')}
            name="order"
            label={t('list.order')}
            value={form.order}
            onChange={(value) => set('order')(value === 'asc' ? 'asc' : 'desc')}
            options={[
              { value: 'desc', label: t('list.orders.desc') },
              { value: 'asc', label: t('list.orders.asc') },
            ]}
          />
        </div>
        <CheckboxField
          id={fieldId('overdue')}
          label={t('list.overdue')}
          hint={t('list.overdueHint')}
          checked={form.overdue}
          onChange={set('overdue')}
        />
      </details>
      <div className="form__actions">
        <button type="submit" className="button button--primary">
          {t('list.apply')}
        </button>
        {isFiltered(initial) || isFiltered(form) ? (
          <button type="button" className="button button--secondary" onClick={clear}>
            {t('list.clear')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
