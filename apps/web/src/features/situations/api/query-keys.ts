/**
 * The TanStack Query keys of situations. Everything of one situation sits under its detail key,
 * and every list of a table under its lists key, so that one write invalidates exactly the
 * situation and the lists it appears in. Identity is never a query: see use-identity.ts.
 */

export const situationKeys = {
  /** Everything situation-related: cleared when the signed-in person changes. */
  all: ['situations'] as const,
  lists: (tableId: string) => ['situations', 'list', tableId] as const,
  /** `search`: the list's filters and sort, as its page address writes them. */
  list: (tableId: string, search: string, limit: number) =>
    ['situations', 'list', tableId, { search, limit }] as const,
  detail: (situationId: string) => ['situations', 'detail', situationId] as const,
  /** The situation as it now is, read after a stale write to say what changed since `version`. */
  latest: (situationId: string, version: number) =>
    ['situations', 'detail', situationId, 'latest', version] as const,
  notes: (situationId: string) => ['situations', 'detail', situationId, 'notes'] as const,
  table: (tableId: string) => ['situations', 'table', tableId] as const,
};
