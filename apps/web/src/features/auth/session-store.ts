/**
 * The browser's session: the access token lives in memory only (never in storage, where a script
 * could read it later); the refresh token is an httpOnly cookie the page cannot read at all. On
 * load, and whenever the API answers 401, the session is renewed through POST /api/auth/refresh.
 * Renewals are serialised across tabs with the Web Locks API: refresh tokens rotate, and two tabs
 * presenting the same one would look like theft and sign everybody out.
 */
import { z } from 'zod';
import {
  actorFromMe,
  meSchema,
  sessionResponseSchema,
  type LoginRequest,
  type Me,
  type SessionResponse,
} from '@fourfold/shared/auth';
import type { Actor } from '@fourfold/shared/access-policy';
import {
  ApiError,
  apiRequest,
  setHeadersProvider,
  setUnauthorizedHandler,
} from '../../lib/api-client';

export type SessionState =
  | { status: 'restoring' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; me: Me; actor: Actor };

let state: SessionState = { status: 'restoring' };
let accessToken: string | null = null;
let renewal: Promise<boolean> | null = null;
const listeners = new Set<() => void>();

function setState(next: SessionState) {
  state = next;
  for (const listener of listeners) listener();
}

function apply(session: SessionResponse) {
  accessToken = session.accessToken;
  setState({ status: 'signed-in', me: session.me, actor: actorFromMe(session.me) });
}

function clear() {
  accessToken = null;
  setState({ status: 'signed-out' });
}

async function withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && 'locks' in navigator) {
    return navigator.locks.request('fourfold-session-refresh', task);
  }
  return task();
}

/** Renews the session from the refresh cookie; one renewal at a time, shared by all callers. */
function renew(): Promise<boolean> {
  renewal ??= withRefreshLock(async () => {
    try {
      apply(
        await apiRequest('/auth/refresh', {
          method: 'POST',
          schema: sessionResponseSchema,
          anonymous: true,
        }),
      );
      return true;
    } catch (error) {
      // Only a definite "no" signs the person out; a network failure keeps the state as it is.
      if (error instanceof ApiError && error.status === 401) clear();
      else if (state.status === 'restoring') clear();
      return false;
    }
  }).finally(() => {
    renewal = null;
  });
  return renewal;
}

setHeadersProvider((): Record<string, string> =>
  accessToken ? { authorization: `Bearer ${accessToken}` } : {},
);
setUnauthorizedHandler(async () => (accessToken ? renew() : false));

export const sessionStore = {
  getState: (): SessionState => state,
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** On page load: pick up a session that the refresh cookie still carries. */
  restore: renew,
  async signIn(credentials: LoginRequest): Promise<void> {
    apply(
      await apiRequest('/auth/login', {
        method: 'POST',
        body: credentials,
        schema: sessionResponseSchema,
        anonymous: true,
      }),
    );
  },
  async signOut(): Promise<void> {
    try {
      // The cookie names the session; the access token too, so the session ends even if the
      // cookie is gone. Anonymous all the same: a stale token must not start a renewal here.
      await apiRequest('/auth/logout', {
        method: 'POST',
        schema: z.undefined(),
        anonymous: true,
        headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {},
      });
    } finally {
      clear();
    }
  },
  /** Re-reads the profile after something changed it (agreement accepted, second factor). */
  async reloadMe(): Promise<void> {
    const me = await apiRequest('/me', { schema: meSchema });
    setState({ status: 'signed-in', me, actor: actorFromMe(me) });
  },
  /** After the API issued a new session (e.g. a second factor was just confirmed). */
  adopt: apply,
};
