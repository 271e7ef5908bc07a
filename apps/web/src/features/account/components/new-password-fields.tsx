/**
 * A new password typed twice, with the rules as a hint and, after the API refused it, the reasons
 * beside the field (announced at once: the container is a live region).
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { PasswordReason } from '@fourfold/shared/credentials';
import { FieldFrame, fieldDescribedBy, TextField } from '../../../components/form-fields';
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
  const newId = `${id}-new`;
  const hint = t('changePassword.newHint');
  const reasonsId = `${id}-reasons`;
  return (
    <>
      {/* A refusal lists its reasons, announced as they arrive: more than one error message. */}
      <FieldFrame id={newId} label={t('changePassword.new')} hint={hint} invalid={reasons !== null}>
        <div aria-live="polite">
          {reasons ? <PasswordReasons id={reasonsId} reasons={reasons} /> : null}
        </div>
        <input
          id={newId}
          type="password"
          name="new-password"
          autoComplete="new-password"
          required
          aria-invalid={reasons ? true : undefined}
          aria-describedby={fieldDescribedBy({ id: newId, hint }, ...(reasons ? [reasonsId] : []))}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      </FieldFrame>
      <TextField
        id={`${id}-repeat`}
        name="repeat-password"
        label={t('changePassword.repeat')}
        error={mismatch ? t('changePassword.mismatch') : undefined}
        errorLive
        type="password"
        value={repeat}
        onChange={onRepeatChange}
        autoComplete="new-password"
        required
      />
    </>
  );
}
