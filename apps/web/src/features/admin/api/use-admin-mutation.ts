/**
 * A write of administration: on success every administration query is refreshed (a change to an
 * agency shows in the tables and users lists too), and the caller's own handlers run after.
 */
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { ApiError } from '../../../lib/api-client';
import { ADMIN_GC_TIME, adminKeys } from './query-keys';

export function useAdminMutation<TVariables, TResult>(
  write: (variables: TVariables) => Promise<TResult>,
  /** Queries outside administration that the write changes too (e.g. the code lists). */
  { alsoRefresh = [] }: { alsoRefresh?: readonly QueryKey[] } = {},
) {
  const queryClient = useQueryClient();
  return useMutation<TResult, ApiError, TVariables>({
    mutationFn: async (variables) => {
      try {
        return await write(variables);
      } catch (error) {
        throw ApiError.from(error);
      }
    },
    onSuccess: () =>
      Promise.all(
        [adminKeys.all, ...alsoRefresh].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      ),
    // An answer may hold a one-time link token: forget it as soon as the page lets go of it.
    gcTime: ADMIN_GC_TIME,
  });
}
