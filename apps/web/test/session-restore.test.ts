/**
 * A page opened while signed in restores its session on load, and its route's loader asks for the
 * page's data as soon as the session is back. The page's code (its route's `lazy`) waits for
 * `loadersAsked` before it is evaluated: on a phone that evaluation is hundreds of milliseconds of
 * work, which must not hold the data's requests back (#12, point 5). Against a fake fetch.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { meOf } from './support/me';

const me = meOf('30000000-0000-4000-8000-000000000001', 'police@riverside.demo');

const json = (body: unknown) =>
  new Response(JSON.stringify(body), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });

const anything = { safeParse: (value: unknown) => ({ success: true as const, data: value }) };

/** A fresh store and client, with a fetch that notes each request in `events`. */
async function restoringPage(events: string[]) {
  vi.resetModules();
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      events.push(`request ${url}`);
      if (url === '/api/auth/refresh') return json({ accessToken: 'token-1', expiresIn: 600, me });
      return json({});
    }),
  );
  const { sessionStore } = await import('../src/features/auth/session-store');
  const { apiRequest } = await import('../src/lib/api-client');
  void sessionStore.restore();
  // A route's loader (home-prefetch.ts, situation-prefetch.ts): the data, once the session is back.
  const loader = async () => {
    const session = await sessionStore.settled();
    if (session.status === 'signed-in') await apiRequest('/me/work', { schema: anything });
  };
  return { sessionStore, loader };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a page restoring its session on load', () => {
  it('evaluates its code only once its loader has asked for the data', async () => {
    const events: string[] = [];
    const { sessionStore, loader } = await restoringPage(events);
    // react-router calls the route's `lazy` before its loader.
    const code = sessionStore.loadersAsked().then(() => events.push('page code'));
    const data = loader();
    await Promise.all([code, data]);
    expect(events).toEqual(['request /api/auth/refresh', 'request /api/me/work', 'page code']);
  });

  it('would evaluate the code first if it waited only for the session', async () => {
    // The control: `settled` alone lets the code run before the loader has sent anything.
    const events: string[] = [];
    const { sessionStore, loader } = await restoringPage(events);
    const code = sessionStore.settled().then(() => events.push('page code'));
    const data = loader();
    await Promise.all([code, data]);
    expect(events).toEqual(['request /api/auth/refresh', 'page code', 'request /api/me/work']);
  });

  it('does not wait for anything more when the session is already known', async () => {
    const events: string[] = [];
    const { sessionStore } = await restoringPage(events);
    await sessionStore.settled();
    await sessionStore.loadersAsked();
    expect(sessionStore.getState().status).toBe('signed-in');
    expect(events).toEqual(['request /api/auth/refresh']);
  });
});
