/**
 * The one modal question of the app, asked before a step that matters (deactivating someone,
 * accepting a situation in the room, closing a meeting, approving minutes). The native <dialog>
 * opened with showModal() traps focus, makes the page behind it inert, closes on Escape and gives
 * focus back to the button that opened it. Focus starts on Cancel, the safe choice, unless the
 * person has just chosen the step and the dialog only checks it (`initialFocus: 'confirm'`).
 *
 * A failure stays in the dialog: an expected refusal (`refusals`, by error code) in the page's own
 * words, any other problem as the app's problem alert.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '@fourfold/shared/error-codes';
import { ApiError } from '../lib/api-client';
import { ProblemAlert } from './problem-alert';

export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  tone = 'primary',
  initialFocus = 'cancel',
  busy,
  error,
  refusals,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  /** What will happen, in words: the dialog's description. */
  children: ReactNode;
  confirmLabel: string;
  tone?: 'primary' | 'danger';
  initialFocus?: 'confirm' | 'cancel';
  busy: boolean;
  error?: unknown;
  refusals?: Partial<Record<ErrorCode, string>>;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      (initialFocus === 'confirm' ? confirmRef : cancelRef).current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open, initialFocus]);

  const refusal = error instanceof ApiError ? refusals?.[error.code] : undefined;

  return (
    <dialog
      ref={dialogRef}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onClose={() => {
        if (open) onCancel();
      }}
    >
      {open ? (
        <>
          <h2 id={titleId} className="confirm-dialog__title">
            {title}
          </h2>
          <div id={bodyId}>{typeof children === 'string' ? <p>{children}</p> : children}</div>
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
              ref={confirmRef}
              type="button"
              className={`button button--${tone}`}
              disabled={busy}
              onClick={onConfirm}
            >
              {busy ? t('dialog.working') : confirmLabel}
            </button>
            <button
              ref={cancelRef}
              type="button"
              className="button button--secondary"
              onClick={onCancel}
            >
              {t('dialog.cancel')}
            </button>
          </div>
        </>
      ) : null}
    </dialog>
  );
}
