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
 * hidden. Dijkstra on (rows + columns + 2) nodes makes a 100 × 40 table a matter of milliseconds.
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
  const forced = maskAt(options.alsoSuppress);
  for (let i = 0; i <= grid.rows; i++) {
    for (let j = 0; j <= grid.columns; j++) {
      const n = grid.value[i]![j]!;
      const small = n > 0 && n < threshold;
      if (grid.state[i]![j] === PUBLISHED && (small || (n > 0 && forced(grid, i, j)))) {
        grid.state[i]![j] = SUPPRESSED;
      }
    }
  }
  protect(grid);
  return toMask(grid);
}

/**
 * `true` where a suppressed count is determined by the published counts of the same table
 * (exactly, when every suppressed count is ≥ 1, as in suppressTable's masks). All `false` for a
 * mask suppressTable returned.
 */
export function determinedCounts(table: CountTable, mask: SuppressionMask): SuppressionMask {
  const grid = toGrid(table);
  const hidden = maskAt(mask);
  for (let i = 0; i <= grid.rows; i++) {
    for (let j = 0; j <= grid.columns; j++) {
      if (grid.state[i]![j] === PUBLISHED && hidden(grid, i, j)) grid.state[i]![j] = SUPPRESSED;
    }
  }
  const bridge = bridges(grid);
  for (let i = 0; i <= grid.rows; i++) {
    for (let j = 0; j <= grid.columns; j++) {
      // Reuse the mask's shape: "suppressed" here reads "determined".
      grid.state[i]![j] =
        grid.state[i]![j] === SUPPRESSED && bridge[i]![j] ? SUPPRESSED : PUBLISHED;
    }
  }
  return toMask(grid);
}

// ---------------------------------------------------------------------------------------------
// The grid: (rows + 1) × (columns + 1); row `rows` holds the column totals, column `columns` the
// row totals, the corner the grand total. Graph nodes: rows 0..rows, then columns 0..columns.
// ---------------------------------------------------------------------------------------------

const PUBLISHED = 0;
const SUPPRESSED = 1;
/** A margin the table does not publish: unknown, but nobody asked to protect it. */
const UNPUBLISHED = 2;
type State = typeof PUBLISHED | typeof SUPPRESSED | typeof UNPUBLISHED;

type Grid = {
  rows: number;
  columns: number;
  value: number[][];
  state: State[][];
};

function toGrid(table: CountTable): Grid {
  const rows = table.cells.length;
  const columns = table.cells[0]?.length ?? 0;
  const value: number[][] = [];
  for (let i = 0; i <= rows; i++) value.push(new Array<number>(columns + 1).fill(0));
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++) {
      const n = table.cells[i]![j] ?? 0;
      value[i]![j] = n;
      value[i]![columns] += n;
      value[rows]![j] += n;
      value[rows]![columns] += n;
    }
  }
  const state: State[][] = [];
  for (let i = 0; i <= rows; i++) {
    const line: State[] = [];
    for (let j = 0; j <= columns; j++) {
      const published =
        i < rows && j < columns
          ? true
          : i < rows
            ? table.rowTotals
            : j < columns
              ? table.columnTotals
              : table.grandTotal;
      line.push(published ? PUBLISHED : UNPUBLISHED);
    }
    state.push(line);
  }
  return { rows, columns, value, state };
}

function maskAt(mask: Partial<SuppressionMask> | undefined) {
  return (grid: Grid, i: number, j: number): boolean => {
    if (!mask) return false;
    if (i < grid.rows && j < grid.columns) return mask.cells?.[i]?.[j] === true;
    if (i < grid.rows) return mask.rowTotals?.[i] === true;
    if (j < grid.columns) return mask.columnTotals?.[j] === true;
    return mask.grandTotal === true;
  };
}

function toMask(grid: Grid): SuppressionMask {
  const { rows, columns, state } = grid;
  const hidden = (i: number, j: number) => state[i]![j] === SUPPRESSED;
  const cells: boolean[][] = [];
  for (let i = 0; i < rows; i++) {
    const line: boolean[] = [];
    for (let j = 0; j < columns; j++) line.push(hidden(i, j));
    cells.push(line);
  }
  const rowTotals: boolean[] = [];
  for (let i = 0; i < rows; i++) rowTotals.push(hidden(i, columns));
  const columnTotals: boolean[] = [];
  for (let j = 0; j < columns; j++) columnTotals.push(hidden(rows, j));
  return { cells, rowTotals, columnTotals, grandTotal: hidden(rows, columns) };
}

/** An entry is an edge of the graph when its value is unknown to the reader. */
const isEdge = (grid: Grid, i: number, j: number) => grid.state[i]![j] !== PUBLISHED;

// ---------------------------------------------------------------------------------------------
// Complementary suppression
// ---------------------------------------------------------------------------------------------

function protect(grid: Grid): void {
  for (;;) {
    const bridge = bridges(grid);
    let changed = false;
    for (let i = 0; i <= grid.rows; i++) {
      for (let j = 0; j <= grid.columns; j++) {
        if (grid.state[i]![j] !== SUPPRESSED || !bridge[i]![j]) continue;
        const path = cheapestPath(grid, i, j);
        if (path === null) {
          // Unreachable by the argument in the header (a positive bridge always has a way
          // round); should it ever happen, hiding every positive count is the safe answer.
          hideEverything(grid);
          return;
        }
        for (const [a, b] of path) grid.state[a]![b] = SUPPRESSED;
        if (path.length > 0) changed = true;
      }
    }
    if (!changed) return;
  }
}

function hideEverything(grid: Grid): void {
  for (let i = 0; i <= grid.rows; i++) {
    for (let j = 0; j <= grid.columns; j++) {
      if (grid.state[i]![j] === PUBLISHED && grid.value[i]![j]! > 0) {
        grid.state[i]![j] = SUPPRESSED;
      }
    }
  }
}

/** [margins hidden, cells' counts hidden, margins' counts hidden, entries hidden] */
type Cost = [number, number, number, number];

const less = (a: Cost, b: Cost) => {
  for (let k = 0; k < 4; k++) if (a[k] !== b[k]) return a[k]! < b[k]!;
  return false;
};

/**
 * The published entries to hide so that grid line `bi` and grid column `bj` are joined without
 * entry (bi, bj): [] if they already are, null if they cannot be.
 */
function cheapestPath(grid: Grid, bi: number, bj: number): [number, number][] | null {
  const { rows, columns, value, state } = grid;
  const lineCount = rows + 1;
  const nodeCount = lineCount + columns + 1;
  const source = bi;
  const target = lineCount + bj;
  const cost: (Cost | null)[] = new Array<Cost | null>(nodeCount).fill(null);
  const via: number[] = new Array<number>(nodeCount).fill(-1); // previous node
  const done: boolean[] = new Array<boolean>(nodeCount).fill(false);
  cost[source] = [0, 0, 0, 0];
  for (;;) {
    let x = -1;
    for (let k = 0; k < nodeCount; k++) {
      const c = cost[k];
      if (!done[k] && c && (x < 0 || less(c, cost[x]!))) x = k;
    }
    if (x < 0) return null;
    if (x === target) break;
    done[x] = true;
    const here = cost[x]!;
    const isRow = x < lineCount;
    const span = isRow ? columns + 1 : rows + 1;
    for (let k = 0; k < span; k++) {
      const i = isRow ? x : k;
      const j = isRow ? k : x - lineCount;
      if (i === bi && j === bj) continue;
      const y = isRow ? lineCount + k : k;
      if (done[y]) continue;
      let step: Cost;
      if (state[i]![j] !== PUBLISHED) step = here;
      else {
        const n = value[i]![j]!;
        if (n <= 0) continue;
        const margin = i === rows || j === columns;
        step = margin
          ? [here[0] + 1, here[1], here[2] + n, here[3] + 1]
          : [here[0], here[1] + n, here[2], here[3] + 1];
      }
      const known = cost[y];
      if (!known || less(step, known)) {
        cost[y] = step;
        via[y] = x;
      }
    }
  }
  const hide: [number, number][] = [];
  for (let y = target; y !== source; y = via[y]!) {
    const x = via[y]!;
    const [i, j] = x < lineCount ? [x, y - lineCount] : [y, x - lineCount];
    if (state[i]![j] === PUBLISHED) hide.push([i, j]);
  }
  return hide;
}

/** Tarjan's bridges of the graph of unknown entries; `true` at each entry that is a bridge. */
function bridges(grid: Grid): boolean[][] {
  const { rows, columns } = grid;
  const lineCount = rows + 1;
  const nodeCount = lineCount + columns + 1;
  const neighbours: number[][] = [];
  for (let x = 0; x < nodeCount; x++) neighbours.push([]);
  for (let i = 0; i <= rows; i++) {
    for (let j = 0; j <= columns; j++) {
      if (!isEdge(grid, i, j)) continue;
      neighbours[i]!.push(lineCount + j);
      neighbours[lineCount + j]!.push(i);
    }
  }
  const bridge = grid.value.map((line) => line.map(() => false));
  const order = new Array<number>(nodeCount).fill(-1);
  const low = new Array<number>(nodeCount).fill(0);
  let clock = 0;
  // Iterative depth-first search; the graph is simple (one entry per line pair), so skipping the
  // parent node is skipping the tree edge.
  for (let root = 0; root < nodeCount; root++) {
    if (order[root] !== -1) continue;
    const stack: [node: number, parent: number, next: number][] = [[root, -1, 0]];
    order[root] = low[root] = clock++;
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const [x, parent] = frame;
      const list = neighbours[x]!;
      if (frame[2] < list.length) {
        const y = list[frame[2]++]!;
        if (y === parent) continue;
        if (order[y] === -1) {
          order[y] = low[y] = clock++;
          stack.push([y, x, 0]);
        } else {
          low[x] = Math.min(low[x]!, order[y]!);
        }
        continue;
      }
      stack.pop();
      if (parent >= 0) {
        low[parent] = Math.min(low[parent]!, low[x]!);
        if (low[x]! > order[parent]!) {
          const [i, j] = parent < lineCount ? [parent, x - lineCount] : [x, parent - lineCount];
          bridge[i]![j] = true;
        }
      }
    }
  }
  return bridge;
}
