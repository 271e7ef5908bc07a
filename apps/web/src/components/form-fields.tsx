/**
 * Labelled native form controls: the label above, an optional hint, the error (if any) below the
 * hint, all tied to the control with aria-describedby, and aria-invalid when in error. Every form
 * of the app builds its fields from these, so each field reads and sounds the same everywhere.
 *
 * Attributes a field needs beyond these (autoComplete, maxLength, inputMode, lang, …) go straight
 * to the native control. Nothing is added that the caller did not ask for, except `name`, which
 * is the id unless given: autofill stays as each form chooses (forms about someone else turn it
 * off; sign-in asks for it).
 */
import type {
  ChangeEvent,
  InputHTMLAttributes,
  ReactNode,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from 'react';
import { useTranslation } from 'react-i18next';

type FieldProps = {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  /** Marks the label "(optional)"; filters and other choices that are never missing omit it. */
  optional?: boolean;
};

type FrameOptions = {
  /**
   * The error is announced as it appears: for a form that shows it without moving focus to an
   * error summary.
   */
  errorLive?: boolean;
  /** The field's own classes besides `field`, e.g. a width. */
  fieldClassName?: string;
};

/** What the native control takes from the caller; the field sets the rest. */
type Native<Attributes> = Omit<
  Attributes,
  'id' | 'value' | 'onChange' | 'children' | 'aria-describedby' | 'aria-invalid'
>;

/**
 * The ids that describe a field's control: its hint, its error, then any `more` (text of its
 * own that follows the control).
 */
export function fieldDescribedBy(
  { id, hint, error }: Pick<FieldProps, 'id' | 'hint' | 'error'>,
  ...more: string[]
): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null, ...more].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** A field's error, introduced as one for screen reader users, who hear it but not its colour. */
export function ErrorMessage({ id, error }: { id: string; error: string | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="field__error" id={`${id}-error`}>
      <span className="visually-hidden">{t('form.errorPrefix')} </span>
      {error}
    </p>
  );
}

/**
 * The frame of one field, for a control the components below do not cover: the caller renders
 * the control (and anything after it) as children and describes it with fieldDescribedBy.
 */
export function FieldFrame({
  id,
  label,
  hint,
  error,
  optional,
  invalid = Boolean(error),
  errorLive = false,
  fieldClassName,
  children,
}: FieldProps &
  FrameOptions & {
    /** Marked invalid for more than its error message (findings listed below the control). */
    invalid?: boolean;
    children: ReactNode;
  }) {
  const { t } = useTranslation();
  const errorMessage = <ErrorMessage id={id} error={error} />;
  return (
    <div
      className={['field', fieldClassName, invalid ? 'field--invalid' : null]
        .filter(Boolean)
        .join(' ')}
    >
      <label htmlFor={id}>
        {label}
        {optional ? <span className="field__optional"> {t('form.optional')}</span> : null}
      </label>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {errorLive ? <div aria-live="polite">{errorMessage}</div> : errorMessage}
      {children}
    </div>
  );
}

type ControlProps = FieldProps &
  FrameOptions & {
    value: string;
    onChange: (value: string) => void;
    /** The id unless given. */
    name?: string;
  };

/**
 * A field's props, split: those of its frame, and those of its control, which get the id, the
 * value and the description of the frame on top of their own attributes.
 */
function framed<Props extends ControlProps>(props: Props) {
  const { id, label, hint, error, optional, errorLive, fieldClassName, ...rest } = props;
  const { value, onChange, name = id, ...native } = rest;
  const frame = { id, label, hint, error, optional, errorLive, fieldClassName };
  const control = {
    ...native,
    id,
    name,
    value,
    onChange: (event: ChangeEvent<{ value: string }>) => onChange(event.target.value),
    'aria-describedby': fieldDescribedBy(frame),
    'aria-invalid': error ? true : undefined,
  };
  return { frame, control };
}

export function TextField({
  type = 'text',
  ...props
}: ControlProps &
  Native<InputHTMLAttributes<HTMLInputElement>> & {
    type?: 'text' | 'email' | 'password' | 'time' | 'date' | 'datetime-local';
  }) {
  const { frame, control } = framed(props);
  return (
    <FieldFrame {...frame}>
      <input {...control} type={type} />
    </FieldFrame>
  );
}

export function TextAreaField({
  rows = 6,
  ...props
}: ControlProps & Native<TextareaHTMLAttributes<HTMLTextAreaElement>>) {
  const { frame, control } = framed(props);
  return (
    <FieldFrame {...frame}>
      <textarea {...control} rows={rows} />
    </FieldFrame>
  );
}

export type Option = { value: string; label: string };

export function SelectField({
  options = [],
  emptyLabel,
  children,
  ...props
}: ControlProps &
  Native<SelectHTMLAttributes<HTMLSelectElement>> & {
    options?: readonly Option[];
    /** A first, empty choice ("Choose…", "All"). */
    emptyLabel?: string;
    /** Choices after `options` that a flat list cannot say: groups, a value no longer offered. */
    children?: ReactNode;
  }) {
  const { frame, control } = framed(props);
  return (
    <FieldFrame {...frame}>
      <select {...control}>
        {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
        {children}
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

/**
 * A box the person must tick to go on (an agreement accepted, recovery codes stored). No error
 * summary takes focus there, so the reminder above the box is announced as it appears.
 */
export function AcknowledgementField({
  id,
  label,
  error,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <div aria-live="polite">
        <ErrorMessage id={id} error={error} />
      </div>
      <div className="field--checkbox">
        <input
          id={id}
          name={id}
          type="checkbox"
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        <label htmlFor={id}>{label}</label>
      </div>
    </div>
  );
}
