/**
 * Over a page whose session lapsed (ended elsewhere, or expired): a modal dialog that asks the same
 * person to sign in again, so that the save they pressed goes through with everything they typed
 * still on the page. Cancel leaves the page as it is (the save fails with the usual message) and a
 * notice with a way to sign in again. Mounted once, at the top of <main>.
 *
 * The native <dialog> opened with showModal() traps focus, makes the page behind it inert, closes
 * on Escape (which cancels) and gives focus back to what had it, as the confirm dialog does.
 */
import { useEffect, useId, useRef, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { sessionStore } from '../session-store';
import { SignInForm } from './sign-in-form';
import '../auth.css';

export function SessionLapse() {
  const { t } = useTranslation('auth');
  const lapse = useSyncExternalStore(sessionStore.subscribe, sessionStore.getLapse);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const open = lapse.status === 'prompting';
  const hadFocus = useRef<HTMLElement | null>(null);
  // The last element outside the dialog that had focus: the Save button that met the lapse has
  // lost it by the time the dialog opens (a button disabled while it saves drops its focus).
  const lastFocused = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const remember = (event: FocusEvent) => {
      const target = event.target;
      if (target instanceof HTMLElement && !dialogRef.current?.contains(target)) {
        lastFocused.current = target;
      }
    };
    document.addEventListener('focusin', remember);
    return () => document.removeEventListener('focusin', remember);
  }, []);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      const active = document.activeElement;
      hadFocus.current =
        active instanceof HTMLElement && active !== document.body ? active : lastFocused.current;
      dialog.showModal();
      // The address is known and shown: the password is the first thing to type.
      dialog.querySelector<HTMLInputElement>('input[type="password"]')?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  return (
    <>
      {lapse.status === 'dismissed' ? (
        <div className="alert session-lapse-notice" role="status">
          <p className="alert__title">{t('lapse.noticeTitle')}</p>
          <p>{t('lapse.noticeBody')}</p>
          <button
            type="button"
            className="button button--primary"
            onClick={() => sessionStore.promptSignIn()}
          >
            {t('lapse.signInAgain')}
          </button>
        </div>
      ) : null}
      <dialog
        ref={dialogRef}
        className="confirm-dialog"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        // Escape, or the dialog closed any other way than by signing in: cancel.
        onClose={() => {
          sessionStore.dismissLapse();
          returnFocus(hadFocus.current);
        }}
      >
        {open ? (
          <>
            <h2 id={titleId} className="confirm-dialog__title">
              {t('lapse.title')}
            </h2>
            <div id={bodyId}>
              <p>{t('lapse.body')}</p>
            </div>
            <SignInForm
              idPrefix="re-sign-in"
              email={lapse.email}
              signIn={sessionStore.signInAgain}
              actions={
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => sessionStore.dismissLapse()}
                >
                  {t('lapse.cancel')}
                </button>
              }
            />
          </>
        ) : null}
      </dialog>
    </>
  );
}

/**
 * Gives focus back to what had it before the dialog. The browser does so itself, except when that
 * is the Save button, disabled while its save waits: then focus falls to the page, and goes back
 * to the button as soon as the failed (cancelled) save enables it again — unless the page moved
 * focus elsewhere meanwhile (a navigation to the saved situation, for one).
 */
function returnFocus(element: HTMLElement | null, frames = 20) {
  if (!element) return;
  const attempt = (left: number) => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (!element.isConnected || !lost) return;
    element.focus();
    if (document.activeElement !== element && left > 0) {
      requestAnimationFrame(() => attempt(left - 1));
    }
  };
  requestAnimationFrame(() => attempt(frames));
}
