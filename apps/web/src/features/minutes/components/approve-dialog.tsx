/**
 * Asks the chair to confirm approval, saying that the minutes will be frozen. The native <dialog>
 * opened with showModal() traps focus, makes the page behind it inert, closes on Escape and gives
 * focus back to the button that opened it; focus starts on Cancel, the safe choice.
 */
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import { ApiError } from '../../../lib/api-client';

export function ApproveDialog({
  open,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  open: boolean;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('minutes');
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      cancelRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  const refusal =
    error instanceof ApiError
      ? error.code === 'MINUTES_ALREADY_APPROVED'
        ? t('approve.alreadyApproved')
        : error.code === 'INVALID_TRANSITION'
          ? t('approve.notClosed')
          : null
      : null;

  return (
    <dialog
      ref={dialogRef}
      className="minutes-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onClose={() => {
        if (open) onClose();
      }}
    >
      {open ? (
        <>
          <h2 id={titleId} className="minutes-dialog__title">
            {t('approve.title')}
          </h2>
          <p id={bodyId}>{t('approve.body')}</p>
          {error ? (
            refusal ? (
              <div role="alert" className="alert alert--error">
                <p className="alert__title">{refusal}</p>
              </div>
            ) : (
              <ProblemAlert error={error} />
            )
          ) : null}
          <div className="form__actions">
            <button
              type="button"
              className="button button--primary"
              disabled={busy}
              onClick={onConfirm}
            >
              {busy ? t('approve.working') : t('approve.confirm')}
            </button>
            <button
              ref={cancelRef}
              type="button"
              className="button button--secondary"
              onClick={onClose}
            >
              {t('approve.cancel')}
            </button>
          </div>
        </>
      ) : null}
    </dialog>
  );
}
