/**
 * Keeping the statistics in step with the situations: every situation write refreshes the
 * situation's fact and the cells it counts in, in the write's own transaction (so a rolled-back
 * step leaves no count behind; SQL `situation_after_write`, migration 0024), a change of a
 * setting facts depend on refreshes its scope (`refreshScopeIn`), and `rebuildStatistics` recomputes both tables from scratch with
 * the same fact definition (the view `situation_fact_fresh`, migration 0024) and the same cell definition (`stats_fact_cells`, migration 0019), set-based
 * (for an upgrade from before 0015, after the data generator's COPY, or to check).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import * as facts from './facts.repository';

const BATCH = 1000;

/**
 * Refreshes every discussed situation of the scope, in keyset batches, each batch in one statement
 * (`refresh_situation_facts`, migration 0024: the facts compared, the changed ones locked,
 * replaced and their cells moved). For the settings that facts depend on beyond the situation
 * itself: a table's time zone (the month) and first-contact clock, an agency's sector. Call it in
 * the transaction that changes the setting. A situation write refreshes its own facts in
 * `situation_after_write` (modules/situations/situation-writes.ts).
 */
export async function refreshScopeIn(
  trx: Transaction<DB>,
  scope: Exclude<facts.SituationScope, 'all'>,
  { batchSize = BATCH }: { batchSize?: number } = {},
): Promise<number> {
  let changed = 0;
  let afterId: string | null = null;
  for (;;) {
    const ids = await facts.discussedSituationIds(trx, afterId, batchSize, scope);
    if (ids.length === 0) return changed;
    afterId = ids[ids.length - 1]!;
    changed += await facts.refreshFacts(trx, ids);
    if (ids.length < batchSize) return changed;
  }
}

export type RebuildResult = { situations: number; cells: number; changedCells: number };

/**
 * Recomputes `situation_fact` and `stats_cell` from the situations, in one transaction that holds
 * off every situation write meanwhile (they wait for it), set-based: the facts in one INSERT …
 * SELECT (the view `situation_fact_fresh`, the write path's definition), the cells in one GROUP BY
 * over `stats_fact_cells` (the write path's cell definition), then the difference applied to
 * `stats_cell`. Cells that remain keep their seed, so the published numbers of unchanged cells
 * stay as they were; cells no situation counts in any more are deleted.
 */
export async function rebuildStatistics(db: Kysely<DB>): Promise<RebuildResult> {
  return db.transaction().execute((trx) => rebuildStatisticsIn(trx));
}

/**
 * {@link rebuildStatistics} in the caller's transaction (the data generator's load, on a Kysely
 * over its own connection). `cellSeed` (the generator's seed) makes the seeds of new cells a hash
 * of it and of the cell's table prefix, month, dimension and key instead of random, so that a
 * generated dataset rounds the same way for the same seed.
 */
export async function rebuildStatisticsIn(
  trx: Kysely<DB>,
  options: { cellSeed?: string } = {},
): Promise<RebuildResult> {
  await sql`lock table situation_fact, stats_cell, stats_cell_total in share row exclusive mode`.execute(
    trx,
  );
  await trx.deleteFrom('situation_fact').execute();
  const situations = await facts.insertAllFacts(trx);
  const cells = await facts.countAllFactCells(trx);

  await sql`
    delete from stats_cell c where not exists (
      select 1 from rebuilt_cell r
      where r.table_id = c.table_id and r.period = c.period
        and r.dimension = c.dimension and r.key = c.key
    )
  `.execute(trx);
  const updated = await sql`
    update stats_cell c set n = r.n from rebuilt_cell r
    where r.table_id = c.table_id and r.period = c.period
      and r.dimension = c.dimension and r.key = c.key and c.n <> r.n
  `.execute(trx);
  // In key order: the primary key's index is then appended to rather than split at random.
  const inserted =
    options.cellSeed === undefined
      ? await sql`
          insert into stats_cell (table_id, period, dimension, key, n)
          select r.table_id, r.period, r.dimension, r.key, r.n from rebuilt_cell r
          order by r.table_id, r.period, r.dimension, r.key
          on conflict (table_id, period, dimension, key) do nothing
        `.execute(trx)
      : await sql`
          insert into stats_cell (table_id, period, dimension, key, n, seed)
          select r.table_id, r.period, r.dimension, r.key, r.n,
            hashtext(concat_ws('|', ${options.cellSeed}::text, t.reference_prefix,
              r.period::text, r.dimension, r.key)) & 2147483647
          from rebuilt_cell r join situation_table t on t.id = r.table_id
          order by r.table_id, r.period, r.dimension, r.key
          on conflict (table_id, period, dimension, key) do nothing
        `.execute(trx);
  // The all-tables totals (migration 0016) follow by trigger; recomputed all the same, in case
  // cells were ever written with the triggers off.
  await sql`delete from stats_cell_total`.execute(trx);
  await sql`
    insert into stats_cell_total (period, dimension, key, n, rounded)
    select period, dimension, key, sum(n), sum(rounded) from stats_cell
    group by period, dimension, key
  `.execute(trx);
  return {
    situations,
    cells,
    changedCells: Number(updated.numAffectedRows ?? 0) + Number(inserted.numAffectedRows ?? 0),
  };
}
