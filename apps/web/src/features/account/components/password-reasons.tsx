/**
 * Why the API refused a new password, in the reader's language: the API answers WEAK_PASSWORD with
 * one message key per reason (see passwordReasons in @fourfold/shared/credentials).
 */
import { useTranslation } from 'react-i18next';
import { isPasswordReason, type PasswordReason } from '@fourfold/shared/credentials';
import { ApiError } from '../../../lib/api-client';

/** The reasons of a WEAK_PASSWORD refusal, or null for any other error. */
export function passwordReasonsOf(error: unknown): PasswordReason[] | null {
  if (!(error instanceof ApiError) || error.code !== 'WEAK_PASSWORD') return null;
  const reasons = error.invalidParams.map((param) => param.message).filter(isPasswordReason);
  // A key this version of the app does not know yet still gets a translated answer.
  return reasons.length > 0 ? [...new Set(reasons)] : ['password.guessable'];
}

export function PasswordReasons({ id, reasons }: { id: string; reasons: PasswordReason[] }) {
  const { t } = useTranslation('account');
  return (
    <div id={id} className="field__error">
      <p className="password-reasons__lead">{t('changePassword.refused')}</p>
      <ul className="password-reasons">
        {reasons.map((reason) => (
          <li key={reason}>{t(reason)}</li>
        ))}
      </ul>
    </div>
  );
}
