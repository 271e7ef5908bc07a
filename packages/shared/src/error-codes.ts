/**
 * The error codes of Fourfold's one error model (RFC 9457 problem details, `problem.ts`): the
 * closed list, each code's status and English title, and the media type and `type` URI of a
 * problem. Plain constants without zod, so that the web's first download (the API client, which
 * turns every failure into an ApiError) can carry them; `problem.ts` builds the schemas from them.
 */

/** Every machine-readable error code the API can answer with. Closed: add here, never inline. */
export const errorCodes = [
  'BAD_REQUEST',
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'DATABASE_UNAVAILABLE',
  'MAIL_UNAVAILABLE',
  'INTERNAL_ERROR',
  // Sign-in and sessions
  'INVALID_CREDENTIALS',
  'SECOND_FACTOR_CODE_REQUIRED',
  'ACCOUNT_LOCKED',
  'WEAK_PASSWORD',
  'LINK_INVALID',
  // Access policy
  'SECOND_FACTOR_REQUIRED',
  'AGREEMENT_REQUIRED',
  'IDENTITY_NOT_AVAILABLE',
  // Situations
  'INVALID_TRANSITION',
  'PRECONDITION_FAILED',
  'PRECONDITION_REQUIRED',
  'PERSONAL_DATA_IN_SUMMARY',
  'NAMES_NOT_CONFIRMED',
  // Meetings
  'MINUTES_ALREADY_APPROVED',
  // Action items and report-backs
  'PERSONAL_DATA_IN_TEXT',
  'MEETING_NOT_SCHEDULED',
  'MEETING_NOT_OPEN',
  'MEETING_ENDED',
  'MEETING_ALREADY_OPEN',
  'ATTENDANCE_REQUIRED',
  'TABLE_HAS_NO_MEETING_DAY',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** Default HTTP status and English title for each code; a thrown error may override the status. */
export const errorCatalogue: Record<ErrorCode, { status: number; title: string }> = {
  BAD_REQUEST: { status: 400, title: 'Bad request' },
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid' },
  UNAUTHENTICATED: { status: 401, title: 'Sign-in required' },
  FORBIDDEN: { status: 403, title: 'Not allowed' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  CONFLICT: { status: 409, title: 'Conflict' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Request too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  SERVICE_UNAVAILABLE: { status: 503, title: 'Service unavailable' },
  DATABASE_UNAVAILABLE: { status: 503, title: 'The database is unavailable; try again shortly' },
  MAIL_UNAVAILABLE: { status: 503, title: 'The e-mail could not be sent' },
  INTERNAL_ERROR: { status: 500, title: 'Internal error' },
  INVALID_CREDENTIALS: { status: 401, title: 'E-mail, password or code not recognised' },
  SECOND_FACTOR_CODE_REQUIRED: { status: 401, title: 'A code from your authenticator is needed' },
  ACCOUNT_LOCKED: { status: 429, title: 'Too many failed sign-in attempts' },
  WEAK_PASSWORD: { status: 422, title: 'Choose a stronger password' },
  LINK_INVALID: { status: 410, title: 'This link is no longer valid' },
  SECOND_FACTOR_REQUIRED: { status: 403, title: 'This table requires two-step verification' },
  AGREEMENT_REQUIRED: { status: 403, title: 'Accept the confidentiality agreement first' },
  IDENTITY_NOT_AVAILABLE: { status: 403, title: 'Identity is not available to you' },
  INVALID_TRANSITION: { status: 409, title: 'Not possible at this stage' },
  PRECONDITION_FAILED: { status: 412, title: 'Changed since you loaded it' },
  PRECONDITION_REQUIRED: { status: 428, title: 'The current version is required (If-Match)' },
  PERSONAL_DATA_IN_SUMMARY: { status: 422, title: 'The summary contains personal data' },
  NAMES_NOT_CONFIRMED: {
    status: 422,
    title: 'Confirm that the highlighted words in the summary are not names',
  },
  MINUTES_ALREADY_APPROVED: { status: 409, title: 'These minutes are already approved' },
  PERSONAL_DATA_IN_TEXT: { status: 422, title: 'The text contains personal data' },
  MEETING_NOT_SCHEDULED: { status: 409, title: 'Only a scheduled meeting can do this' },
  MEETING_NOT_OPEN: { status: 409, title: 'The meeting is not open' },
  MEETING_ENDED: { status: 409, title: 'The meeting is closed or cancelled' },
  MEETING_ALREADY_OPEN: { status: 409, title: 'Another meeting of this table is open' },
  ATTENDANCE_REQUIRED: { status: 422, title: 'Record which agencies are present first' },
  TABLE_HAS_NO_MEETING_DAY: { status: 422, title: 'The table has no meeting day and time' },
};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The `type` URI of a code: stable, documented in the OpenAPI description. */
export function problemType(code: ErrorCode): string {
  return `urn:fourfold:problem:${code.toLowerCase().replaceAll('_', '-')}`;
}
