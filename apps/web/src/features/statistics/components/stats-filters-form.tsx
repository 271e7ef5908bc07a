/**
 * The dashboard's choices: which tables, from which month to which, by month or by quarter. The
 * months are two selects each (year, month) with labels in the page's language: the browser's
 * own month input is not translated in every browser. "Show" puts the choices in the address;
 * the page reads them from there.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { statsIntervals, type StatsInterval } from '@fourfold/shared/statistics';
import { ErrorSummary } from '../../../components/error-summary';
import { SelectField } from '../../../components/form-fields';
import type { FieldError } from '../../../lib/field-errors';
import { splitYearMonth, validateFilters, yearMonth, type StatsFilters } from '../lib/filters';
import { useStatsFormat } from '../lib/format';
import type { ReadableTable } from '../lib/readable-tables';

/** How many years back the selects offer (the API allows ten years in one view). */
const YEARS_BACK = 10;

export function StatsFiltersForm({
  initial,
  tables,
  onSubmit,
}: {
  initial: StatsFilters;
  tables: readonly ReadableTable[];
  onSubmit: (filters: StatsFilters) => void;
}) {
  const { t } = useTranslation('statistics');
  const format = useStatsFormat();
  const id = useId();
  const [chosen, setChosen] = useState<string[]>(
    initial.tableIds.length === 0 ? tables.map((table) => table.id) : initial.tableIds,
  );
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const [interval, setStep] = useState<StatsInterval>(initial.interval);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);

  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: YEARS_BACK + 1 }, (_, i) => String(thisYear - i));
  const months = Array.from({ length: 12 }, (_, i) => ({
    value: String(i + 1),
    label: format.monthName(i + 1),
  }));
  const ids = {
    tables: `${id}-tables`,
    fromMonth: `${id}-from-month`,
    fromYear: `${id}-from-year`,
    toMonth: `${id}-to-month`,
    toYear: `${id}-to-year`,
    interval: `${id}-interval`,
  };
  const errorOf = (field: 'tables' | 'from' | 'to') =>
    errors.find((error) =>
      field === 'tables'
        ? error.fieldId.startsWith(ids.tables)
        : error.fieldId === (field === 'from' ? ids.fromMonth : ids.toMonth),
    )?.message;

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: StatsFilters = {
      tableIds: chosen.length === tables.length ? [] : chosen,
      from,
      to,
      interval,
    };
    const problems = validateFilters(next, chosen.length > 0).map((problem) => ({
      fieldId:
        problem.field === 'tables'
          ? `${ids.tables}-0`
          : problem.field === 'from'
            ? ids.fromMonth
            : ids.toMonth,
      message: t(`filters.problems.${problem.problem}`),
    }));
    setErrors(problems);
    if (problems.length > 0) {
      setAttempt((count) => count + 1);
      return;
    }
    onSubmit(next);
  }

  function monthPicker(which: 'from' | 'to', value: string, set: (value: string) => void) {
    const { year, month } = splitYearMonth(value);
    const error = errorOf(which);
    return (
      <fieldset className="stats-filters__month">
        <legend>{t(`filters.${which}`)}</legend>
        <div className="stats-filters__pair">
          <SelectField
            id={which === 'from' ? ids.fromMonth : ids.toMonth}
            label={t('filters.month')}
            value={String(month)}
            error={error}
            options={months}
            onChange={(next) => set(yearMonth(year, Number(next)))}
          />
          <SelectField
            id={which === 'from' ? ids.fromYear : ids.toYear}
            label={t('filters.year')}
            value={String(year)}
            options={(years.includes(String(year)) ? years : [String(year), ...years]).map((y) => ({
              value: y,
              label: y,
            }))}
            onChange={(next) => set(yearMonth(Number(next), month))}
          />
        </div>
      </fieldset>
    );
  }

  const tablesError = errorOf('tables');
  return (
    <form className="stats-filters" onSubmit={submit} noValidate aria-label={t('filters.label')}>
      <ErrorSummary errors={errors} attempt={attempt} />
      <fieldset
        className="stats-filters__tables"
        aria-describedby={tablesError ? `${ids.tables}-error` : undefined}
      >
        <legend>{t('filters.tables')}</legend>
        {tablesError ? (
          <p className="field__error" id={`${ids.tables}-error`}>
            {tablesError}
          </p>
        ) : null}
        {tables.map((table, index) => (
          <div className="field field--checkbox" key={table.id}>
            <input
              type="checkbox"
              id={`${ids.tables}-${index}`}
              checked={chosen.includes(table.id)}
              onChange={(event) =>
                setChosen((current) =>
                  event.target.checked
                    ? tables
                        .map((each) => each.id)
                        .filter((x) => x === table.id || current.includes(x))
                    : current.filter((x) => x !== table.id),
                )
              }
            />
            <label htmlFor={`${ids.tables}-${index}`}>{table.name}</label>
          </div>
        ))}
      </fieldset>
      <div className="stats-filters__period">
        {monthPicker('from', from, setFrom)}
        {monthPicker('to', to, setTo)}
        <SelectField
          id={ids.interval}
          label={t('filters.interval')}
          fieldClassName="stats-filters__interval"
          value={interval}
          options={statsIntervals.map((value) => ({
            value,
            label: t(`filters.intervals.${value}`),
          }))}
          onChange={(next) => setStep(next as StatsInterval)}
        />
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary">
          {t('filters.submit')}
        </button>
      </div>
    </form>
  );
}
