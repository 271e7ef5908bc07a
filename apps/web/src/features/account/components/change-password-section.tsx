/**
 * Changing one's password. The API judges the new one and answers with a fresh session for this
 * browser (every other session ends), which the session store adopts.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PasswordReason } from '@fourfold/shared/credentials';
import { TextField } from '../../../components/form-fields';
import { ProblemAlert } from '../../../components/problem-alert';
import { sessionStore } from '../../auth/session-store';
import { changePassword } from '../api/change-password';
import { NewPasswordFields } from './new-password-fields';
import { passwordReasonsOf } from './password-reasons';

export function ChangePasswordSection() {
  const { t } = useTranslation('account');
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [reasons, setReasons] = useState<PasswordReason[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [changed, setChanged] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setChanged(false);
    setError(null);
    setReasons(null);
    if (next !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    setBusy(true);
    try {
      sessionStore.adopt(await changePassword({ currentPassword: current, newPassword: next }));
      setCurrent('');
      setNext('');
      setRepeat('');
      setChanged(true);
    } catch (caught) {
      const refused = passwordReasonsOf(caught);
      if (refused) setReasons(refused);
      else setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="account-section" aria-labelledby="change-password-heading">
      <h2 id="change-password-heading">{t('changePassword.heading')}</h2>
      <p>{t('changePassword.intro')}</p>
      <div aria-live="polite">
        {changed ? (
          <div className="alert alert--success" role="status">
            <p>{t('changePassword.changed')}</p>
          </div>
        ) : null}
      </div>
      {error ? <ProblemAlert error={error} /> : null}
      <form className="form" onSubmit={submit}>
        <TextField
          id="change-password-current"
          name="current-password"
          label={t('changePassword.current')}
          type="password"
          value={current}
          onChange={setCurrent}
          autoComplete="current-password"
          required
        />
        <NewPasswordFields
          value={next}
          repeat={repeat}
          onChange={setNext}
          onRepeatChange={setRepeat}
          reasons={reasons}
          mismatch={mismatch}
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('changePassword.working') : t('changePassword.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
