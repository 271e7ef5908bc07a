/**
 * Labelled native form controls: the label above, an optional hint, the error (if any) below the
 * hint, all tied to the control with aria-describedby, and aria-invalid when in error.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type Common = {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean;
  /** Marks the label "(optional)"; filters and other choices that are never missing omit it. */
  optional?: boolean;
};

function describedBy({ id, hint, error }: Common): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function FieldFrame({ common, children }: { common: Common; children: ReactNode }) {
  const { t } = useTranslation('admin');
  return (
    <div className={common.error ? 'field field--invalid' : 'field'}>
      <label htmlFor={common.id}>
        {common.label}
        {common.optional ? <span className="admin-optional"> {t('form.optional')}</span> : null}
      </label>
      {common.hint ? (
        <p className="field__hint" id={`${common.id}-hint`}>
          {common.hint}
        </p>
      ) : null}
      {common.error ? (
        <p className="field__error" id={`${common.id}-error`}>
          <span className="visually-hidden">{t('form.errorPrefix')} </span>
          {common.error}
        </p>
      ) : null}
      {children}
    </div>
  );
}

export function TextField(
  props: Common & {
    value: string;
    onChange: (value: string) => void;
    type?: 'text' | 'email' | 'time';
    autoComplete?: string;
    maxLength?: number;
    lang?: string;
    className?: string;
  },
) {
  return (
    <FieldFrame common={props}>
      <input
        id={props.id}
        name={props.id}
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        required={props.required}
        autoComplete={props.autoComplete ?? 'off'}
        maxLength={props.maxLength}
        lang={props.lang}
        className={props.className}
        aria-describedby={describedBy(props)}
        aria-invalid={props.error ? true : undefined}
      />
    </FieldFrame>
  );
}

export function TextAreaField(
  props: Common & {
    value: string;
    onChange: (value: string) => void;
    lang?: string;
    maxLength?: number;
    rows?: number;
  },
) {
  return (
    <FieldFrame common={props}>
      <textarea
        id={props.id}
        name={props.id}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        required={props.required}
        lang={props.lang}
        maxLength={props.maxLength}
        rows={props.rows ?? 6}
        aria-describedby={describedBy(props)}
        aria-invalid={props.error ? true : undefined}
      />
    </FieldFrame>
  );
}

export type Option = { value: string; label: string };

export function SelectField(
  props: Common & {
    value: string;
    onChange: (value: string) => void;
    options: readonly Option[];
    /** A first, empty choice ("Choose…", "All"). */
    emptyLabel?: string;
    disabled?: boolean;
  },
) {
  return (
    <FieldFrame common={props}>
      <select
        id={props.id}
        name={props.id}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        required={props.required}
        disabled={props.disabled}
        aria-describedby={describedBy(props)}
        aria-invalid={props.error ? true : undefined}
      >
        {props.emptyLabel !== undefined ? <option value="">{props.emptyLabel}</option> : null}
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function CheckboxField(props: {
  id: string;
  label: string;
  hint?: string | undefined;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
}) {
  return (
    <div className="field field--checkbox">
      <input
        id={props.id}
        name={props.id}
        type="checkbox"
        checked={props.checked}
        onChange={(event) => props.onChange(event.target.checked)}
        disabled={props.disabled}
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
      />
      <div>
        <label htmlFor={props.id}>{props.label}</label>
        {props.hint ? (
          <p className="field__hint" id={`${props.id}-hint`}>
            {props.hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}
