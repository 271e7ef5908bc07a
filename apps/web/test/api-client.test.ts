import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { accessPurposeHeader } from '@fourfold/shared/situations';
import {
  ApiError,
  apiRequest,
  lazySchema,
  noContent,
  orNoContent,
  setHeadersProvider,
} from '../src/lib/api-client';

const schema = z.object({ status: z.string() });

function respond(body: string, init: { status: number; contentType?: string; requestId?: string }) {
  const headers = new Headers();
  if (init.contentType) headers.set('content-type', init.contentType);
  if (init.requestId) headers.set('x-request-id', init.requestId);
  const fetchMock = vi.fn(async () => new Response(body, { status: init.status, headers }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

afterEach(() => {
  vi.unstubAllGlobals();
  setHeadersProvider(() => ({}));
});

describe('apiRequest', () => {
  it('calls /api on the same origin and returns the validated answer', async () => {
    const fetchMock = respond('{"status":"ok"}', { status: 200, contentType: 'application/json' });
    await expect(apiRequest('/health', { schema })).resolves.toEqual({ status: 'ok' });
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/health',
      expect.objectContaining({ method: 'GET', credentials: 'same-origin' }),
    );
  });

  it('adds the headers of the headers provider', async () => {
    const fetchMock = respond('{"status":"ok"}', { status: 200, contentType: 'application/json' });
    setHeadersProvider(() => ({ authorization: 'Bearer token' }));
    await apiRequest('/health', { schema });
    const init = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(init[1].headers).toMatchObject({ authorization: 'Bearer token' });
  });

  it('sends a route’s own headers, such as a percent-encoded access purpose, never in the URL', async () => {
    const fetchMock = respond('{"status":"ok"}', { status: 200, contentType: 'application/json' });
    await apiRequest('/situations/x/identity', {
      schema,
      headers: accessPurposeHeader(' vérifier le dossier '),
    });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/situations/x/identity');
    expect(init.headers).toMatchObject({ 'access-purpose': 'v%C3%A9rifier%20le%20dossier' });
    expect(accessPurposeHeader('   ')).toEqual({});
  });

  it('keeps how long a 429 asks to wait (Retry-After, seconds)', async () => {
    const problem = {
      type: 'urn:fourfold:problem:account-locked',
      title: 'Too many failed sign-in attempts',
      status: 429,
      code: 'ACCOUNT_LOCKED',
      requestId: 'req-429',
    };
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(JSON.stringify(problem), {
            status: 429,
            headers: { 'content-type': 'application/problem+json', 'retry-after': '125' },
          }),
      ),
    );
    const error = await failure(apiRequest('/auth/login', { schema, anonymous: true }));
    expect(error).toMatchObject({ code: 'ACCOUNT_LOCKED', retryAfterSeconds: 125 });
  });

  it('turns problem details into an ApiError with their code, detail and request id', async () => {
    const problem = {
      type: 'urn:fourfold:problem:validation-failed',
      title: 'The request is not valid',
      status: 400,
      detail: 'Check the fields.',
      code: 'VALIDATION_FAILED',
      requestId: 'req-123',
      invalidParams: [{ in: 'body', path: 'name', message: 'Required' }],
    };
    respond(JSON.stringify(problem), { status: 400, contentType: 'application/problem+json' });
    const error = await failure(apiRequest('/things', { schema }));
    expect(error).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      title: 'The request is not valid',
      detail: 'Check the fields.',
      requestId: 'req-123',
      invalidParams: problem.invalidParams,
    });
  });

  it('treats an HTML error page from a proxy as the service being unavailable', async () => {
    respond('<html>Bad gateway</html>', { status: 502, contentType: 'text/html' });
    const error = await failure(apiRequest('/health', { schema }));
    expect(error).toMatchObject({ status: 502, code: 'SERVICE_UNAVAILABLE' });
  });

  it('treats a network failure as the service being unavailable', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const error = await failure(apiRequest('/health', { schema }));
    expect(error).toMatchObject({ status: 0, code: 'SERVICE_UNAVAILABLE' });
  });

  it('treats another failure without problem details as an internal error', async () => {
    respond('oops', { status: 500, contentType: 'text/plain', requestId: 'req-9' });
    const error = await failure(apiRequest('/health', { schema }));
    expect(error).toMatchObject({ status: 500, code: 'INTERNAL_ERROR', requestId: 'req-9' });
  });

  it('accepts a listed non-2xx status whose body is a valid answer', async () => {
    respond('{"status":"unavailable"}', { status: 503, contentType: 'application/json' });
    await expect(apiRequest('/health/ready', { schema, acceptStatuses: [503] })).resolves.toEqual({
      status: 'unavailable',
    });
  });

  it('rejects an answer of the wrong shape as an internal error', async () => {
    respond('{"unexpected":true}', { status: 200, contentType: 'application/json' });
    const error = await failure(apiRequest('/health', { schema }));
    expect(error.code).toBe('INTERNAL_ERROR');
  });
});

describe('answer schemas without zod in the first download', () => {
  it('loads a lazy schema with the first answer, once, and checks every answer with it', async () => {
    const load = vi.fn(async () => schema);
    const lazy = lazySchema(load);
    expect(load).not.toHaveBeenCalled();
    respond('{"status":"ok"}', { status: 200, contentType: 'application/json' });
    await expect(apiRequest('/health', { schema: lazy })).resolves.toEqual({ status: 'ok' });
    respond('{"unexpected":true}', { status: 200, contentType: 'application/json' });
    const error = await failure(apiRequest('/health', { schema: lazy }));
    expect(error.code).toBe('INTERNAL_ERROR');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('fails the call as unavailable when the schema cannot be loaded, and loads it again next time', async () => {
    const load = vi
      .fn<() => Promise<typeof schema>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockResolvedValue(schema);
    const lazy = lazySchema(load);
    respond('{"status":"ok"}', { status: 200, contentType: 'application/json' });
    const error = await failure(apiRequest('/health', { schema: lazy }));
    expect(error).toMatchObject({ status: 0, code: 'SERVICE_UNAVAILABLE' });
    respond('{"status":"ok"}', { status: 200, contentType: 'application/json' });
    await expect(apiRequest('/health', { schema: lazy })).resolves.toEqual({ status: 'ok' });
  });

  it('accepts 204 for noContent and orNoContent, without loading the lazy schema', async () => {
    const load = vi.fn(async () => schema);
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(null, { status: 204 })),
    );
    await expect(apiRequest('/x', { method: 'POST', schema: noContent })).resolves.toBeUndefined();
    await expect(
      apiRequest('/x', { method: 'POST', schema: orNoContent(lazySchema(load)) }),
    ).resolves.toBeUndefined();
    expect(load).not.toHaveBeenCalled();
    respond('{"status":"ok"}', { status: 200, contentType: 'application/json' });
    await expect(
      apiRequest('/x', { method: 'POST', schema: orNoContent(lazySchema(load)) }),
    ).resolves.toEqual({ status: 'ok' });
  });

  it('refuses a body where no content is expected', async () => {
    respond('{"status":"ok"}', { status: 200, contentType: 'application/json' });
    const error = await failure(apiRequest('/x', { method: 'POST', schema: noContent }));
    expect(error.code).toBe('INTERNAL_ERROR');
  });
});
