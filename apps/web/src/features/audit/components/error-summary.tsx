/**
 * The list of what is wrong with a form, shown above it and given focus when the form is
 * submitted, each item a link that takes the person to the field concerned.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export type SummaryItem = { fieldId: string; message: string };

export function ErrorSummary({ items, focusKey }: { items: SummaryItem[]; focusKey: number }) {
  const { t } = useTranslation('audit');
  const ref = useRef<HTMLDivElement>(null);
  // Focus moves here on every failed submission (focusKey changes), not on each keystroke.
  useEffect(() => {
    if (focusKey > 0) ref.current?.focus();
  }, [focusKey]);
  if (items.length === 0) return null;
  return (
    <div
      ref={ref}
      className="error-summary"
      role="alert"
      tabIndex={-1}
      aria-labelledby="error-summary-title"
    >
      <h2 id="error-summary-title" className="error-summary__title">
        {t('validation.summaryTitle')}
      </h2>
      <ul className="error-summary__list">
        {items.map((item) => (
          <li key={`${item.fieldId}:${item.message}`}>
            <a
              href={`#${item.fieldId}`}
              onClick={(event) => {
                event.preventDefault();
                document.getElementById(item.fieldId)?.focus();
              }}
            >
              {item.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
