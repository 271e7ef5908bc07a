/**
 * The web app's only way to call the API: same origin, under /api, JSON in and out. Every failure
 * leaves as an ApiError with a code from the shared catalogue, so screens never inspect raw
 * responses: a problem+json answer keeps the API's code and request id; anything else (the network
 * is down, a proxy answers with an HTML error page, a body of the wrong shape) gets a code here.
 *
 * This file is in the first download, which carries no zod (`pnpm check:bundle`): answers are
 * checked by any `AnswerSchema` — a zod schema, or `lazySchema(() => import(…))` for the calls the
 * first page makes, which loads zod and the shared schemas with the first answer that needs them —
 * and problem details by the shared `problemSchema`, loaded the same way on the first failure.
 */
import { PROBLEM_CONTENT_TYPE, errorCatalogue, type ErrorCode } from '@fourfold/shared/error-codes';
import type { InvalidParam, Problem } from '@fourfold/shared/problem';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status of the answer; 0 when no answer arrived at all. */
  readonly status: number;
  readonly code: ErrorCode;
  readonly title: string;
  readonly detail: string | undefined;
  /** The API's id of the request, for support to find it in the logs; absent if none was sent. */
  readonly requestId: string | undefined;
  readonly invalidParams: readonly InvalidParam[];
  /** Where personal data was found in de-identified text (kind and offsets, never the value). */
  readonly personalData: NonNullable<Problem['personalData']>;
  /** How long the API asks to wait before trying again (its Retry-After, in seconds). */
  readonly retryAfterSeconds: number | undefined;

  constructor(fields: {
    status: number;
    code: ErrorCode;
    title?: string;
    detail?: string | undefined;
    requestId?: string | undefined;
    invalidParams?: readonly InvalidParam[] | undefined;
    personalData?: Problem['personalData'];
    retryAfterSeconds?: number | undefined;
  }) {
    const title = fields.title ?? errorCatalogue[fields.code].title;
    super(title);
    this.status = fields.status;
    this.code = fields.code;
    this.title = title;
    this.detail = fields.detail;
    this.requestId = fields.requestId;
    this.invalidParams = fields.invalidParams ?? [];
    this.personalData = fields.personalData ?? [];
    this.retryAfterSeconds = fields.retryAfterSeconds;
  }

  /** Any thrown value as an ApiError, so that error screens handle one type only. */
  static from(error: unknown): ApiError {
    if (error instanceof ApiError) return error;
    return new ApiError({ status: 0, code: 'INTERNAL_ERROR' });
  }
}

/** A check's outcome, as zod's `safeParse` gives it. */
export type ParseResult<T> = { success: true; data: T } | { success: false };

/**
 * What checks an answer and gives what the call returns: any zod schema is one; so are
 * `lazySchema(…)`, `orNoContent(…)` and `noContent`, which need no zod in the first download.
 */
export type AnswerSchema<T> = {
  safeParse(value: unknown): ParseResult<T> | Promise<ParseResult<T>>;
};

/**
 * A schema loaded when the first answer needs it, e.g. `lazySchema(() => import('…/auth').then(
 * (m) => m.meSchema))`: for the calls the first page makes, so that zod and the shared schemas are
 * not in the first download. The answer is checked all the same. A failed load (the network went
 * away) fails the call as SERVICE_UNAVAILABLE, and the next call tries again.
 */
export function lazySchema<T>(load: () => Promise<AnswerSchema<T>>): AnswerSchema<T> {
  let loading: Promise<AnswerSchema<T>> | null = null;
  return {
    async safeParse(value) {
      loading ??= load();
      let schema: AnswerSchema<T>;
      try {
        schema = await loading;
      } catch {
        loading = null;
        throw new ApiError({ status: 0, code: 'SERVICE_UNAVAILABLE' });
      }
      return schema.safeParse(value);
    },
  };
}

/** An answer without a body (204 No Content), as zod's `z.undefined()` would check it. */
export const noContent: AnswerSchema<undefined> = {
  safeParse: (value) =>
    value === undefined ? { success: true, data: undefined } : { success: false },
};

/** `schema`, or no body at all (204), as zod's `.optional()`; a 204 does not load a lazy schema. */
export function orNoContent<T>(schema: AnswerSchema<T>): AnswerSchema<T | undefined> {
  return {
    safeParse: (value) =>
      value === undefined ? { success: true, data: undefined } : schema.safeParse(value),
  };
}

/** The shared problem details schema, loaded on the first failure (it needs zod). */
const problemDetails = lazySchema(() =>
  import('@fourfold/shared/problem').then((module) => module.problemSchema),
);

/** Headers added to every request; the session adds `Authorization: Bearer …`. */
export type HeadersProvider = () => Record<string, string> | Promise<Record<string, string>>;

let headersProvider: HeadersProvider = () => ({});

/** The one place where request headers are injected, e.g. `Authorization: Bearer …`. */
export function setHeadersProvider(provider: HeadersProvider): void {
  headersProvider = provider;
}

/** The request that met a 401, as far as the handler needs to know it. */
export type UnauthorizedRequest = { method: NonNullable<ApiRequestOptions<unknown>['method']> };
const READ: UnauthorizedRequest = { method: 'GET' };

/**
 * Called when a request that carried credentials is answered 401: the access token expired or was
 * invalidated (a membership changed, the session ended). Resolves true when fresh credentials are
 * in place, and the request is then sent once more — possibly much later, after the person signed
 * in again over the page (the session store decides, by the request's method).
 */
export type UnauthorizedHandler = (request: UnauthorizedRequest) => Promise<boolean>;
let unauthorizedHandler: UnauthorizedHandler | null = null;

export function setUnauthorizedHandler(handler: UnauthorizedHandler | null): void {
  unauthorizedHandler = handler;
}

/**
 * The session's request headers (`Authorization: Bearer …`), for the one call that cannot go
 * through `apiRequest`: the live view's event stream, read as it arrives.
 */
export async function credentialHeaders(): Promise<Record<string, string>> {
  return headersProvider();
}

/**
 * Renews the session's credentials as a 401 would (one renewal shared by all callers); resolves
 * true when fresh ones are in place. For callers outside `apiRequest` (the live view, a read).
 */
export async function renewCredentials(): Promise<boolean> {
  return unauthorizedHandler ? unauthorizedHandler(READ) : false;
}

export type ApiRequestOptions<T> = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  /** Validates the answer; its output is what the call returns. */
  schema: AnswerSchema<T>;
  /**
   * Statuses besides 2xx whose JSON body is a valid answer rather than a failure: readiness, for
   * one, answers 503 with a body that says what is down.
   */
  acceptStatuses?: readonly number[];
  signal?: AbortSignal;
  /** Send without the session's credentials (sign-in and token refresh themselves). */
  anonymous?: boolean;
  /**
   * The version the change is based on, sent as `If-Match` (optimistic concurrency): the ETag of
   * the GET that showed the data. The API answers 412 PRECONDITION_FAILED when it is stale.
   */
  ifMatch?: string;
  /** Further request headers a particular route takes (e.g. `Access-Purpose`). */
  headers?: Readonly<Record<string, string>>;
};

/** An answer with the `ETag` that identifies its version (null when the API sent none). */
export type Versioned<T> = { data: T; etag: string | null };

/** Calls `/api${path}`; `path` starts with a slash, e.g. `/health/ready`. */
export async function apiRequest<T>(path: string, options: ApiRequestOptions<T>): Promise<T> {
  return (await apiRequestVersioned(path, options)).data;
}

/** As `apiRequest`, also returning the answer's `ETag`, to send back later as `ifMatch`. */
export async function apiRequestVersioned<T>(
  path: string,
  options: ApiRequestOptions<T>,
): Promise<Versioned<T>> {
  return withFreshCredentials(
    () => sendOnce(path, options),
    options.anonymous ? null : { method: options.method ?? 'GET' },
  );
}

/** Sends once; on a 401 from expired credentials, renews them and sends once more. */
async function withFreshCredentials<R>(
  send: () => Promise<R>,
  /** The request, unless it is sent without credentials (nothing to renew then). */
  request: UnauthorizedRequest | null,
): Promise<R> {
  try {
    return await send();
  } catch (error) {
    const retry =
      error instanceof ApiError &&
      error.status === 401 &&
      error.code === 'UNAUTHENTICATED' &&
      request !== null &&
      unauthorizedHandler !== null &&
      (await unauthorizedHandler(request));
    if (!retry) throw error;
    return send();
  }
}

/** A file the API answers with (a PDF): its bytes and the name the API gave it. */
export type Download = { blob: Blob; fileName: string | null };

/**
 * GETs a binary answer of `contentType` (`application/pdf`) with the session's credentials in
 * the headers — never in the URL, so a token cannot end up in history, logs or a shared link.
 * Failures are ApiErrors, as for JSON calls.
 */
export async function apiDownload(
  path: string,
  contentType: string,
  options: { signal?: AbortSignal } = {},
): Promise<Download> {
  return withFreshCredentials(async () => {
    if (!path.startsWith('/')) throw new TypeError(`API path must start with "/": ${path}`);
    const headers: Record<string, string> = {
      accept: `${contentType}, ${PROBLEM_CONTENT_TYPE}`,
      ...(await headersProvider()),
    };
    let response: Response;
    try {
      response = await fetch(`/api${path}`, {
        headers,
        credentials: 'same-origin',
        cache: 'no-store',
        signal: options.signal,
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new ApiError({ status: 0, code: 'SERVICE_UNAVAILABLE' });
    }
    const requestId = response.headers.get('x-request-id') ?? undefined;
    const type = response.headers.get('content-type') ?? '';
    if (type.startsWith(PROBLEM_CONTENT_TYPE)) {
      const problem = await problemDetails.safeParse(await readJson(response, options.signal));
      if (problem.success) {
        throw new ApiError({ ...problem.data, retryAfterSeconds: retryAfterSeconds(response) });
      }
      throw failureWithoutProblem(response.status, requestId);
    }
    if (!response.ok || !type.startsWith(contentType)) {
      throw failureWithoutProblem(response.status, requestId);
    }
    return {
      blob: await response.blob(),
      fileName: fileNameOf(response.headers.get('content-disposition')),
    };
  }, READ);
}

/** The plain `filename="…"` of a Content-Disposition header (the API sends ASCII names only). */
function fileNameOf(disposition: string | null): string | null {
  const match = disposition ? /filename="([^"\\/]+)"/.exec(disposition) : null;
  return match?.[1] ?? null;
}

async function sendOnce<T>(path: string, options: ApiRequestOptions<T>): Promise<Versioned<T>> {
  if (!path.startsWith('/')) throw new TypeError(`API path must start with "/": ${path}`);
  const headers: Record<string, string> = { accept: `application/json, ${PROBLEM_CONTENT_TYPE}` };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.ifMatch !== undefined) headers['if-match'] = options.ifMatch;
  if (options.headers !== undefined) Object.assign(headers, options.headers);
  if (!options.anonymous) Object.assign(headers, await headersProvider());

  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      // Situation data must never sit in the browser's HTTP cache.
      cache: 'no-store',
      signal: options.signal,
    });
  } catch (error) {
    // Cancellation (TanStack Query aborts stale requests) is not a failure to report.
    if (options.signal?.aborted) throw error;
    throw new ApiError({ status: 0, code: 'SERVICE_UNAVAILABLE' });
  }

  const requestId = response.headers.get('x-request-id') ?? undefined;
  const contentType = response.headers.get('content-type') ?? '';

  if (contentType.startsWith(PROBLEM_CONTENT_TYPE)) {
    const problem = await problemDetails.safeParse(await readJson(response, options.signal));
    if (problem.success) {
      throw new ApiError({ ...problem.data, retryAfterSeconds: retryAfterSeconds(response) });
    }
    throw failureWithoutProblem(response.status, requestId);
  }

  const accepted = response.ok || (options.acceptStatuses ?? []).includes(response.status);
  const hasBody = response.status !== 204;
  if (!accepted || (hasBody && !contentType.startsWith('application/json'))) {
    throw failureWithoutProblem(response.status, requestId);
  }
  const parsed = await options.schema.safeParse(
    hasBody ? await readJson(response, options.signal) : undefined,
  );
  // An answer of the wrong shape means the web and the API disagree: a bug, not the user's doing.
  if (!parsed.success) {
    throw new ApiError({ status: response.status, code: 'INTERNAL_ERROR', requestId });
  }
  return { data: parsed.data, etag: response.headers.get('etag') };
}

/** Retry-After as a number of seconds (the API never sends the HTTP-date form). */
function retryAfterSeconds(response: Response): number | undefined {
  const value = response.headers.get('retry-after');
  return value !== null && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** The body as JSON, or undefined when it is not JSON (the caller's schema then rejects it). */
async function readJson(response: Response, signal: AbortSignal | undefined): Promise<unknown> {
  try {
    return await response.json();
  } catch (error) {
    if (signal?.aborted) throw error;
    return undefined;
  }
}

/** A failure that carries no problem details, as from a proxy or load balancer in front of us. */
function failureWithoutProblem(status: number, requestId: string | undefined): ApiError {
  const unavailable = status === 502 || status === 503 || status === 504;
  return new ApiError({
    status,
    code: unavailable ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_ERROR',
    requestId,
  });
}
