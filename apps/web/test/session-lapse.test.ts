/**
 * The session store when the session lapses under an open page: the request that met the 401
 * waits for the same person to sign in again and is then sent again; cancelling fails the save
 * but not the page; signing out on purpose asks nothing. Against a small fake of the auth API.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { meOf } from './support/me';

const PERSON = '30000000-0000-4000-8000-000000000001';
const SOMEONE_ELSE = '30000000-0000-4000-8000-000000000002';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const problem = (status: number, code: string) =>
  new Response(JSON.stringify({ type: 'urn:x', title: 't', status, code, requestId: 'req-1' }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

/**
 * The API as far as these tests need it: a token is good while its session is (`endSession`
 * ends it, and the refresh cookie with it); `/auth/login` issues a new one.
 */
function fakeApi() {
  let session = 0;
  let refreshable = true;
  // Whether the browser still sends a refresh cookie: a sign-out elsewhere clears it (the API then
  // answers 204, nothing to renew); a session revoked or expired leaves it, and it is refused (401).
  let cookieSent = true;
  let refreshAs = { id: PERSON, email: 'police@riverside.demo' };
  let secondFactor = false;
  const calls: Array<{ method: string; path: string; token: string | null; body: unknown }> = [];
  const issue = (id: string, email: string) => {
    session += 1;
    return json(200, { accessToken: `token-${session}`, expiresIn: 600, me: meOf(id, email) });
  };
  const fetchMock = vi.fn(async (url: string, init: RequestInit = {}) => {
    const headers = (init.headers ?? {}) as Record<string, string>;
    const token = headers.authorization?.replace('Bearer ', '') ?? null;
    const method = init.method ?? 'GET';
    const path = url.replace(/^\/api/, '');
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({ method, path, token, body });
    if (path === '/auth/login') {
      const { email, password, totpCode } = body as Record<string, string | undefined>;
      if (password !== 'right') return problem(401, 'INVALID_CREDENTIALS');
      if (secondFactor && totpCode !== '123456') {
        return problem(401, 'SECOND_FACTOR_CODE_REQUIRED');
      }
      refreshable = true;
      cookieSent = true;
      return issue(email === 'police@riverside.demo' ? PERSON : SOMEONE_ELSE, email ?? '');
    }
    if (path === '/auth/refresh') {
      if (!cookieSent) return new Response(null, { status: 204 });
      if (!refreshable) return problem(401, 'UNAUTHENTICATED');
      return issue(refreshAs.id, refreshAs.email);
    }
    if (path === '/auth/logout') {
      refreshable = false;
      cookieSent = false;
      session += 1;
      return new Response(null, { status: 204 });
    }
    if (token !== `token-${session}`) return problem(401, 'UNAUTHENTICATED');
    return json(200, { path, method, body: body ?? null });
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    calls,
    /** The session ends elsewhere (another tab signed out): its token and cookie are refused. */
    endSession() {
      session += 1;
      refreshable = false;
    },
    /** Another tab signed out: the session ended and the browser's refresh cookie is gone. */
    signedOutElsewhere() {
      session += 1;
      refreshable = false;
      cookieSent = false;
    },
    /** A browser that never signed in here: no refresh cookie at all. */
    noCookie() {
      refreshable = false;
      cookieSent = false;
    },
    /** The account has a second factor from now on. */
    requireSecondFactor() {
      secondFactor = true;
    },
    /** Another tab signed someone else in: the browser's cookie is now theirs. */
    cookieOf(id: string, email: string) {
      session += 1;
      refreshable = true;
      cookieSent = true;
      refreshAs = { id, email };
    },
  };
}

const answer = z.object({ path: z.string(), method: z.string(), body: z.unknown() });

/** A fresh store and client per test: both hold module state, as in the browser. */
async function signedIn() {
  vi.resetModules();
  const api = fakeApi();
  const { sessionStore } = await import('../src/features/auth/session-store');
  const { apiRequest, ApiError } = await import('../src/lib/api-client');
  // The client loads the problem schema on the first failure (lib/api-client.ts): load it now, as
  // a page would have by then, so that `settle` needs no more than one turn.
  await import('@fourfold/shared/problem');
  await sessionStore.signIn({ email: 'police@riverside.demo', password: 'right' });
  return { api, sessionStore, apiRequest, ApiError };
}

/** Lets pending promise callbacks run (the fake answers at once). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  vi.unstubAllGlobals();
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a session that lapses under an open page', () => {
  it('keeps the page signed in, asks the same person to sign in, then sends the save again', async () => {
    const { api, sessionStore, apiRequest } = await signedIn();
    api.endSession();
    const save = apiRequest('/situations', {
      method: 'POST',
      body: { summary: 'typed' },
      schema: answer,
    });
    await settle();
    expect(sessionStore.getLapse()).toEqual({
      status: 'prompting',
      email: 'police@riverside.demo',
    });
    expect(sessionStore.getState().status).toBe('signed-in');

    // A read meanwhile waits for the same sign-in; one renewal was tried, not one per request.
    const read = apiRequest('/situations/1', { schema: answer });
    await settle();
    expect(api.calls.filter((call) => call.path === '/auth/refresh')).toHaveLength(1);

    await expect(
      sessionStore.signInAgain({ email: 'ignored@example.org', password: 'wrong' }),
    ).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(sessionStore.getLapse().status).toBe('prompting');

    await sessionStore.signInAgain({ email: 'ignored@example.org', password: 'right' });
    // Signed in with the lapsed person's address, whatever the form sent.
    expect(api.calls.find((call) => call.path === '/auth/login' && call.body)?.body).toMatchObject({
      email: 'police@riverside.demo',
    });
    await expect(save).resolves.toEqual({
      path: '/situations',
      method: 'POST',
      body: { summary: 'typed' },
    });
    await expect(read).resolves.toMatchObject({ path: '/situations/1' });
    expect(sessionStore.getLapse()).toEqual({ status: 'none' });
  });

  it('fails the save on cancel, keeps the page, and asks again at the next save', async () => {
    const { api, sessionStore, apiRequest, ApiError } = await signedIn();
    api.endSession();
    const save = apiRequest('/situations', { method: 'POST', body: {}, schema: answer });
    await settle();
    sessionStore.dismissLapse();
    const failure = await save.catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(sessionStore.getLapse().status).toBe('dismissed');
    expect(sessionStore.getState().status).toBe('signed-in');

    // A background read does not open the dialog; it waits.
    const read = apiRequest('/situations/1', { schema: answer });
    await settle();
    expect(sessionStore.getLapse().status).toBe('dismissed');

    // Saving again asks again.
    const again = apiRequest('/situations', { method: 'POST', body: {}, schema: answer });
    await settle();
    expect(sessionStore.getLapse().status).toBe('prompting');
    await sessionStore.signInAgain({ email: 'police@riverside.demo', password: 'right' });
    await expect(again).resolves.toMatchObject({ method: 'POST' });
    await expect(read).resolves.toMatchObject({ method: 'GET' });
  });

  it('asks for the second factor of an account that has one, then carries on', async () => {
    const { api, sessionStore, apiRequest } = await signedIn();
    api.requireSecondFactor();
    api.endSession();
    const save = apiRequest('/situations', { method: 'POST', body: {}, schema: answer });
    await settle();
    await expect(
      sessionStore.signInAgain({ email: 'police@riverside.demo', password: 'right' }),
    ).rejects.toMatchObject({ code: 'SECOND_FACTOR_CODE_REQUIRED' });
    expect(sessionStore.getLapse().status).toBe('prompting');
    await sessionStore.signInAgain({
      email: 'police@riverside.demo',
      password: 'right',
      totpCode: '123456',
    });
    await expect(save).resolves.toMatchObject({ method: 'POST' });
  });

  it('does not let another person’s session take over the page', async () => {
    const { api, sessionStore, apiRequest } = await signedIn();
    api.cookieOf(SOMEONE_ELSE, 'chair@riverside.demo');
    const save = apiRequest('/situations', { method: 'POST', body: {}, schema: answer });
    await settle();
    const state = sessionStore.getState();
    expect(state.status === 'signed-in' && state.me.user.id).toBe(PERSON);
    expect(sessionStore.getLapse()).toEqual({
      status: 'prompting',
      email: 'police@riverside.demo',
    });
    // Nothing was sent with the other person's token.
    expect(api.calls.filter((call) => call.path === '/situations')).toHaveLength(1);
    sessionStore.dismissLapse();
    await expect(save).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('renews quietly while the session holds, as before', async () => {
    const { api, sessionStore, apiRequest } = await signedIn();
    // The access token expired; the refresh cookie is still good.
    api.cookieOf(PERSON, 'police@riverside.demo');
    await expect(apiRequest('/situations/1', { schema: answer })).resolves.toMatchObject({
      path: '/situations/1',
    });
    expect(sessionStore.getLapse()).toEqual({ status: 'none' });
  });

  it('asks nothing when the person signs out on purpose, and lets waiting reads fail', async () => {
    const { sessionStore, apiRequest } = await signedIn();
    await sessionStore.signOut();
    expect(sessionStore.getState().status).toBe('signed-out');
    await expect(apiRequest('/situations/1', { schema: answer })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect(sessionStore.getLapse()).toEqual({ status: 'none' });

    // Lapsed and cancelled, then signed out: the read that waited fails instead of hanging.
    const second = await signedIn();
    second.api.endSession();
    const save = second.apiRequest('/x', { method: 'PUT', body: {}, schema: answer });
    await settle();
    second.sessionStore.dismissLapse();
    await save.catch(() => undefined);
    const read = second.apiRequest('/situations/1', { schema: answer });
    await settle();
    await second.sessionStore.signOut();
    await expect(read).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('asks the same person to sign in when another tab signed out (no cookie, 204)', async () => {
    const { api, sessionStore, apiRequest } = await signedIn();
    api.signedOutElsewhere();
    const save = apiRequest('/situations', { method: 'POST', body: {}, schema: answer });
    await settle();
    expect(sessionStore.getLapse()).toEqual({
      status: 'prompting',
      email: 'police@riverside.demo',
    });
    await sessionStore.signInAgain({ email: 'police@riverside.demo', password: 'right' });
    await expect(save).resolves.toMatchObject({ method: 'POST' });
  });
});

describe('restoring a session on load', () => {
  it('signs out, without an error, a browser that holds no refresh cookie', async () => {
    vi.resetModules();
    const api = fakeApi();
    api.noCookie();
    const { sessionStore } = await import('../src/features/auth/session-store');
    await expect(sessionStore.restore()).resolves.toBe(false);
    expect(sessionStore.getState().status).toBe('signed-out');
    expect(sessionStore.getLapse()).toEqual({ status: 'none' });
  });

  it('picks up the session a refresh cookie still carries', async () => {
    vi.resetModules();
    fakeApi();
    const { sessionStore } = await import('../src/features/auth/session-store');
    await expect(sessionStore.restore()).resolves.toBe(true);
    const state = sessionStore.getState();
    expect(state.status === 'signed-in' && state.me.user.id).toBe(PERSON);
  });

  it('tells when the refresh is on its way, and route loaders what the session turned out to be', async () => {
    vi.resetModules();
    const api = fakeApi();
    const { sessionStore } = await import('../src/features/auth/session-store');
    const restoring = sessionStore.restore();
    const settled = sessionStore.settled();
    await sessionStore.renewalSent();
    expect(api.calls.map((call) => call.path)).toEqual(['/auth/refresh']);
    const session = await settled;
    expect(session.status === 'signed-in' && session.me.user.id).toBe(PERSON);
    await expect(restoring).resolves.toBe(true);
    // Once known, at once and without asking the API again.
    await expect(sessionStore.settled()).resolves.toBe(sessionStore.getState());
    expect(api.calls).toHaveLength(1);
  });

  it('settles signed out for a browser without a refresh cookie', async () => {
    vi.resetModules();
    const api = fakeApi();
    api.noCookie();
    const { sessionStore } = await import('../src/features/auth/session-store');
    void sessionStore.restore();
    await expect(sessionStore.settled()).resolves.toEqual({ status: 'signed-out' });
  });
});
