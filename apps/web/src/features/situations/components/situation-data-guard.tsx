/**
 * Forgets every situation the browser fetched as soon as the signed-in person changes (signing
 * out, or someone else signing in on the same computer): cached lists and views must never be
 * shown to the next person, even for the moment before a refetch. Mounted once, in the layout.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { sessionStore } from '../../auth/session-store';
import { situationKeys } from '../api/query-keys';

function signedInUser(): string | null {
  const state = sessionStore.getState();
  return state.status === 'signed-in' ? state.me.user.id : null;
}

export function SituationDataGuard() {
  const queryClient = useQueryClient();
  useEffect(() => {
    let user = signedInUser();
    const unsubscribe = sessionStore.subscribe(() => {
      const state = sessionStore.getState();
      // Restoring keeps whatever is known; only a definite change of person clears.
      if (state.status === 'restoring') return;
      const next = signedInUser();
      if (next === user) return;
      user = next;
      queryClient.removeQueries({ queryKey: situationKeys.all });
      queryClient.getMutationCache().clear();
    });
    return () => {
      unsubscribe();
    };
  }, [queryClient]);
  return null;
}
