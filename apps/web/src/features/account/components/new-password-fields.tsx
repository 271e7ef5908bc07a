/**
 * A new password typed twice, with the rules as a hint and, after the API refused it, the reasons
 * beside the field (announced at once: the container is a live region).
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { PasswordReason } from '@fourfold/shared/credentials';
import { PasswordReasons } from './password-reasons';

type NewPasswordFieldsProps = {
  value: string;
  repeat: string;
  onChange: (value: string) => void;
  onRepeatChange: (value: string) => void;
  reasons: PasswordReason[] | null;
  /** Shown once the person has tried to submit two different passwords. */
  mismatch: boolean;
};

export function NewPasswordFields({
  value,
  repeat,
  onChange,
  onRepeatChange,
  reasons,
  mismatch,
}: NewPasswordFieldsProps) {
  const { t } = useTranslation('account');
  const id = useId();
  const hintId = `${id}-hint`;
  const reasonsId = `${id}-reasons`;
  const mismatchId = `${id}-mismatch`;
  return (
    <>
      <div className={reasons ? 'field field--invalid' : 'field'}>
        <label htmlFor={`${id}-new`}>{t('changePassword.new')}</label>
        <p className="field__hint" id={hintId}>
          {t('changePassword.newHint')}
        </p>
        <div aria-live="polite">
          {reasons ? <PasswordReasons id={reasonsId} reasons={reasons} /> : null}
        </div>
        <input
          id={`${id}-new`}
          type="password"
          name="new-password"
          autoComplete="new-password"
          required
          aria-invalid={reasons ? true : undefined}
          aria-describedby={reasons ? `${hintId} ${reasonsId}` : hintId}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      </div>
      <div className={mismatch ? 'field field--invalid' : 'field'}>
        <label htmlFor={`${id}-repeat`}>{t('changePassword.repeat')}</label>
        <div aria-live="polite">
          {mismatch ? (
            <p className="field__error" id={mismatchId}>
              {t('changePassword.mismatch')}
            </p>
          ) : null}
        </div>
        <input
          id={`${id}-repeat`}
          type="password"
          name="repeat-password"
          autoComplete="new-password"
          required
          aria-invalid={mismatch ? true : undefined}
          aria-describedby={mismatch ? mismatchId : undefined}
          value={repeat}
          onChange={(event) => onRepeatChange(event.target.value)}
        />
      </div>
    </>
  );
}
