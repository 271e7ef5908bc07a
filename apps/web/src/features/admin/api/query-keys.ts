/**
 * The TanStack Query keys of administration. Everything sits under `admin`, so that one write can
 * refresh every administration list.
 */
import type { UserListQuery } from '@fourfold/shared/admin';
import type { CodeListName } from '@fourfold/shared/taxonomy';

export const adminKeys = {
  all: ['admin'] as const,
  agencies: ['admin', 'agencies'] as const,
  tables: ['admin', 'tables'] as const,
  table: (tableId: string) => ['admin', 'tables', tableId] as const,
  members: (tableId: string) => ['admin', 'tables', tableId, 'members'] as const,
  agreements: (tableId: string) => ['admin', 'tables', tableId, 'agreements'] as const,
  users: (query: UserListQuery) => ['admin', 'users', 'list', query] as const,
  user: (userId: string) => ['admin', 'users', userId] as const,
  codeList: (list: CodeListName) => ['admin', 'code-lists', list] as const,
};

/**
 * Administration answers (lists of people) are dropped from memory as soon as no page shows them,
 * instead of lingering for TanStack Query's default five minutes.
 */
export const ADMIN_GC_TIME = 0;
