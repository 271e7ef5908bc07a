/**
 * A calendar date typed as day, month and year: three labelled controls in a fieldset, the month
 * named in the interface language. A native `<input type=date>` shows its placeholder and order
 * in the browser's own locale (mm/dd/yyyy under an en-US browser, whatever the page's language),
 * which misleads a French reader; these controls follow the page. The value stays ISO
 * (YYYY-MM-DD), or '' when nothing is entered; a date entered in part is passed on as it is
 * typed (e.g. "2009--27"), which no ISO check accepts, so the form reports it as invalid rather
 * than dropping it.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { monthName } from '../lib/format';
import { useLanguage } from '../lib/use-language';
import { ErrorMessage, fieldDescribedBy } from './form-fields';

type Parts = { day: string; month: string; year: string };

const MONTHS = Array.from({ length: 12 }, (_, index) => index + 1);

/** "2009-03-27" → its parts; anything else as far as it goes. */
export function partsOf(value: string): Parts {
  const [year = '', month = '', day = ''] = value.split('-');
  return { year, month: month.replace(/^0(?=\d)/, ''), day };
}

/** The parts as ISO when they make one (day and month padded), else as typed; '' when empty. */
export function valueOf({ day, month, year }: Parts): string {
  const d = day.trim();
  const y = year.trim();
  if (!d && !month && !y) return '';
  if (/^\d{4}$/.test(y) && /^\d{1,2}$/.test(d) && month) {
    return `${y}-${month.padStart(2, '0')}-${d.padStart(2, '0')}`;
  }
  return `${y}-${month}-${d}`;
}

export function DatePartsField({
  id,
  legend,
  hint,
  error,
  value,
  onChange,
  children,
}: {
  /** The day's control takes this id, so an error summary's link lands on the first control. */
  id: string;
  legend: string;
  hint?: string | undefined;
  error?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  /** Further controls of the same field after the year (DateTimePartsField's time). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  // The parts as typed ("7" stays "7" while the person may still type "17"); taken anew from the
  // value when it changes from outside (a form reset), not when it echoes what was typed here.
  const [parts, setParts] = useState(() => partsOf(value));
  const [echoed, setEchoed] = useState(value);
  if (value !== echoed) {
    setEchoed(value);
    setParts(partsOf(value));
  }

  const update = (change: Partial<Parts>) => {
    const next = { ...parts, ...change };
    const nextValue = valueOf(next);
    setParts(next);
    setEchoed(nextValue);
    onChange(nextValue);
  };

  const describedBy = fieldDescribedBy({ id, hint, error });
  const invalid = error ? true : undefined;
  return (
    <fieldset
      className={['field', 'date-parts', error ? 'field--invalid' : null].filter(Boolean).join(' ')}
      aria-describedby={describedBy}
    >
      <legend className="field__label">{legend}</legend>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <ErrorMessage id={id} error={error} />
      <div className="date-parts__controls">
        <NumberPart
          part="day"
          id={id}
          label={t('dateParts.day')}
          digits={2}
          value={parts.day}
          invalid={invalid}
          onChange={(day) => update({ day })}
        />
        <div className="date-parts__part date-parts__part--month">
          <label htmlFor={`${id}-month`}>{t('dateParts.month')}</label>
          <select
            id={`${id}-month`}
            name={`${id}-month`}
            value={parts.month}
            aria-invalid={invalid}
            onChange={(event) => update({ month: event.target.value })}
          >
            <option value="">{t('dateParts.noMonth')}</option>
            {MONTHS.map((month) => (
              <option key={month} value={String(month)}>
                {monthName(month, language)}
              </option>
            ))}
          </select>
        </div>
        <NumberPart
          part="year"
          id={`${id}-year`}
          label={t('dateParts.year')}
          digits={4}
          value={parts.year}
          invalid={invalid}
          onChange={(year) => update({ year })}
        />
        {children}
      </div>
    </fieldset>
  );
}

/** The day or the year: digits typed on a numeric keyboard. */
function NumberPart({
  part,
  id,
  label,
  digits,
  value,
  invalid,
  onChange,
}: {
  part: 'day' | 'year';
  id: string;
  label: string;
  digits: number;
  value: string;
  invalid: true | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <div className={`date-parts__part date-parts__part--${part}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={id}
        inputMode="numeric"
        maxLength={digits}
        autoComplete="off"
        value={value}
        aria-invalid={invalid}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
