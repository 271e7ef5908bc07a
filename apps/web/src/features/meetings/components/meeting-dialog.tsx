/**
 * A modal question before a step that matters in the room (accepting a situation, closing or
 * cancelling the meeting). The native <dialog> opened with showModal() traps focus, makes the
 * page behind it inert, closes on Escape and gives focus back to the button that opened it.
 * Focus starts on Cancel for what cannot be undone, and on the confirmation where the person has
 * just chosen the step and the dialog only checks it (acceptance: the chair's third interaction).
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function MeetingDialog({
  open,
  title,
  children,
  confirmLabel,
  tone = 'primary',
  initialFocus = 'cancel',
  busy,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  tone?: 'primary' | 'danger';
  initialFocus?: 'confirm' | 'cancel';
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('meetings');
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

  return (
    <dialog
      ref={dialogRef}
      className="admin-dialog meeting-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onClose={() => {
        if (open) onCancel();
      }}
    >
      {open ? (
        <>
          <h2 id={titleId} className="admin-dialog__title">
            {title}
          </h2>
          <div id={bodyId}>{children}</div>
          <div className="form__actions">
            <button
              ref={confirmRef}
              type="button"
              className={`button button--${tone}`}
              disabled={busy}
              onClick={onConfirm}
            >
              {busy ? t('form.working') : confirmLabel}
            </button>
            <button
              ref={cancelRef}
              type="button"
              className="button button--secondary"
              onClick={onCancel}
            >
              {t('form.cancel')}
            </button>
          </div>
        </>
      ) : null}
    </dialog>
  );
}
