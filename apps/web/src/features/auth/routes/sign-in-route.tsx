/**
 * Sign-in: e-mail and password, then — for an account with two-step verification — a code from
 * the authenticator app or a one-time recovery code. Errors come from the API's problem details,
 * shown with their request reference.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { TextField } from '../../../components/form-fields';
import { PageHeading } from '../../../components/page-heading';
import { ProblemAlert } from '../../../components/problem-alert';
import { ApiError } from '../../../lib/api-client';
import { sessionStore } from '../session-store';
import { useSessionState } from '../use-session';
import { safeNextPath } from './require-sign-in';

type Step = 'password' | 'totp' | 'recovery';

export function SignInRoute() {
  const { t } = useTranslation('auth');
  const session = useSessionState();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const [step, setStep] = useState<Step>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  if (session.status === 'signed-in' && !busy) return <Navigate to={next} replace />;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await sessionStore.signIn({
        email,
        password,
        ...(step === 'totp' ? { totpCode: code.trim() } : {}),
        ...(step === 'recovery' ? { recoveryCode: code.trim() } : {}),
      });
      navigate(next, { replace: true });
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
    <div className="narrow-page">
      <PageHeading>{t('signIn.title')}</PageHeading>
      <p>{t('signIn.intro')}</p>
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
          id="sign-in-email"
          name="email"
          label={t('signIn.email')}
          type="email"
          value={email}
          onChange={setEmail}
          autoComplete="username"
          required
          readOnly={step !== 'password'}
        />
        <TextField
          id="sign-in-password"
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
            id="sign-in-code"
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
            id="sign-in-recovery"
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
        </div>
      </form>
    </div>
  );
}
