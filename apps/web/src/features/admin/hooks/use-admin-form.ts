/**
 * What the forms that add or change an agency, a table or a user share: the person's own
 * mistakes are shown before anything is sent, the API's refusal of a field on that field, and any
 * other failure as a whole. Each failed attempt moves focus to the error summary again.
 */
import { useState } from 'react';
import type { ErrorCode } from '@fourfold/shared/error-codes';
import { apiFieldErrors, type FieldError } from '../../../lib/field-errors';

export type AdminFormState = ReturnType<typeof useAdminForm>;

export function useAdminForm() {
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  async function submit({
    found,
    save,
    fields,
    message,
  }: {
    /** The person's own mistakes: any of them stops the form before it sends anything. */
    found: FieldError[];
    save: () => Promise<void>;
    /** The API's paths of the form's fields, to the ids of their controls (see apiFieldErrors). */
    fields: Record<string, string>;
    message: (path: string, code: ErrorCode) => string;
  }) {
    setProblem(null);
    setErrors(found);
    if (found.length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      await save();
    } catch (error) {
      const fieldErrors = apiFieldErrors(error, fields, message);
      setErrors(fieldErrors);
      if (fieldErrors.length > 0) setAttempt((n) => n + 1);
      else setProblem(error);
    } finally {
      setBusy(false);
    }
  }

  return { errors, problem, attempt, busy, submit };
}
