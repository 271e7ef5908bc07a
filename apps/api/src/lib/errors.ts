/**
 * The errors services throw. One error handler (plugins/errors.ts) turns each into problem+json;
 * anything that is not an AppError becomes an opaque 500.
 */
import { errorCatalogue, type ErrorCode, type InvalidParam } from '@fourfold/shared/problem';

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    /** Shown to the caller: must never quote a personal value. */
    readonly detail?: string,
    options: {
      status?: number;
      invalidParams?: InvalidParam[];
      headers?: Record<string, string>;
    } = {},
  ) {
    super(detail ?? errorCatalogue[code].title);
    this.name = 'AppError';
    this.status = options.status ?? errorCatalogue[code].status;
    this.invalidParams = options.invalidParams;
    this.headers = options.headers;
  }
  readonly invalidParams: InvalidParam[] | undefined;
  readonly headers: Record<string, string> | undefined;
}

export const notFound = (detail = 'The resource does not exist or is not visible to you.') =>
  new AppError('NOT_FOUND', detail);
