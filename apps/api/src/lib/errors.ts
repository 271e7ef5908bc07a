/**
 * The errors services throw. One error handler (plugins/errors.ts) turns each into problem+json;
 * anything that is not an AppError becomes an opaque 500.
 */
import { errorCatalogue, type ErrorCode } from '@fourfold/shared/error-codes';
import type { InvalidParam, Problem } from '@fourfold/shared/problem';

/** Where personal data was found in de-identified text: kinds and offsets, never the values. */
export type PersonalDataLocation = NonNullable<Problem['personalData']>[number];

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    /** Shown to the caller: must never quote a personal value. */
    readonly detail?: string,
    options: {
      status?: number;
      invalidParams?: InvalidParam[];
      personalData?: PersonalDataLocation[];
      headers?: Record<string, string>;
    } = {},
  ) {
    super(detail ?? errorCatalogue[code].title);
    this.name = 'AppError';
    this.status = options.status ?? errorCatalogue[code].status;
    this.invalidParams = options.invalidParams;
    this.personalData = options.personalData;
    this.headers = options.headers;
  }
  readonly invalidParams: InvalidParam[] | undefined;
  readonly personalData: PersonalDataLocation[] | undefined;
  readonly headers: Record<string, string> | undefined;
}

export const notFound = (detail = 'The resource does not exist or is not visible to you.') =>
  new AppError('NOT_FOUND', detail);
