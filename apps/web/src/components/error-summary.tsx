/**
 * "There is a problem": what stops a form from being saved, each a link to its field. It takes
 * focus when a submission fails, so keyboard and screen reader users start there.
 */
import { useEffect, useId, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../lib/field-errors';

export function ErrorSummary({
  errors,
  attempt,
  headingLevel = 2,
}: {
  errors: readonly FieldError[];
  /** Counts failed submissions: each one moves focus here again (not each keystroke). */
  attempt: number;
  /** h2 by default; h3 where the form sits in a section under its own h2 (an admin panel). */
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
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
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div
      ref={ref}
      className="alert alert--error error-summary"
      role="alert"
      tabIndex={-1}
      aria-labelledby={titleId}
    >
      <Heading className="alert__title error-summary__title" id={titleId}>
        {t('form.errorSummary')}
      </Heading>
      <ul>
        {/* One field may fail in more than one way (a summary too long and naming someone). */}
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
