/**
 * A modal question before a consequential action (deactivating, removing, publishing). The native
 * <dialog> opened with showModal() traps focus, makes the page behind it inert, closes on Escape,
 * and gives focus back to the button that opened it. Focus starts on Cancel: the safe choice.
 */
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '@fourfold/shared/problem';
import { ProblemAlert } from '../../../components/problem-alert';
import { ApiError } from '../../../lib/api-client';

export type Confirmation = {
  title: string;
  body: string;
  confirmLabel: string;
  /** Runs on confirm; the dialog closes when it resolves, and stays open showing a failure. */
  action: () => Promise<unknown>;
  /** What an expected refusal means here, in the page's language (e.g. a 409 on removal). */
  refusals?: Partial<Record<ErrorCode, string>>;
};

export function ConfirmDialog({
  confirmation,
  onClose,
  busy,
  error,
}: {
  confirmation: Confirmation | null;
  onClose: () => void;
  busy: boolean;
  error: unknown;
}) {
  const { t } = useTranslation('admin');
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (confirmation && !dialog.open) {
      dialog.showModal();
      cancelRef.current?.focus();
    } else if (!confirmation && dialog.open) {
      dialog.close();
    }
  }, [confirmation]);

  return (
    <dialog
      ref={dialogRef}
      className="admin-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onClose={() => {
        if (confirmation) onClose();
      }}
    >
      {confirmation ? (
        <>
          <h2 id={titleId} className="admin-dialog__title">
            {confirmation.title}
          </h2>
          <p id={bodyId}>{confirmation.body}</p>
          {error ? <Refusal error={error} refusals={confirmation.refusals} /> : null}
          <div className="form__actions">
            <button
              type="button"
              className="button button--danger"
              disabled={busy}
              onClick={() => void confirmation.action()}
            >
              {busy ? t('form.working') : confirmation.confirmLabel}
            </button>
            <button
              ref={cancelRef}
              type="button"
              className="button button--secondary"
              onClick={onClose}
            >
              {t('form.cancel')}
            </button>
          </div>
        </>
      ) : null}
    </dialog>
  );
}

function Refusal({ error, refusals }: { error: unknown; refusals: Confirmation['refusals'] }) {
  const known = error instanceof ApiError ? refusals?.[error.code] : undefined;
  if (!known) return <ProblemAlert error={error} />;
  return (
    <div role="alert" className="alert alert--error">
      <p className="alert__title">{known}</p>
    </div>
  );
}
