/**
 * TanStack Query keys of action items and report-backs. A situation's lists sit under its detail
 * key (situationKeys.detail), so invalidating the situation refreshes them too; the home page's
 * list of the person's agency has its own key.
 */
export const actionItemKeys = {
  ofSituation: (situationId: string) =>
    ['situations', 'detail', situationId, 'action-items'] as const,
  reportBacks: (situationId: string) =>
    ['situations', 'detail', situationId, 'report-backs'] as const,
  owned: ['action-items', 'owned'] as const,
};
