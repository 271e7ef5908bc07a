/** The tables whose statistics the person may read, by the shared policy, with their names. */
import { tablesWhere } from '@fourfold/shared/access-policy';
import type { Actor } from '@fourfold/shared/access-policy';
import type { Me } from '@fourfold/shared/auth';

export type ReadableTable = { id: string; name: string };

export function readableTables(me: Me, actor: Actor): ReadableTable[] {
  const ids = new Set(tablesWhere(actor, 'statistics.read'));
  const tables = new Map<string, string>();
  for (const membership of me.memberships) {
    if (ids.has(membership.table.id)) tables.set(membership.table.id, membership.table.name);
  }
  return [...tables].map(([id, name]) => ({ id, name }));
}

export function readsStatistics(actor: Actor): boolean {
  return tablesWhere(actor, 'statistics.read').length > 0;
}
