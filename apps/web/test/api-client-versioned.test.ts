// The optimistic-concurrency side of the API client: If-Match out, ETag in, and the personal-data
// findings of a refused summary.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError, apiRequest, apiRequestVersioned } from '../src/lib/api-client';

afterEach(() => {
  vi.unstubAllGlobals();
});

function stubFetch(response: () => Response) {
  const fetchMock = vi.fn(async () => response());
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const schema = z.object({ id: z.string() });

describe('apiRequestVersioned', () => {
  it('returns the answer with its ETag', async () => {
    stubFetch(
      () =>
        new Response('{"id":"a"}', {
          status: 200,
          headers: { 'content-type': 'application/json', etag: '"7"' },
        }),
    );
    await expect(apiRequestVersioned('/situations/a', { schema })).resolves.toEqual({
      data: { id: 'a' },
      etag: '"7"',
    });
  });

  it('returns a null ETag when the API sent none, and apiRequest still returns the data only', async () => {
    stubFetch(
      () =>
        new Response('{"id":"a"}', {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
    );
    await expect(apiRequestVersioned('/x', { schema })).resolves.toEqual({
      data: { id: 'a' },
      etag: null,
    });
    await expect(apiRequest('/x', { schema })).resolves.toEqual({ id: 'a' });
  });

  it('sends If-Match when given, and only then', async () => {
    const fetchMock = stubFetch(() => new Response(null, { status: 204 }));
    await apiRequest('/situations/a/submit', {
      method: 'POST',
      schema: z.undefined(),
      ifMatch: '"7"',
    });
    await apiRequest('/situations/a/submit', { method: 'POST', schema: z.undefined() });
    const calls = fetchMock.mock.calls as unknown as Array<[string, RequestInit]>;
    expect(calls[0]?.[1].headers).toMatchObject({ 'if-match': '"7"' });
    expect(calls[1]?.[1].headers).not.toHaveProperty('if-match');
  });

  it('keeps the personal-data findings of a refused summary, never a value', async () => {
    const problem = {
      type: 'urn:fourfold:problem:personal-data-in-summary',
      title: 'The summary contains personal data',
      status: 422,
      code: 'PERSONAL_DATA_IN_SUMMARY',
      requestId: 'req-1',
      personalData: [{ field: 'summary', kind: 'phone', start: 4, end: 16 }],
    };
    stubFetch(
      () =>
        new Response(JSON.stringify(problem), {
          status: 422,
          headers: { 'content-type': 'application/problem+json' },
        }),
    );
    const error = await apiRequest('/tables/t/situations', { method: 'POST', schema }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).personalData).toEqual(problem.personalData);
  });

  it('has no findings on other errors', () => {
    expect(new ApiError({ status: 412, code: 'PRECONDITION_FAILED' }).personalData).toEqual([]);
  });
});
