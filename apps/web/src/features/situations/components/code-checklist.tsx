/**
 * A checkbox picker for a code list: native checkboxes (so keyboard and screen readers work as
 * everywhere else), grouped by category under their own legends, with an optional filter box for
 * long lists, a live "3 selected" count, and the chosen items listed with a way to remove each
 * (they stay listed even when the filter hides their checkbox).
 */
import { useDeferredValue, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { filterGroups, type CodeGroup } from '../utils/code-filter';

type CodeChecklistProps = {
  /** The id of the first control, for an error summary to link to. */
  id: string;
  legend: string;
  hint?: string;
  error?: string | undefined;
  groups: readonly CodeGroup[];
  /** One list without category legends (short lists). */
  flat?: boolean;
  searchable?: boolean;
  selected: readonly string[];
  onChange: (selected: string[]) => void;
};

export function CodeChecklist({
  id,
  legend,
  hint,
  error,
  groups,
  flat = false,
  searchable = false,
  selected,
  onChange,
}: CodeChecklistProps) {
  const { t } = useTranslation('situations');
  const baseId = useId();
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const shown = useMemo(() => filterGroups(groups, deferredQuery), [groups, deferredQuery]);
  const total = useMemo(
    () => groups.reduce((sum, group) => sum + group.options.length, 0),
    [groups],
  );
  const shownCount = shown.reduce((sum, group) => sum + group.options.length, 0);
  const labels = useMemo(
    () => new Map(groups.flatMap((group) => group.options.map((o) => [o.code, o.label] as const))),
    [groups],
  );

  const hintId = `${baseId}-hint`;
  const errorId = `${baseId}-error`;
  const listId = `${baseId}-options`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');

  const toggle = (code: string, checked: boolean) =>
    onChange(checked ? [...selected, code] : selected.filter((chosen) => chosen !== code));

  // Enter in the filter box would submit the whole form.
  const keepEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') event.preventDefault();
  };

  const firstControlId = searchable ? id : undefined;
  // Without a filter box, the first checkbox is the control an error summary links to.
  const firstCode = searchable ? undefined : groups[0]?.options[0]?.code;

  return (
    <fieldset
      className={`code-picker${error ? ' code-picker--invalid' : ''}`}
      aria-describedby={describedBy || undefined}
    >
      <legend className="code-picker__legend">{legend}</legend>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
      {searchable ? (
        <div className="field code-picker__filter">
          <label htmlFor={firstControlId}>{t('picker.filterLabel', { list: legend })}</label>
          <input
            id={firstControlId}
            type="search"
            autoComplete="off"
            aria-controls={listId}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={keepEnter}
          />
        </div>
      ) : null}
      <p className="code-picker__count" role="status">
        {t('picker.selected', { count: selected.length })}
      </p>
      {searchable ? (
        <p className="visually-hidden" aria-live="polite">
          {deferredQuery.trim() ? t('picker.shown', { shown: shownCount, total }) : ''}
        </p>
      ) : null}
      {searchable && selected.length > 0 ? (
        <ul className="code-picker__chosen" aria-label={t('picker.chosenLabel', { list: legend })}>
          {selected.map((code) => (
            <li key={code} className="code-picker__chosen-item">
              <span>{labels.get(code) ?? code}</span>
              <button
                type="button"
                className="button button--link code-picker__remove"
                onClick={() => toggle(code, false)}
              >
                {t('picker.remove')}
                <span className="visually-hidden"> {labels.get(code) ?? code}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div
        className={`code-picker__options${searchable ? ' code-picker__options--scroll' : ''}`}
        id={listId}
      >
        {shown.length === 0 ? <p>{t('picker.noMatch', { query: deferredQuery.trim() })}</p> : null}
        {shown.map((group) => {
          const boxes = group.options.map((option) => {
            const checkboxId = option.code === firstCode ? id : `${baseId}-${option.code}`;
            return (
              <div className="field--checkbox code-picker__option" key={option.code}>
                <input
                  id={checkboxId}
                  type="checkbox"
                  checked={selected.includes(option.code)}
                  onChange={(event) => toggle(option.code, event.target.checked)}
                />
                <label htmlFor={checkboxId}>{option.label}</label>
              </div>
            );
          });
          return flat ? (
            <div key={group.code}>{boxes}</div>
          ) : (
            <fieldset key={group.code} className="code-picker__group">
              <legend>{group.label}</legend>
              {boxes}
            </fieldset>
          );
        })}
      </div>
    </fieldset>
  );
}
