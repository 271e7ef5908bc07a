/**
 * Small-cell suppression: the one function that decides which counts of a table may be published.
 * Pure, so the API applies it and the property tests (test/suppression.test.ts) check it.
 *
 * A table is a grid of true counts (rows × columns) with, optionally, published margins: the row
 * totals (each row's sum over the columns), the column totals and the grand total. Primary
 * suppression hides every count (cell or margin) from 1 to threshold − 1. Complementary
 * suppression then hides further cells so that no suppressed value can be worked out from the
 * published cells and margins of the same table.
 *
 * Why a graph. Hiding the small counts is not enough: a row total minus the published cells of
 * the row gives back the one hidden cell. Write the table with its margins as one
 * (rows + 1) × (columns + 1) grid — the row totals as an extra column, the column totals as an
 * extra row, the grand total in the corner — and every line of that grid satisfies one equation
 * (a row's cells sum to its total; the column totals sum to the grand total; the same for
 * columns). Margins the table does not publish are simply unknowns of those equations, like the
 * suppressed counts. Now take the bipartite multigraph whose nodes are the grid's lines (rows and
 * columns) and whose edges are its unknown entries. An unknown is fixed by the equations exactly
 * when its edge is a bridge (on no cycle); otherwise adding and subtracting 1 around a cycle
 * through it gives another solution — which stays non-negative because every unknown on a cycle
 * is at least 1: suppressed counts are never 0 (a zero is published; hiding it would protect
 * nothing, since counts are known to be ≥ 0), and an unpublished margin on a cycle covers a
 * suppressed count. So "no suppressed value is determined" is "no suppressed entry is a bridge",
 * and an unpublished margin (a free line) needs no special case: it is an edge like any other.
 *
 * Why cheapest paths. A bridge (u, v) stops being one once some path joins u and v without it.
 * For each suppressed bridge, in a fixed order, we find the cheapest such path, where already
 * unknown entries cost nothing and a published entry costs what hiding it loses: first the number
 * of margins (a margin is hidden only when no path through cells alone exists — in a one-row
 * table, say, where each column total equals its one cell, so only the margins can pair up),
 * then the sum of the cells' counts (hide the smallest counts), then the margins' counts, then
 * the number of entries. Zero entries are never used. Such a path always exists when the
 * bridge's count is ≥ 1 (row → its total → grand total → column total → column, or the like),
 * and every entry it hides lies on a cycle with the bridge. Adding edges never turns an edge into
 * a bridge, so one pass over the bridges protects everything; the loop checks once more. Each
 * path hides at least one entry, so the work ends, in the worst case with every positive entry
 * hidden. Paths chosen one at a time can overlap, so a last step publishes again every
 * complement that is no longer needed (costliest first): each complement left is necessary,
 * though the whole set is not always the cheapest possible (that problem is NP-hard). Dijkstra
 * on (rows + columns + 2) nodes makes a 100 × 40 table a matter of milliseconds.
 *
 * What it does not promise: a suppressed value is not pinned to one number, but the equations
 * may still narrow it to a short interval, and a sum of suppressed counts (e.g. two small cells
 * of one row) may be exact. Other tables published from the same data are not considered here:
 * the API's random rounding of every published count covers differences between tables.
 */

export type CountTable = {
  /** True counts, rows × columns, integers ≥ 0 (every row the same length). */
  cells: readonly (readonly number[])[];
  /** Whether each row's total is published (it equals the row's sum). */
  rowTotals: boolean;
  /** Whether each column's total is published (it equals the column's sum). */
  columnTotals: boolean;
  /** Whether the grand total is published. */
  grandTotal: boolean;
};

/** `true` where a count must be published as suppressed. Margins not published are `false`. */
export type SuppressionMask = {
  cells: boolean[][];
  rowTotals: boolean[];
  columnTotals: boolean[];
  grandTotal: boolean;
};

export type SuppressionOptions = {
  /**
   * Counts to hide whatever their size, e.g. those hidden in a linked table. Zeros are ignored:
   * a zero is never hidden. The result is a safe mask that contains these.
   */
  alsoSuppress?: Partial<SuppressionMask>;
};

export function suppressTable(
  table: CountTable,
  threshold: number,
  options: SuppressionOptions = {},
): SuppressionMask {
  const grid = toGrid(table);
  const forced = maskAt(grid, options.alsoSuppress);
  for (let e = 0; e < grid.state.length; e++) {
    const n = grid.value[e]!;
    if (grid.state[e] === PUBLISHED && n > 0 && (n < threshold || forced(e))) {
      grid.state[e] = SUPPRESSED;
    }
  }
  protect(grid);
  return toMask(grid, (e) => grid.state[e] === SUPPRESSED);
}

/**
 * `true` where a suppressed count is determined by the published counts of the same table
 * (exactly, when every suppressed count is ≥ 1, as in suppressTable's masks). All `false` for a
 * mask suppressTable returned.
 */
export function determinedCounts(table: CountTable, mask: SuppressionMask): SuppressionMask {
  const grid = toGrid(table);
  const hidden = maskAt(grid, mask);
  for (let e = 0; e < grid.state.length; e++) {
    if (grid.state[e] === PUBLISHED && hidden(e)) grid.state[e] = SUPPRESSED;
  }
  const bridge = bridges(grid);
  return toMask(grid, (e) => grid.state[e] === SUPPRESSED && bridge[e] === 1);
}

// ---------------------------------------------------------------------------------------------
// The grid: (rows + 1) × (columns + 1), flat (entry e = i × width + j); row `rows` holds the
// column totals, column `columns` the row totals, the corner the grand total. Graph nodes: the
// grid's rows 0..rows, then its columns 0..columns (node rows + 1 + j).
// ---------------------------------------------------------------------------------------------

const PUBLISHED = 0;
const SUPPRESSED = 1;
/** A margin the table does not publish: unknown, but nobody asked to protect it. */
const UNPUBLISHED = 2;

type Grid = {
  rows: number;
  columns: number;
  width: number;
  value: Float64Array;
  state: Uint8Array;
};

function toGrid(table: CountTable): Grid {
  const rows = table.cells.length;
  const columns = table.cells[0]?.length ?? 0;
  const width = columns + 1;
  const value = new Float64Array((rows + 1) * width);
  const state = new Uint8Array((rows + 1) * width); // PUBLISHED
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++) {
      const n = table.cells[i]![j] ?? 0;
      value[i * width + j] = n;
      value[i * width + columns]! += n;
      value[rows * width + j]! += n;
      value[rows * width + columns]! += n;
    }
  }
  for (let i = 0; i < rows; i++) if (!table.rowTotals) state[i * width + columns] = UNPUBLISHED;
  for (let j = 0; j < columns; j++) if (!table.columnTotals) state[rows * width + j] = UNPUBLISHED;
  if (!table.grandTotal) state[rows * width + columns] = UNPUBLISHED;
  return { rows, columns, width, value, state };
}

function maskAt(grid: Grid, mask: Partial<SuppressionMask> | undefined) {
  const { rows, columns, width } = grid;
  return (e: number): boolean => {
    if (!mask) return false;
    const i = Math.floor(e / width);
    const j = e % width;
    if (i < rows && j < columns) return mask.cells?.[i]?.[j] === true;
    if (i < rows) return mask.rowTotals?.[i] === true;
    if (j < columns) return mask.columnTotals?.[j] === true;
    return mask.grandTotal === true;
  };
}

function toMask(grid: Grid, hidden: (e: number) => boolean): SuppressionMask {
  const { rows, columns, width } = grid;
  const cells: boolean[][] = [];
  for (let i = 0; i < rows; i++) {
    const line: boolean[] = [];
    for (let j = 0; j < columns; j++) line.push(hidden(i * width + j));
    cells.push(line);
  }
  const rowTotals: boolean[] = [];
  for (let i = 0; i < rows; i++) rowTotals.push(hidden(i * width + columns));
  const columnTotals: boolean[] = [];
  for (let j = 0; j < columns; j++) columnTotals.push(hidden(rows * width + j));
  return { cells, rowTotals, columnTotals, grandTotal: hidden(rows * width + columns) };
}

// ---------------------------------------------------------------------------------------------
// Complementary suppression
// ---------------------------------------------------------------------------------------------

function protect(grid: Grid): void {
  const complements: number[] = [];
  for (;;) {
    const bridge = bridges(grid);
    let changed = false;
    for (let e = 0; e < grid.state.length; e++) {
      if (grid.state[e] !== SUPPRESSED || bridge[e] !== 1) continue;
      const path = cheapestPath(grid, e);
      if (path === null) {
        // Unreachable by the argument in the header (a positive bridge always has a way
        // round); should it ever happen, hiding every positive count is the safe answer.
        for (let f = 0; f < grid.state.length; f++) {
          if (grid.state[f] === PUBLISHED && grid.value[f]! > 0) grid.state[f] = SUPPRESSED;
        }
        return;
      }
      for (const f of path) grid.state[f] = SUPPRESSED;
      complements.push(...path);
      if (path.length > 0) changed = true;
    }
    if (!changed) break;
  }
  prune(grid, complements);
}

/**
 * Paths chosen one bridge at a time can make an earlier complement unnecessary: publish again
 * each complement, the costliest first (margins, then larger counts), without which no hidden
 * entry is a bridge. Publishing one may free another already looked at (two cycles joined by
 * two complements), so passes repeat until none changes: then every complement is needed.
 */
function prune(grid: Grid, complements: number[]): void {
  const { rows, columns, width, value, state } = grid;
  const isMargin = (e: number) => Math.floor(e / width) === rows || e % width === columns;
  const costlier = (a: number, b: number) =>
    Number(isMargin(b)) - Number(isMargin(a)) || value[b]! - value[a]! || a - b;
  let kept = [...complements].sort(costlier);
  for (let changed = true; changed;) {
    changed = false;
    const next: number[] = [];
    for (const e of kept) {
      state[e] = PUBLISHED;
      const bridge = bridges(grid);
      let safe = true;
      for (let f = 0; f < state.length && safe; f++) {
        if (state[f] === SUPPRESSED && bridge[f] === 1) safe = false;
      }
      if (safe) changed = true;
      else {
        state[e] = SUPPRESSED;
        next.push(e);
      }
    }
    kept = next;
  }
}

/**
 * The published entries to hide so that the two ends of entry `bridge` (its grid row and grid
 * column) are joined without it: [] if they already are, null if they cannot be. Dijkstra with a
 * lexicographic cost — [margins hidden, cells' counts hidden, margins' counts hidden, entries
 * hidden] — in four typed arrays; a linear scan picks the next node (a few hundred at most).
 */
function cheapestPath(grid: Grid, bridge: number): number[] | null {
  const { rows, columns, width, value, state } = grid;
  const lineCount = rows + 1;
  const nodeCount = lineCount + width;
  const source = Math.floor(bridge / width);
  const target = lineCount + (bridge % width);
  const margins = new Float64Array(nodeCount);
  const cellCounts = new Float64Array(nodeCount);
  const marginCounts = new Float64Array(nodeCount);
  const steps = new Float64Array(nodeCount);
  const reached = new Uint8Array(nodeCount); // 0 not yet, 1 reached, 2 settled
  const via = new Int32Array(nodeCount).fill(-1); // the entry by which the node was reached
  reached[source] = 1;
  for (;;) {
    let x = -1;
    for (let k = 0; k < nodeCount; k++) {
      if (reached[k] !== 1) continue;
      if (
        x < 0 ||
        (margins[k] !== margins[x]
          ? margins[k]! < margins[x]!
          : cellCounts[k] !== cellCounts[x]
            ? cellCounts[k]! < cellCounts[x]!
            : marginCounts[k] !== marginCounts[x]
              ? marginCounts[k]! < marginCounts[x]!
              : steps[k]! < steps[x]!)
      ) {
        x = k;
      }
    }
    if (x < 0) return null;
    if (x === target) break;
    reached[x] = 2;
    const isRow = x < lineCount;
    // A grid row's entries are consecutive; a grid column's are `width` apart.
    const first = isRow ? x * width : x - lineCount;
    const stride = isRow ? 1 : width;
    const span = isRow ? width : lineCount;
    for (let k = 0; k < span; k++) {
      const e = first + k * stride;
      if (e === bridge) continue;
      const y = isRow ? lineCount + k : k;
      if (reached[y] === 2) continue;
      let m = margins[x]!;
      let c = cellCounts[x]!;
      let n = marginCounts[x]!;
      let s = steps[x]!;
      if (state[e] === PUBLISHED) {
        const count = value[e]!;
        if (count <= 0) continue;
        const isMargin =
          (isRow ? k === columns : x - lineCount === columns) || (isRow ? x : k) === rows;
        if (isMargin) {
          m += 1;
          n += count;
        } else c += count;
        s += 1;
      }
      const better =
        reached[y] === 0 ||
        (m !== margins[y]
          ? m < margins[y]!
          : c !== cellCounts[y]
            ? c < cellCounts[y]!
            : n !== marginCounts[y]
              ? n < marginCounts[y]!
              : s < steps[y]!);
      if (better) {
        reached[y] = 1;
        margins[y] = m;
        cellCounts[y] = c;
        marginCounts[y] = n;
        steps[y] = s;
        via[y] = e;
      }
    }
  }
  const hide: number[] = [];
  for (let y = target; y !== source;) {
    const e = via[y]!;
    if (state[e] === PUBLISHED) hide.push(e);
    // Step back to the entry's other end.
    y = y < lineCount ? lineCount + (e % width) : Math.floor(e / width);
  }
  return hide;
}

/** Tarjan's bridges of the graph of unknown entries: 1 at each entry that is a bridge. */
function bridges(grid: Grid): Uint8Array {
  const { rows, width, state } = grid;
  const lineCount = rows + 1;
  const nodeCount = lineCount + width;
  // Each node's incident unknown entries.
  const incident: number[][] = [];
  for (let x = 0; x < nodeCount; x++) incident.push([]);
  for (let e = 0; e < state.length; e++) {
    if (state[e] === PUBLISHED) continue;
    incident[Math.floor(e / width)]!.push(e);
    incident[lineCount + (e % width)]!.push(e);
  }
  const other = (x: number, e: number) =>
    x < lineCount ? lineCount + (e % width) : Math.floor(e / width);
  const bridge = new Uint8Array(state.length);
  const order = new Int32Array(nodeCount).fill(-1);
  const low = new Int32Array(nodeCount);
  let clock = 0;
  // Iterative depth-first search; a frame skips the entry it came by (not the parent node, so
  // the search would stay right on a multigraph too).
  for (let root = 0; root < nodeCount; root++) {
    if (order[root] !== -1) continue;
    const stack: [node: number, via: number, next: number][] = [[root, -1, 0]];
    order[root] = low[root] = clock++;
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const [x, came] = frame;
      const list = incident[x]!;
      if (frame[2] < list.length) {
        const e = list[frame[2]++]!;
        if (e === came) continue;
        const y = other(x, e);
        if (order[y] === -1) {
          order[y] = low[y] = clock++;
          stack.push([y, e, 0]);
        } else {
          low[x] = Math.min(low[x]!, order[y]!);
        }
        continue;
      }
      stack.pop();
      if (came >= 0) {
        const parent = other(x, came);
        low[parent] = Math.min(low[parent]!, low[x]!);
        if (low[x]! > order[parent]!) bridge[came] = 1;
      }
    }
  }
  return bridge;
}
