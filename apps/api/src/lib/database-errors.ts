/**
 * What a database error means for the caller. Every route goes through `plugins/errors.ts`, which
 * asks these functions, so the mapping lives in one place.
 */
import type { ErrorCode } from '@fourfold/shared/problem';

/** A PostgreSQL SQLSTATE (node-postgres and PGlite both put it on `code`): five characters. */
function sqlStateOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

export type DatabaseInputProblem = {
  code: ErrorCode;
  status: number;
  detail: string;
  /** The SQLSTATE, for the log line: a class and number, never a value. */
  sqlState: string;
};

/**
 * A database error caused by the request's input, as a 4xx problem; undefined for anything else
 * (which stays an opaque 500). Class 22 (data exception: a value out of range, malformed, NUL in
 * text…) and class 23 (integrity constraint violation). The driver's message, detail and
 * constraint name are never used: they quote values and name the schema.
 *
 * Schemas should refuse such input first (text(), idSchema, bounded numbers, validated cursors);
 * this is the net under them, so a value they miss is a 4xx and not a 500.
 */
export function databaseInputProblem(error: unknown): DatabaseInputProblem | undefined {
  const sqlState = sqlStateOf(error);
  if (!sqlState) return undefined;
  if (sqlState.startsWith('22')) {
    return {
      code: 'VALIDATION_FAILED',
      status: 400,
      detail: 'A value in the request is malformed or out of range.',
      sqlState,
    };
  }
  switch (sqlState) {
    case '23505': // unique_violation
      return {
        code: 'CONFLICT',
        status: 409,
        detail: 'Something with the same unique value already exists.',
        sqlState,
      };
    case '23503': // foreign_key_violation
      return {
        code: 'CONFLICT',
        status: 409,
        detail: 'The request refers to something that does not exist, or that is still in use.',
        sqlState,
      };
    case '23502': // not_null_violation
    case '23514': // check_violation
      return {
        code: 'VALIDATION_FAILED',
        status: 422,
        detail: 'A value in the request is not allowed here.',
        sqlState,
      };
    case '23P01': // exclusion_violation
      return {
        code: 'CONFLICT',
        status: 409,
        detail: 'The request conflicts with an existing record.',
        sqlState,
      };
  }
  if (sqlState.startsWith('23')) {
    return {
      code: 'CONFLICT',
      status: 409,
      detail: 'The request conflicts with the records it refers to.',
      sqlState,
    };
  }
  return undefined;
}
