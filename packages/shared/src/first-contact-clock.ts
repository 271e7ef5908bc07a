/**
 * The first-contact clock (the "24–48 hour" rule of the Four Filter approach): from assignment, the
 * lead agency has until `firstContactDueAt` (the due time of the situation's first-contact action
 * item) to make first contact. One rule for the API's overdue filter and for every screen that
 * shows the clock, in words as well as colour.
 */

/** Within this long of its due time, an open clock reads "due soon". */
export const FIRST_CONTACT_DUE_SOON_MS = 6 * 3_600_000;

export type FirstContactClockState =
  /** First contact recorded on or before the due time. */
  | 'met'
  /** First contact recorded, after the due time. */
  | 'met_late'
  /** No first contact yet; more than FIRST_CONTACT_DUE_SOON_MS left. */
  | 'running'
  /** No first contact yet; due within FIRST_CONTACT_DUE_SOON_MS. */
  | 'due_soon'
  /** No first contact yet, and the due time has passed. */
  | 'overdue'
  /** Concluded without a first contact (a no-contact reason was given). */
  | 'stopped';

export type FirstContactClock = {
  state: FirstContactClockState;
  dueAt: string;
  /** Milliseconds from `now` to the due time: negative once past it. */
  remainingMs: number;
};

/**
 * The clock of a situation or list row at `now`, or null when it has none (not yet assigned, or
 * rejected). `closed` marks a situation concluded: its clock stops.
 */
export function firstContactClock(
  situation: {
    firstContactDueAt: string | null;
    firstContactAt: string | null;
    closed: boolean;
  },
  now: Date,
): FirstContactClock | null {
  if (situation.firstContactDueAt === null) return null;
  const dueAt = situation.firstContactDueAt;
  const due = new Date(dueAt).getTime();
  const remainingMs = due - now.getTime();
  if (situation.firstContactAt !== null) {
    const state = new Date(situation.firstContactAt).getTime() <= due ? 'met' : 'met_late';
    return { state, dueAt, remainingMs };
  }
  if (situation.closed) return { state: 'stopped', dueAt, remainingMs };
  if (remainingMs < 0) return { state: 'overdue', dueAt, remainingMs };
  if (remainingMs <= FIRST_CONTACT_DUE_SOON_MS) return { state: 'due_soon', dueAt, remainingMs };
  return { state: 'running', dueAt, remainingMs };
}
