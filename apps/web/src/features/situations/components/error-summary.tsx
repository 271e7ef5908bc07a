/**
 * "There is a problem": the list of what stops a form from being saved, each a link to its
 * field. It takes focus when it appears, so that keyboard and screen reader users start there.
 */
import { useEffect, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';

export type FieldError = { fieldId: string; message: string };

export function ErrorSummary({ errors, attempt }: { errors: FieldError[]; attempt: number }) {
  const { t } = useTranslation('situations');
  const ref = useRef<HTMLDivElement>(null);
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
      className="alert alert--error situations-error-summary"
      role="alert"
      tabIndex={-1}
      aria-labelledby="error-summary-title"
    >
      <h2 className="alert__title situations-error-summary__title" id="error-summary-title">
        {t('form.errorSummary')}
      </h2>
      <ul>
        {errors.map((error) => (
          <li key={`${error.fieldId}:${error.message}`}>
            <a href={`#${error.fieldId}`} onClick={(event) => goTo(event, error.fieldId)}>
              {error.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
