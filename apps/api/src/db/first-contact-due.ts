/**
 * The first-contact clock in SQL: fragments over a situation aliased `s`, for every query that
 * shows or filters by it (the situation and its list in modules/situations, the work home in
 * modules/work). Here, beside the schema, so that no module reaches into another's repository.
 *
 * When first contact is due is the due time of the situation's first-contact action item (the
 * one the assignment opened; one per situation), so that rescheduling that item moves the clock
 * everywhere. It is kept on the situation row (`first_contact_due_at`, by a trigger of migration
 * 0018), so that lists sort and filter by it through an index.
 */
import { sql, type ExpressionBuilder } from 'kysely';
import type { DB } from './schema';

/**
 * Whether the first contact is overdue: at filter 4, none recorded, and past its due time. This
 * mirrors the 'overdue' state of firstContactClock (@fourfold/shared/first-contact-clock), the one
 * rule every screen shows; change both together. The partial index situation_overdue serves it.
 */
export const firstContactOverdue = (eb: ExpressionBuilder<DB & { s: DB['situation'] }, 's'>) =>
  eb.and([
    eb('s.stage', '=', 'filter4'),
    eb('s.first_contact_at', 'is', null),
    eb('s.first_contact_due_at', '<', sql<Date>`now()`),
  ]);
