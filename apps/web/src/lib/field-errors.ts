/**
 * Errors of a form's fields, from the person's own input (checked before sending) or from the
 * API's answer, whose invalidParams name the failing fields (never their values).
 */
import type { ErrorCode } from '@fourfold/shared/error-codes';
import { ApiError } from './api-client';

export type FieldError = { fieldId: string; message: string };

/**
 * The API's failing fields that this form shows, each with a message in the page's language.
 * `fields` maps an API path (e.g. `name`) to the id of its control; `message` words the failure.
 * An answer naming no field of the form gives [], and the form shows the problem as a whole.
 */
export function apiFieldErrors(
  error: unknown,
  fields: Record<string, string>,
  message: (path: string, code: ErrorCode) => string,
): FieldError[] {
  if (!(error instanceof ApiError)) return [];
  const errors: FieldError[] = [];
  for (const param of error.invalidParams) {
    const fieldId = fields[param.path];
    if (fieldId && !errors.some((known) => known.fieldId === fieldId)) {
      errors.push({ fieldId, message: message(param.path, error.code) });
    }
  }
  return errors;
}

export const errorFor = (errors: readonly FieldError[], fieldId: string) =>
  errors.find((error) => error.fieldId === fieldId)?.message;
