/** React access to the session: the whole state, or the signed-in person inside RequireSignIn. */
import { useSyncExternalStore } from 'react';
import { sessionStore, type SessionState } from './session-store';

export function useSessionState(): SessionState {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.getState);
}

/** Inside RequireSignIn only: the signed-in person and what they may do. */
export function useSession() {
  const session = useSessionState();
  if (session.status !== 'signed-in') {
    throw new Error('useSession() used outside a signed-in route');
  }
  return {
    me: session.me,
    actor: session.actor,
    signOut: sessionStore.signOut,
    reloadMe: sessionStore.reloadMe,
  };
}
