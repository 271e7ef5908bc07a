/**
 * The frame of a form that adds or changes an agency, a table or a user: the error summary and
 * any failure above the fields, the save (and cancel) buttons below them. Its state comes from
 * useAdminForm.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../../components/error-summary';
import { ProblemAlert } from '../../../components/problem-alert';
import type { AdminFormState } from '../hooks/use-admin-form';

/** What a page gives one of these forms: where its ids start, its button, what saving does. */
export type AdminFormProps<Values> = {
  idPrefix: string;
  submitLabel: string;
  onSubmit: (values: Values) => Promise<void>;
  onCancel?: () => void;
};

export function AdminForm({
  form,
  onSubmit,
  submitLabel,
  onCancel,
  children,
}: {
  form: AdminFormState;
  onSubmit: () => Promise<void>;
  submitLabel: string;
  onCancel?: (() => void) | undefined;
  children: ReactNode;
}) {
  const { t } = useTranslation('admin');
  return (
    <form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
      noValidate
    >
      <ErrorSummary errors={form.errors} attempt={form.attempt} headingLevel={3} />
      {form.problem ? <ProblemAlert error={form.problem} /> : null}
      {children}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={form.busy}>
          {form.busy ? t('form.working') : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('form.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
