/**
 * Keeping the statistics in step with the situations: every situation write refreshes the
 * situation's fact and the cells it counts in, in the write's own transaction (so a rolled-back
 * step leaves no count behind), and `rebuildStatistics` recomputes both tables from scratch with
 * the same query and the same `cellsOf` (for an upgrade from before 0015, or to check).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import * as facts from './facts.repository';
import { cellsOf, type SituationFact } from './situation-facts';

const BATCH = 1000;

const cellId = (period: string, dimension: string, key: string) =>
  `${period}\u0000${dimension}\u0000${key}`;

/** The cell changes that take a situation from counting as `before` to counting as `after`. */
export function cellDeltas(
  before: SituationFact | null,
  after: SituationFact | null,
): facts.CellDelta[] {
  const deltas = new Map<string, facts.CellDelta>();
  const add = (fact: SituationFact | null, delta: number) => {
    if (!fact) return;
    for (const { dimension, key } of cellsOf(fact)) {
      const id = `${fact.tableId}\u0000${cellId(fact.period, dimension, key)}`;
      const cell = deltas.get(id);
      if (cell) cell.delta += delta;
      else deltas.set(id, { tableId: fact.tableId, period: fact.period, dimension, key, delta });
    }
  };
  add(before, -1);
  add(after, +1);
  return [...deltas.values()].filter((d) => d.delta !== 0);
}

/**
 * Brings the situation's `situation_fact` row and the `stats_cell` counts in step with the
 * situation as it now is in `trx`: nothing when its fact did not change, else the fact upserted
 * (or deleted) and the difference of the cells applied in one statement.
 */
export async function refreshSituationFactIn(
  trx: Transaction<DB>,
  situationId: string,
): Promise<void> {
  const unchanged = async () => {
    before = await facts.storedFactIn(trx, situationId);
    after = await facts.readFactIn(trx, situationId);
    return JSON.stringify(before) === JSON.stringify(after);
  };
  let before: SituationFact | null = null;
  let after: SituationFact | null = null;
  // Most writes (a note, an identity, an involvement) change no fact: settled without a lock.
  // Otherwise the situation row is locked (the write holds it already; a linked situation's is
  // taken here) and both read again, so two refreshes of one situation never interleave.
  if (await unchanged()) return;
  await facts.lockSituation(trx, situationId);
  if (await unchanged()) return;
  if (after) await facts.upsertFacts(trx, [after]);
  else await facts.deleteFact(trx, situationId);
  await facts.applyCellDeltas(trx, cellDeltas(before, after));
}

/** {@link refreshSituationFactIn} for several situations (the other sides of repeat links). */
export async function refreshSituationFactsIn(
  trx: Transaction<DB>,
  situationIds: Iterable<string>,
): Promise<void> {
  for (const id of [...new Set(situationIds)].sort()) await refreshSituationFactIn(trx, id);
}

/**
 * Refreshes every discussed situation of the scope, in keyset batches, each batch with one query
 * for the new facts, one for the stored ones and one statement for the cells. For the settings
 * that facts depend on beyond the situation itself: a table's time zone (the month) and
 * first-contact clock, an agency's sector. Call it in the transaction that changes the setting.
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
    await facts.lockSituations(trx, ids);
    const stored = new Map((await facts.storedFactsIn(trx, ids)).map((f) => [f.situationId, f]));
    const fresh = new Map((await facts.readFactsIn(trx, ids)).map((f) => [f.situationId, f]));
    const deltas = new Map<string, facts.CellDelta>();
    const upserts: SituationFact[] = [];
    const deletes: string[] = [];
    for (const id of ids) {
      const before = stored.get(id) ?? null;
      const after = fresh.get(id) ?? null;
      if (JSON.stringify(before) === JSON.stringify(after)) continue;
      changed += 1;
      if (after) upserts.push(after);
      else deletes.push(id);
      for (const d of cellDeltas(before, after)) {
        const key = `${d.tableId}\u0000${cellId(d.period, d.dimension, d.key)}`;
        const known = deltas.get(key);
        if (known) known.delta += d.delta;
        else deltas.set(key, { ...d });
      }
    }
    await facts.upsertFacts(trx, upserts);
    await facts.deleteFacts(trx, deletes);
    await facts.applyCellDeltas(
      trx,
      [...deltas.values()].filter((d) => d.delta !== 0),
    );
    if (ids.length < batchSize) return changed;
  }
}

export type RebuildResult = { situations: number; cells: number; changedCells: number };

/**
 * Recomputes `situation_fact` and `stats_cell` from the situations, in one transaction that holds
 * off every situation write meanwhile (they wait for it). Keyset batches over the discussed
 * situations keep memory constant; the counts gather in a temporary table. Cells that remain keep
 * their seed, so the published numbers of unchanged cells stay as they were; cells no situation
 * counts in any more are deleted.
 */
export async function rebuildStatistics(
  db: Kysely<DB>,
  { batchSize = BATCH }: { batchSize?: number } = {},
): Promise<RebuildResult> {
  return db.transaction().execute(async (trx) => {
    await sql`lock table situation_fact, stats_cell, stats_cell_total in share row exclusive mode`.execute(
      trx,
    );
    await sql`
      create temporary table rebuilt_cell (
        table_id uuid not null,
        period date not null,
        dimension text not null,
        key text not null,
        n integer not null,
        primary key (table_id, period, dimension, key)
      ) on commit drop
    `.execute(trx);
    await trx.deleteFrom('situation_fact').execute();

    let situations = 0;
    let after: string | null = null;
    for (;;) {
      const ids = await facts.discussedSituationIds(trx, after, batchSize);
      if (ids.length === 0) break;
      after = ids[ids.length - 1]!;
      const batch = await facts.readFactsIn(trx, ids);
      situations += batch.length;
      await facts.upsertFacts(trx, batch);
      const counts = new Map<string, facts.CellDelta>();
      for (const fact of batch) {
        for (const cell of cellDeltas(null, fact)) {
          const id = `${cell.tableId}\u0000${cellId(cell.period, cell.dimension, cell.key)}`;
          const known = counts.get(id);
          if (known) known.delta += cell.delta;
          else counts.set(id, cell);
        }
      }
      const cells = [...counts.values()];
      await sql`
        insert into rebuilt_cell (table_id, period, dimension, key, n)
        select u.table_id::uuid, u.period::date, u.dimension, u.key, u.n
        from unnest(
          ${cells.map((c) => c.tableId)}::text[],
          ${cells.map((c) => c.period)}::text[],
          ${cells.map((c) => c.dimension)}::text[],
          ${cells.map((c) => c.key)}::text[],
          ${cells.map((c) => c.delta)}::integer[]
        ) as u(table_id, period, dimension, key, n)
        on conflict (table_id, period, dimension, key) do update set n = rebuilt_cell.n + excluded.n
      `.execute(trx);
      if (ids.length < batchSize) break;
    }

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
    const inserted = await sql`
      insert into stats_cell (table_id, period, dimension, key, n)
      select r.table_id, r.period, r.dimension, r.key, r.n from rebuilt_cell r
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
    const { rows } = await sql<{ cells: number }>`
      select count(*)::integer as cells from stats_cell
    `.execute(trx);
    return {
      situations,
      cells: rows[0]?.cells ?? 0,
      changedCells: Number(updated.numAffectedRows ?? 0) + Number(inserted.numAffectedRows ?? 0),
    };
  });
}
