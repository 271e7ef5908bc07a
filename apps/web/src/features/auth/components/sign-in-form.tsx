/**
 * The sign-in form, on the sign-in page and in the dialog over a page whose session lapsed:
 * e-mail and password, then — for an account with two-step verification — a code from the
 * authenticator app or a one-time recovery code. Errors come from the API's problem details,
 * shown with their request reference.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginRequest } from '@fourfold/shared/auth';
import { TextField } from '../../../components/form-fields';
import { ProblemAlert } from '../../../components/problem-alert';
import { ApiError } from '../../../lib/api-client';

type Step = 'password' | 'totp' | 'recovery';

type SignInFormProps = {
  /** Prefix of the fields' ids: the page and the dialog may both be in the document. */
  idPrefix: string;
  /**
   * The address to sign in with, shown and not editable: only the person whose session lapsed
   * may carry on with their page.
   */
  email?: string;
  signIn: (credentials: LoginRequest) => Promise<void>;
  /** Buttons beside "Sign in" (the dialog's Cancel). */
  actions?: ReactNode;
};

export function SignInForm({ idPrefix, email: fixedEmail, signIn, actions }: SignInFormProps) {
  const { t } = useTranslation('auth');
  const [step, setStep] = useState<Step>('password');
  const [email, setEmail] = useState(fixedEmail ?? '');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn({
        email: fixedEmail ?? email,
        password,
        ...(step === 'totp' ? { totpCode: code.trim() } : {}),
        ...(step === 'recovery' ? { recoveryCode: code.trim() } : {}),
      });
    } catch (caught) {
      const apiError = ApiError.from(caught);
      if (apiError.code === 'SECOND_FACTOR_CODE_REQUIRED' && step === 'password') {
        setStep('totp');
      } else {
        setError(apiError);
      }
    } finally {
      setBusy(false);
    }
  }

  const switchStep = (to: Step) => {
    setStep(to);
    setCode('');
    setError(null);
  };

  return (
    <>
      {error ? (
        <ProblemAlert
          error={error}
          // No code was asked for yet: naming one would only puzzle someone who has none.
          title={
            error.code === 'INVALID_CREDENTIALS' && step === 'password'
              ? t('signIn.passwordNotRecognized')
              : undefined
          }
        />
      ) : null}
      {error?.code === 'ACCOUNT_LOCKED' && error.retryAfterSeconds !== undefined ? (
        <p>
          {t('signIn.tryAgainIn', { count: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) })}
        </p>
      ) : null}
      <form className="form" onSubmit={submit} noValidate={false}>
        <TextField
          id={`${idPrefix}-email`}
          name="email"
          label={t('signIn.email')}
          type="email"
          value={fixedEmail ?? email}
          onChange={setEmail}
          autoComplete="username"
          required
          readOnly={fixedEmail !== undefined || step !== 'password'}
        />
        <TextField
          id={`${idPrefix}-password`}
          name="password"
          label={t('signIn.password')}
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          required
          readOnly={step !== 'password'}
        />
        {step === 'totp' ? (
          <TextField
            id={`${idPrefix}-code`}
            name="totpCode"
            label={t('signIn.totpCode')}
            hint={t('signIn.totpHelp')}
            value={code}
            onChange={setCode}
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            required
            // The field appears after the password step: take the person straight to it.
            autoFocus
          />
        ) : null}
        {step === 'recovery' ? (
          <TextField
            id={`${idPrefix}-recovery`}
            name="recoveryCode"
            label={t('signIn.recoveryCode')}
            hint={t('signIn.recoveryHelp')}
            value={code}
            onChange={setCode}
            autoComplete="off"
            required
            autoFocus
          />
        ) : null}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('signIn.submitting') : t('signIn.submit')}
          </button>
          {step === 'totp' ? (
            <button
              type="button"
              className="button button--link"
              onClick={() => switchStep('recovery')}
            >
              {t('signIn.useRecoveryCode')}
            </button>
          ) : null}
          {step === 'recovery' ? (
            <button
              type="button"
              className="button button--link"
              onClick={() => switchStep('totp')}
            >
              {t('signIn.useTotpCode')}
            </button>
          ) : null}
          {actions}
        </div>
      </form>
    </>
  );
}
