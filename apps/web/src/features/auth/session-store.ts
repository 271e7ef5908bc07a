/**
 * The browser's session: the access token lives in memory only (never in storage, where a script
 * could read it later); the refresh token is an httpOnly cookie the page cannot read at all. On
 * load, and whenever the API answers 401, the session is renewed through POST /api/auth/refresh
 * (which answers 204, not an error, to a browser with no refresh cookie).
 * Renewals are serialised across tabs with the Web Locks API: refresh tokens rotate, and two tabs
 * presenting the same one would look like theft and sign everybody out.
 *
 * When a renewal is refused while someone is signed in (the session ended elsewhere, or expired),
 * the session *lapses* instead of ending: the page stays as it is, with everything typed in it,
 * and a dialog asks the same person to sign in again (`lapse`). The request that met the 401 waits
 * for that answer and is then sent again: a write until the person signs in or cancels, a read
 * until they sign in (or out), so that a page refreshing its data does not lose its form either.
 * Only the same person may continue: the retried request carries what they typed, and the page may
 * show what another person must not see. Nothing of it is ever written to browser storage.
 */
import type { Actor } from '@fourfold/shared/access-policy';
import { actorFromMe } from '@fourfold/shared/actor';
import type { LoginRequest, Me, SessionResponse } from '@fourfold/shared/auth';
import {
  ApiError,
  apiRequest,
  lazySchema,
  noContent,
  orNoContent,
  setHeadersProvider,
  setUnauthorizedHandler,
  type UnauthorizedRequest,
} from '../../lib/api-client';

// The session's answers are checked with the shared schemas, loaded with the first answer: the
// page that restores or starts a session is the first one, whose download carries no zod.
const sharedAuth = () => import('@fourfold/shared/auth');
const sessionResponseSchema = lazySchema(() => sharedAuth().then((m) => m.sessionResponseSchema));
const meSchema = lazySchema(() => sharedAuth().then((m) => m.meSchema));

export type SessionState =
  | { status: 'restoring' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; me: Me; actor: Actor };

/**
 * A lapsed session, while the page stays signed in: `prompting` while the sign-in dialog is open,
 * `dismissed` after the person cancelled it (their page keeps its form; they may sign in again).
 */
export type Lapse =
  | { status: 'none' }
  | { status: 'prompting'; email: string }
  | { status: 'dismissed'; email: string };

type Waiter = { promise: Promise<boolean>; resolve: (signedInAgain: boolean) => void };

function waiter(): Waiter {
  let resolve: (value: boolean) => void = () => undefined;
  const promise = new Promise<boolean>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

let state: SessionState = { status: 'restoring' };
let lapse: Lapse = { status: 'none' };
let accessToken: string | null = null;
let renewal: Promise<boolean> | null = null;
/** Resolved once the latest renewal's request is on its way (or the renewal ended without one). */
let renewalSent: Promise<void> = Promise.resolve();
/** True while signing out on purpose: the 401s that follow are no reason to ask for a sign-in. */
let signingOut = false;
/** Resolved at the next sign-in (true) or sign-out (false): what waiting reads wait for. */
let untilSignedIn: Waiter | null = null;
/** Resolved when the dialog is answered: signed in (true) or cancelled (false). For writes. */
let untilAnswered: Waiter | null = null;
const listeners = new Set<() => void>();

function notify() {
  for (const listener of listeners) listener();
}

function setState(next: SessionState) {
  state = next;
  notify();
}

/** Ends a lapse: everyone waiting learns whether the person is signed in again. */
function settleLapse(signedInAgain: boolean) {
  lapse = { status: 'none' };
  untilSignedIn?.resolve(signedInAgain);
  untilAnswered?.resolve(signedInAgain);
  untilSignedIn = null;
  untilAnswered = null;
}

function apply(session: SessionResponse) {
  accessToken = session.accessToken;
  state = { status: 'signed-in', me: session.me, actor: actorFromMe(session.me) };
  settleLapse(true);
  notify();
}

function clear() {
  accessToken = null;
  state = { status: 'signed-out' };
  settleLapse(false);
  notify();
}

/** The session ended under a page that is still open: ask its person to sign in again. */
function lapseSession() {
  if (state.status !== 'signed-in') return;
  // The token is dead; sending it again would only earn more 401s.
  accessToken = null;
  untilSignedIn ??= waiter();
  untilAnswered ??= waiter();
  lapse = { status: 'prompting', email: state.me.user.email };
  notify();
}

/** Opens the sign-in dialog again after it was cancelled. */
function promptAgain() {
  if (lapse.status !== 'dismissed') return;
  untilAnswered ??= waiter();
  lapse = { status: 'prompting', email: lapse.email };
  notify();
}

/** Whose session this page holds, while it holds one (signed in, or lapsed). */
function currentUserId(): string | null {
  return state.status === 'signed-in' ? state.me.user.id : null;
}

async function withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && 'locks' in navigator) {
    return navigator.locks.request('fourfold-session-refresh', task);
  }
  return task();
}

/** The refresh cookie is gone or refused: a page restoring is signed out, a signed-in one lapses. */
function endRenewedSession() {
  if (state.status === 'signed-in') lapseSession();
  else clear();
}

/**
 * Renews the session from the refresh cookie; one renewal at a time, shared by all callers. A
 * definite "no" signs out a page that was restoring its session, and lapses one that had it.
 */
function renew(): Promise<boolean> {
  if (renewal) return renewal;
  let sent = () => {};
  renewalSent = new Promise((resolve) => (sent = resolve));
  renewal = withRefreshLock(async () => {
    try {
      // 204 (undefined here): this browser holds no refresh cookie, so there is nothing to renew.
      const answer = apiRequest('/auth/refresh', {
        method: 'POST',
        schema: orNoContent(sessionResponseSchema),
        anonymous: true,
      });
      sent();
      const session = await answer;
      if (session === undefined) {
        endRenewedSession();
        return false;
      }
      // The cookie is the browser's, not the page's: another tab may have signed someone else in.
      // Their session must not take over this page, its form or the request about to be retried.
      const holder = currentUserId();
      if (holder !== null && session.me.user.id !== holder) {
        lapseSession();
        return false;
      }
      apply(session);
      return true;
    } catch (error) {
      // Only a definite "no" ends the session; a network failure keeps the state as it is.
      if (error instanceof ApiError && error.status === 401) endRenewedSession();
      else if (state.status === 'restoring') clear();
      return false;
    }
  }).finally(() => {
    sent();
    renewal = null;
  });
  return renewal;
}

/**
 * A request was refused with 401. Renew once; if the session lapsed, wait for the person to sign
 * in again. A write waits for the dialog's answer (and asks again if it was cancelled before: the
 * person pressed Save); a read waits for the next sign-in without asking.
 */
async function onUnauthorized({ method }: UnauthorizedRequest): Promise<boolean> {
  if (state.status !== 'signed-in' || signingOut) return false;
  if (lapse.status === 'none') {
    if (await renew()) return true;
    // Not lapsed after all (the API could not be reached): fail as any request would.
    if ((lapse as Lapse).status === 'none') return false;
  }
  if (method === 'GET') return (untilSignedIn ??= waiter()).promise;
  promptAgain();
  return (untilAnswered ??= waiter()).promise;
}

// `sessionStore.settled`, also awaited by `loadersAsked` below.
async function settled(): Promise<SessionState> {
  while (state.status === 'restoring' && renewal) await renewal;
  return state;
}

setHeadersProvider((): Record<string, string> =>
  accessToken ? { authorization: `Bearer ${accessToken}` } : {},
);
setUnauthorizedHandler(onUnauthorized);

export const sessionStore = {
  getState: (): SessionState => state,
  getLapse: (): Lapse => lapse,
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** On page load: pick up a session that the refresh cookie still carries. */
  restore: renew,
  /**
   * Starts loading the schemas that check the session's answers (zod and a small chunk of their
   * own), for a page that restores its session on load: they are then evaluated during the
   * refresh's round trip rather than after its answer, which otherwise waits for them, and every
   * request of the page with it (#12, point 5). Not for the sign-in page, whose first download
   * carries no zod. A failed load fails the check later.
   */
  preloadSchemas(): void {
    void sharedAuth().catch(() => undefined);
  },
  /**
   * Resolves when the renewal started last has sent its request. The lock that serialises
   * renewals across tabs is granted in a later task: main.tsx waits for it (briefly) before the
   * first render, whose requests for the page's code would otherwise take every connection first.
   */
  renewalSent: (): Promise<void> => renewalSent,
  /**
   * The session once it is known: at once, or when the restore in flight settles. Route loaders
   * wait on it to ask for a signed-in page's data while the page's code is still loading.
   */
  settled,
  /**
   * Resolves a task after the session is known. The loaders that wait on `settled` to ask for a
   * page's data have asked by then (their requests go out in the microtasks that follow): a page's
   * `lazy` waits on this before it evaluates the page's code, which on a phone is hundreds of
   * milliseconds of work that would otherwise hold the requests back (#12, point 5).
   */
  async loadersAsked(): Promise<void> {
    await settled();
    await new Promise((resolve) => setTimeout(resolve, 0));
  },
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
  /**
   * Signs the person of a lapsed session in again — with their own e-mail, whatever the form
   * sent — then lets the requests that waited go again.
   */
  async signInAgain(credentials: LoginRequest): Promise<void> {
    if (state.status !== 'signed-in' || lapse.status === 'none') return;
    const holder = state.me.user.id;
    const session = await apiRequest('/auth/login', {
      method: 'POST',
      body: { ...credentials, email: state.me.user.email },
      schema: sessionResponseSchema,
      anonymous: true,
    });
    // An address that changed hands meanwhile is not the same person: start over, signed out.
    if (session.me.user.id !== holder) clear();
    else apply(session);
  },
  /** The person cancelled the sign-in dialog: the waiting saves fail, the page stays. */
  dismissLapse(): void {
    if (lapse.status !== 'prompting') return;
    lapse = { status: 'dismissed', email: lapse.email };
    untilAnswered?.resolve(false);
    untilAnswered = null;
    notify();
  },
  /** "Sign in again", after cancelling the dialog. */
  promptSignIn: promptAgain,
  async signOut(): Promise<void> {
    signingOut = true;
    try {
      // The cookie names the session; the access token too, so the session ends even if the
      // cookie is gone. Anonymous all the same: a stale token must not start a renewal here.
      await apiRequest('/auth/logout', {
        method: 'POST',
        schema: noContent,
        anonymous: true,
        headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {},
      });
    } finally {
      signingOut = false;
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
