/**
 * TanStack Query keys of the meeting screens. The live view invalidates `meetingKeys.detail(id)`
 * (and the minutes) on every event, so the screen re-reads through the API and its access policy.
 */
export const meetingKeys = {
  all: ['meetings'] as const,
  ofTable: (tableId: string, when: 'upcoming' | 'past') =>
    [...meetingKeys.all, 'table', tableId, when] as const,
  detail: (meetingId: string) => [...meetingKeys.all, 'detail', meetingId] as const,
  minutes: (meetingId: string) => [...meetingKeys.all, 'minutes', meetingId] as const,
};
