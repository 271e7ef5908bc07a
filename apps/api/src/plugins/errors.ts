/**
 * One error model: every error leaves as application/problem+json (RFC 9457) with a code from the
 * closed list in @fourfold/shared/error-codes and the request id. Fastify's default handler would echo
 * error messages (which can carry SQL, constraint names or values); this one never reveals more
 * than the code's title for anything it does not recognise. (Unknown routes are answered by
 * plugins/web.ts, which also serves the single-page app.)
 */
import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import {
  PROBLEM_CONTENT_TYPE,
  errorCatalogue,
  problemType,
  type ErrorCode,
} from '@fourfold/shared/error-codes';
import type { InvalidParam, Problem } from '@fourfold/shared/problem';
import { databaseInputProblem, isDatabaseUnavailable } from '../lib/database-errors';
import { AppError } from '../lib/errors';

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  options: {
    status?: number;
    detail?: string;
    invalidParams?: InvalidParam[];
    personalData?: Problem['personalData'];
  } = {},
) {
  const status = options.status ?? errorCatalogue[code].status;
  const problem: Problem = {
    type: problemType(code),
    title: errorCatalogue[code].title,
    status,
    code,
    requestId: String(request.id),
    ...(options.detail ? { detail: options.detail } : {}),
    ...(options.invalidParams ? { invalidParams: options.invalidParams } : {}),
    ...(options.personalData ? { personalData: options.personalData } : {}),
  };
  return reply
    .code(status)
    .header('content-type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`)
    .serializer(JSON.stringify)
    .send(problem);
}

/**
 * Fastify's `frameworkErrors` option: errors the router raises before a route is known (a path
 * that is not valid percent-encoding, a parameter over the length limit). Only the code is used;
 * Fastify's own answer would quote the path.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  reply.header('x-request-id', request.id);
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return sendProblem(request, reply, 'BAD_REQUEST', {
      status: 414,
      detail: 'A part of the URL is too long.',
    });
  }
  if (error.code === 'FST_ERR_BAD_URL') {
    return sendProblem(request, reply, 'BAD_REQUEST', {
      detail: 'The URL is not valid percent-encoded UTF-8.',
    });
  }
  request.log.error({ err: { type: error.name, code: error.code } }, 'framework error');
  return sendProblem(request, reply, 'INTERNAL_ERROR');
}

/** Fastify's own client errors (bad JSON, wrong content type, body too large) by their code. */
const fastifyClientErrors: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
};

/** What a client is told to wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (error instanceof AppError) {
        if (error.headers) reply.headers(error.headers);
        return sendProblem(request, reply, error.code, {
          status: error.status,
          ...(error.detail ? { detail: error.detail } : {}),
          ...(error.invalidParams ? { invalidParams: error.invalidParams } : {}),
          ...(error.personalData ? { personalData: error.personalData } : {}),
        });
      }
      if (hasZodFastifySchemaValidationErrors(error)) {
        const where = (error.validationContext ?? 'body') as InvalidParam['in'];
        return sendProblem(request, reply, 'VALIDATION_FAILED', {
          detail: 'Some fields are missing or not valid.',
          invalidParams: error.validation.map((issue) => ({
            in: where === ('querystring' as string) ? 'query' : where,
            path: issue.instancePath.replace(/^\//, '').replaceAll('/', '.'),
            message: issue.message ?? 'is not valid',
          })),
        });
      }
      const clientCode = error.code ? fastifyClientErrors[error.code] : undefined;
      if (clientCode) {
        return sendProblem(request, reply, clientCode, { status: error.statusCode ?? 400 });
      }
      if (error.statusCode === 429) return sendProblem(request, reply, 'RATE_LIMITED');
      if (isDatabaseUnavailable(error)) {
        // The database restarts or cannot be reached: a retryable 503, never a 500. Logged at
        // warn with the class and code only (one line per connection lost is in db/database.ts).
        request.log.warn({ err: { type: error.name, code: error.code } }, 'database unavailable');
        reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
        return sendProblem(request, reply, 'DATABASE_UNAVAILABLE');
      }
      // Any other client error Fastify or a plugin raises (it sets a 4xx status): the request
      // was at fault, so a 4xx, without the error's message.
      if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
        return sendProblem(request, reply, 'BAD_REQUEST', { status: error.statusCode });
      }
      // A value the database refused (class 22 or 23): the caller's input, so a 4xx. The log
      // line has the SQLSTATE only; the driver's message quotes values.
      const inputProblem = databaseInputProblem(error);
      if (inputProblem) {
        request.log.warn({ sqlState: inputProblem.sqlState }, 'database refused the input');
        return sendProblem(request, reply, inputProblem.code, {
          status: inputProblem.status,
          detail: inputProblem.detail,
        });
      }
      // Unknown: log the class, code and call sites, never the message (driver errors quote values).
      request.log.error(
        { err: { type: error.name, code: error.code, stack: stackWithoutMessage(error.stack) } },
        'unhandled error',
      );
      return sendProblem(request, reply, 'INTERNAL_ERROR');
    });
  },
  { name: 'errors' },
);

function stackWithoutMessage(stack: string | undefined): string | undefined {
  return stack
    ?.split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .join('\n');
}
