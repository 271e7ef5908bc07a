-- The audit search served by indexes (#12, point 1). Each index below is
-- proven by an EXPLAIN (ANALYZE) in a plan test and measured in docs/benchmarks.md (indexes).
--
-- The audit search (audit.repository.ts searchEvents, apps/api/test/modules/audit/
-- audit-plans.test.ts) reads each table in scope, and each member's events without a table, newest
-- first and stops after a page; a situation's events are read in id order (access report, person
-- report). 0003's indexes end in occurred_at, so none of them gives id order.
create index audit_event_table_id on audit_event (table_id, id) where table_id is not null;
create index audit_event_user_id on audit_event (user_id, id);
create index audit_event_situation_id on audit_event (situation_id, id) where situation_id is not null;
