/**
 * A date and time typed as day, month, year (DatePartsField) and a 24-hour time, in one fieldset.
 * A native `<input type=datetime-local>` shows mm/dd/yyyy and a 12-hour clock under an en-US
 * browser whatever the page's language; these controls follow the page ("14:30" in English,
 * « 14 h 30 » in French, both accepted in either). The value stays a `datetime-local` value
 * (YYYY-MM-DDTHH:MM), or '' when nothing is entered; a value entered in part is passed on as it is
 * typed (e.g. "2026-12-01T" or "T14:30"), which toDateTimeLocal's counterpart refuses, so the form
 * reports it as invalid rather than dropping it.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '@fourfold/shared/taxonomy';
import { useLanguage } from '../lib/use-language';
import { DatePartsField } from './date-parts-field';
import { fieldDescribedBy } from './form-fields';

type DateTimeParts = { date: string; time: string };

/** "14:30", "14 h 30", "14h30", "9:05" or "14 h" → "HH:MM"; null when it is no time of day. */
export function timeOf(text: string): string | null {
  const match = /^(\d{1,2})\s*(?::\s*(\d{2})|[hH]\s*(\d{2})?)$/.exec(text.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? match[3] ?? '0');
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** "HH:MM" as the interface language writes it: "14:30", « 14 h 30 ». */
export function timeText(time: string, language: Language): string {
  return language === 'fr' ? time.replace(':', ' h ') : time;
}

/** "2026-12-01T14:30" → its date and time; anything else as far as it goes. */
export function dateTimePartsOf(value: string): DateTimeParts {
  const at = value.indexOf('T');
  return at < 0
    ? { date: value, time: '' }
    : { date: value.slice(0, at), time: value.slice(at + 1) };
}

/** The date (DatePartsField's value) and the time as typed, as a `datetime-local` value. */
export function dateTimeValueOf({ date, time }: DateTimeParts): string {
  const typed = time.trim();
  if (!date && !typed) return '';
  return `${date}T${timeOf(typed) ?? typed}`;
}

export function DateTimePartsField({
  id,
  legend,
  hint,
  error,
  value,
  onChange,
}: {
  /** The day's control takes this id, so an error summary's link lands on the first control. */
  id: string;
  legend: string;
  hint?: string | undefined;
  error?: string | undefined;
  value: string;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const shown = (time: string) => {
    const parsed = timeOf(time);
    return parsed ? timeText(parsed, language) : time;
  };
  // As in DatePartsField: the time as typed, taken anew from the value when it changes from
  // outside (a form reset), and rewritten in the new language's form when the language changes.
  const [parts, setParts] = useState(() => {
    const { date, time } = dateTimePartsOf(value);
    return { date, time: shown(time) };
  });
  const [echoed, setEchoed] = useState({ value, language });
  if (value !== echoed.value) {
    const { date, time } = dateTimePartsOf(value);
    setEchoed({ value, language });
    setParts({ date, time: shown(time) });
  } else if (language !== echoed.language) {
    setEchoed({ value, language });
    setParts({ ...parts, time: shown(parts.time) });
  }

  const update = (change: Partial<DateTimeParts>) => {
    const next = { ...parts, ...change };
    const nextValue = dateTimeValueOf(next);
    setParts(next);
    setEchoed({ value: nextValue, language });
    onChange(nextValue);
  };

  const timeHint = t('dateParts.timeHint');
  return (
    <DatePartsField
      id={id}
      legend={legend}
      hint={hint ? `${hint} ${timeHint}` : timeHint}
      error={error}
      value={parts.date}
      onChange={(date) => update({ date })}
    >
      <div className="date-parts__part date-parts__part--time">
        <label htmlFor={`${id}-time`}>{t('dateParts.time')}</label>
        <input
          id={`${id}-time`}
          name={`${id}-time`}
          inputMode="numeric"
          pattern="\d{1,2}\s*(:\s*\d{2}|[hH]\s*(\d{2})?)"
          maxLength={8}
          autoComplete="off"
          value={parts.time}
          aria-describedby={fieldDescribedBy({ id, hint: timeHint, error })}
          aria-invalid={error ? true : undefined}
          onChange={(event) => update({ time: event.target.value })}
        />
      </div>
    </DatePartsField>
  );
}
