/**
 * The first-contact clock in SQL: fragments over a situation aliased `s`, for every query that
 * shows or filters by it (the situation and its list in modules/situations, the work home in
 * modules/work). Here, beside the schema, so that no module reaches into another's repository.
 */
import { sql, type ExpressionBuilder } from 'kysely';
import type { DB } from './schema';

/**
 * When first contact is due: the due time of the situation's latest `first_contact` action item
 * (the one the assignment opened), so that rescheduling that item moves the clock everywhere.
 */
export const firstContactDue = (eb: ExpressionBuilder<DB & { s: DB['situation'] }, 's'>) =>
  eb
    .selectFrom('action_item as fc')
    .select('fc.due_at')
    .whereRef('fc.situation_id', '=', 's.id')
    .where('fc.kind', '=', 'first_contact')
    .orderBy('fc.created_at', 'desc')
    .limit(1);

export const firstContactDueAt = (eb: ExpressionBuilder<DB & { s: DB['situation'] }, 's'>) =>
  firstContactDue(eb).as('first_contact_due_at');

/**
 * Whether the first contact is overdue: at filter 4, none recorded, and past its due time. This
 * mirrors the 'overdue' state of firstContactClock (@fourfold/shared/first-contact-clock), the one
 * rule every screen shows; change both together.
 */
export const firstContactOverdue = (eb: ExpressionBuilder<DB & { s: DB['situation'] }, 's'>) =>
  eb.and([
    eb('s.stage', '=', 'filter4'),
    eb('s.first_contact_at', 'is', null),
    eb(firstContactDue(eb), '<', sql<Date>`now()`),
  ]);
