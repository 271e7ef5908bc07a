-- Meetings and action items served by indexes (#12, point 1). Each index below is proven by an
-- EXPLAIN (ANALYZE) in a plan test (apps/api/test/modules/action-items/action-item-plans.test.ts,
-- apps/api/test/modules/meetings/meeting-plans.test.ts) and described in docs/benchmarks.md
-- (indexes).
--
-- The items an agency owns (GET /api/action-items, action-items.repository.ts
-- listOwnedActionItems) are listed by status, by due time to the millisecond, then id, from the
-- cursor's position. 0012's action_item_owner_open served only open items and in due_at order,
-- not the list's: the planner read every open item of the agency and sorted them, and read the
-- whole table for done and cancelled ones (an agency's history). The key is the list's own order:
-- the due time truncated to the millisecond in UTC (`at time zone 'UTC'` makes it immutable, and
-- a truncation below the second orders instants the same in any zone), so a page is one index
-- range from the cursor, and the overdue filters are a range of it too.
drop index action_item_owner_open;
create index action_item_owner_status on action_item
  (owner_agency_id, status, (date_trunc('milliseconds', due_at at time zone 'UTC')), id);

-- A table's upcoming meetings (GET /api/tables/:id/meetings?when=upcoming, meetings.repository.ts
-- listTableMeetings), soonest first from the cursor. 0012's meeting_table_scheduled is ordered
-- the other way (scheduled_for descending, id ascending) and holds the table's whole past, which
-- an ascending read would walk first; the planner read meeting_scheduled_for instead, the
-- upcoming meetings of every table, and sorted them. Past meetings keep meeting_table_scheduled
-- (newest first, a page at a time).
create index meeting_table_upcoming on meeting (table_id, scheduled_for, id)
  where status in ('scheduled', 'open');
