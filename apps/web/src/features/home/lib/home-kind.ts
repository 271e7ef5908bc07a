/**
 * Which home a signed-in person lands on: administrators on administration, a person whose only
 * role is analyst on the statistics dashboard, everyone else on their work. Read by the home page
 * and by its route's prefetch, which asks for the work only where the page will show it.
 */
import type { Me } from '@fourfold/shared/auth';

export type HomeKind = 'administration' | 'statistics' | 'work';

export function homeKindOf(me: Me): HomeKind {
  if (me.user.isAdministrator) return 'administration';
  const { memberships } = me;
  if (memberships.length > 0 && memberships.every((m) => m.role === 'analyst')) {
    return 'statistics';
  }
  return 'work';
}
