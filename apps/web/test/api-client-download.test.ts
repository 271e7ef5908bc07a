import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  apiDownload,
  setHeadersProvider,
  setUnauthorizedHandler,
} from '../src/lib/api-client';

function respondWith(...responses: Array<() => Response>) {
  const fetchMock = vi.fn();
  for (const response of responses) fetchMock.mockImplementationOnce(async () => response());
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const pdf = () =>
  new Response('%PDF-1.7 test', {
    status: 200,
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': 'attachment; filename="minutes-RIV-2026-11-30.pdf"',
    },
  });

const problem = (status: number, code: string) =>
  new Response(JSON.stringify({ type: 'urn:x', title: 't', status, code, requestId: 'req-1' }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

afterEach(() => {
  vi.unstubAllGlobals();
  setHeadersProvider(() => ({}));
  setUnauthorizedHandler(null);
});

describe('apiDownload', () => {
  it('sends the bearer token in a header, never in the URL, and returns the file and its name', async () => {
    const fetchMock = respondWith(pdf);
    setHeadersProvider(() => ({ authorization: 'Bearer secret-token' }));
    const download = await apiDownload('/meetings/m1/minutes.pdf?lang=fr', 'application/pdf');
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/meetings/m1/minutes.pdf?lang=fr');
    expect(url).not.toContain('secret-token');
    expect(init.headers).toMatchObject({ authorization: 'Bearer secret-token' });
    expect(init.cache).toBe('no-store');
    expect(download.fileName).toBe('minutes-RIV-2026-11-30.pdf');
    expect(await download.blob.text()).toBe('%PDF-1.7 test');
  });

  it('turns a problem answer into an ApiError with its code', async () => {
    respondWith(() => problem(404, 'NOT_FOUND'));
    await expect(apiDownload('/meetings/m1/minutes.pdf', 'application/pdf')).rejects.toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
  });

  it('refuses an answer of another type', async () => {
    respondWith(
      () => new Response('<html>', { status: 200, headers: { 'content-type': 'text/html' } }),
    );
    const error = await apiDownload('/x', 'application/pdf').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
  });

  it('renews expired credentials once and downloads again', async () => {
    const fetchMock = respondWith(() => problem(401, 'UNAUTHENTICATED'), pdf);
    setUnauthorizedHandler(async () => true);
    const download = await apiDownload('/meetings/m1/minutes.pdf', 'application/pdf');
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(download.fileName).toBe('minutes-RIV-2026-11-30.pdf');
  });
});
