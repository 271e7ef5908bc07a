/**
 * "There is a problem": what stops a form from being saved, each a link to its field. It takes
 * focus when a submission fails, so keyboard and screen reader users start there.
 */
import { useEffect, useId, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../utils/field-errors';

export function ErrorSummary({
  errors,
  attempt,
}: {
  errors: readonly FieldError[];
  /** Counts failed submissions: each one moves focus here again. */
  attempt: number;
}) {
  const { t } = useTranslation('admin');
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    if (attempt > 0) ref.current?.focus();
  }, [attempt]);
  if (errors.length === 0) return null;
  const goTo = (event: MouseEvent<HTMLAnchorElement>, fieldId: string) => {
    const field = document.getElementById(fieldId);
    if (!field) return;
    event.preventDefault();
    field.focus();
    field.scrollIntoView({ block: 'center' });
  };
  return (
    <div
      ref={ref}
      className="alert alert--error"
      role="alert"
      tabIndex={-1}
      aria-labelledby={titleId}
    >
      <h3 className="alert__title admin-error-summary__title" id={titleId}>
        {t('form.errorSummary')}
      </h3>
      <ul>
        {errors.map((error) => (
          <li key={error.fieldId}>
            <a href={`#${error.fieldId}`} onClick={(event) => goTo(event, error.fieldId)}>
              {error.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
