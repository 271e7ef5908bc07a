/**
 * EXPLAIN for the plan tests of #12 (point 1): the statement a request sent, captured at
 * node-postgres with its parameters (test data only), planned and run again by the database as the
 * planner chooses, no planner setting changed. A plan test asserts what the plan reads: no
 * sequential scan of the listed tables, the index it expects, and how many rows it touched there,
 * which is what makes a page cost the same at any size of the table.
 */
import { CompiledQuery, type Kysely } from 'kysely';
import type { DB } from '../../src/db/schema';
import { queriesDuring } from './statement-count';

export type PlanNode = {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
};

export function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

/**
 * The plan nodes (with their actual row counts) of the first statement `work` sent whose text
 * matches `marker`. EXPLAIN ANALYZE runs the statement again: only read statements are matched.
 */
export async function analyzedPlanOf(
  db: Kysely<DB>,
  work: () => Promise<unknown>,
  marker: RegExp,
): Promise<PlanNode[]> {
  const queries = await queriesDuring(work);
  const query = queries.find((q) => marker.test(q.text) && /^\s*select/i.test(q.text));
  if (!query) throw new Error(`no statement matched ${marker}`);
  const result = await db.executeQuery<{ 'QUERY PLAN': unknown }>(
    CompiledQuery.raw(`explain (analyze, format json) ${query.text}`, query.values),
  );
  const raw = result.rows[0]!['QUERY PLAN'];
  const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ Plan: PlanNode }>;
  return nodesOf(parsed[0]!.Plan);
}

/** The scans of one table in a plan, as "Node Type/Index Name" for a failing assertion. */
export function scansOf(nodes: readonly PlanNode[], relation: string): PlanNode[] {
  return nodes.filter((n) => n['Relation Name'] === relation);
}

export function describeScans(scans: readonly PlanNode[]): string {
  return JSON.stringify(
    scans.map((n) => [n['Node Type'], n['Index Name'] ?? null, rowsTouched([n])]),
  );
}

/**
 * The rows the scans of a table produced or threw away by a filter, over all their loops: what
 * the query read there. A bitmap heap scan's index is read by its child, whose rows are the same.
 */
export function rowsTouched(scans: readonly PlanNode[]): number {
  return scans
    .filter((n) => n['Node Type'] !== 'Bitmap Index Scan')
    .reduce(
      (sum, n) =>
        sum +
        ((n['Actual Rows'] ?? 0) +
          (n['Rows Removed by Filter'] ?? 0) +
          (n['Rows Removed by Index Recheck'] ?? 0)) *
          (n['Actual Loops'] ?? 1),
      0,
    );
}
