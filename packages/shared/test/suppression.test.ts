/**
 * Small-cell suppression, checked without trusting its graph argument: a brute-force solver
 * plays the reader who knows the published cells and margins, the equations that tie them
 * together and that counts are integers ≥ 0, and looks for a second solution for every hidden
 * value. Property tests over random small tables, then hand-worked examples.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  determinedCounts,
  suppressTable,
  type CountTable,
  type SuppressionMask,
} from '../src/suppression';

const seed = 20261130;
const numRuns = 500;
// The brute-force properties take a second or two; more on a busy machine.
const slow = 60_000;

// ---------------------------------------------------------------------------------------------
// The reader: every non-negative integer assignment of the hidden cells that agrees with what
// is published. Hidden margins are sums of cells, so the cells are the only unknowns.
// ---------------------------------------------------------------------------------------------

class Inconclusive extends Error {}

type Problem = {
  /** The hidden cells, [row, column]. */
  unknowns: [number, number][];
  truth: number[];
  /** Upper bound of each unknown: a published margin covering it, else grand total + threshold. */
  cap: number[];
  /** Published margins: their hidden cells sum to `target` (the margin minus published cells). */
  lines: { unknowns: number[]; target: number }[];
  linesOf: number[][];
};

/** A hidden value as a function of the unknowns: constant + the sum of some of them. */
type Quantity = { name: string; constant: number; unknowns: number[]; truth: number };

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const rowSums = (t: CountTable) => t.cells.map((row) => sum(row));
const columnSums = (t: CountTable) =>
  (t.cells[0] ?? []).map((_, j) => sum(t.cells.map((row) => row[j]!)));

function reader(table: CountTable, mask: SuppressionMask, threshold: number) {
  const rows = table.cells.length;
  const columns = table.cells[0]?.length ?? 0;
  const grand = sum(rowSums(table));
  const unknowns: [number, number][] = [];
  const index: number[][] = table.cells.map((row) => row.map(() => -1));
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++) {
      if (mask.cells[i]![j]) {
        index[i]![j] = unknowns.length;
        unknowns.push([i, j]);
      }
    }
  }
  const truth = unknowns.map(([i, j]) => table.cells[i]![j]!);
  const line = (cells: [number, number][]) => {
    const hidden = cells.filter(([i, j]) => index[i]![j]! >= 0).map(([i, j]) => index[i]![j]!);
    const known = sum(
      cells.filter(([i, j]) => index[i]![j]! < 0).map(([i, j]) => table.cells[i]![j]!),
    );
    return { hidden, known, total: sum(cells.map(([i, j]) => table.cells[i]![j]!)) };
  };
  const rowCells = (i: number) =>
    Array.from({ length: columns }, (_, j) => [i, j] as [number, number]);
  const columnCells = (j: number) =>
    Array.from({ length: rows }, (_, i) => [i, j] as [number, number]);
  const allCells = Array.from({ length: rows }, (_, i) => rowCells(i)).flat();

  const lines: Problem['lines'] = [];
  const quantities: Quantity[] = unknowns.map(([i, j], k) => ({
    name: `cell ${i},${j}`,
    constant: 0,
    unknowns: [k],
    truth: truth[k]!,
  }));
  const margin = (name: string, cells: [number, number][], published: boolean, hidden: boolean) => {
    if (!published) return;
    const { hidden: ks, known, total } = line(cells);
    if (hidden) quantities.push({ name, constant: known, unknowns: ks, truth: total });
    else lines.push({ unknowns: ks, target: total - known });
  };
  for (let i = 0; i < rows; i++)
    margin(`row ${i}`, rowCells(i), table.rowTotals, mask.rowTotals[i]!);
  for (let j = 0; j < columns; j++) {
    margin(`column ${j}`, columnCells(j), table.columnTotals, mask.columnTotals[j]!);
  }
  margin('grand total', allCells, table.grandTotal, mask.grandTotal);

  const linesOf = unknowns.map(() => [] as number[]);
  lines.forEach((l, n) => l.unknowns.forEach((k) => linesOf[k]!.push(n)));
  const cap = unknowns.map((_, k) =>
    Math.min(grand + threshold, ...linesOf[k]!.map((n) => lines[n]!.target)),
  );
  return { problem: { unknowns, truth, cap, lines, linesOf } satisfies Problem, quantities };
}

/** Values from `truth` outwards (truth, truth − 1, truth + 1, …) within [0, cap]. */
function* outwards(truth: number, cap: number) {
  for (let d = 0; truth - d >= 0 || truth + d <= cap; d++) {
    if (truth - d >= 0 && truth - d <= cap) yield truth - d;
    if (d > 0 && truth + d <= cap) yield truth + d;
  }
}

/**
 * A solution in which `q` differs from its true value, or null when there is none: a
 * depth-first search over the unknowns, those of `q` first, pruning on the published margins.
 */
function otherSolution(p: Problem, q: Quantity, budget: { nodes: number }): number[] | null {
  if (q.unknowns.length === 0) return null;
  const first = new Set(q.unknowns);
  const order = [...q.unknowns, ...p.truth.map((_, k) => k).filter((k) => !first.has(k))];
  const value = p.truth.map(() => 0);
  const remaining = p.lines.map((l) => l.target);
  const open = p.lines.map((l) => l.unknowns.length);

  const search = (depth: number): boolean => {
    if (depth === order.length) return true;
    if (--budget.nodes < 0) throw new Inconclusive();
    const k = order[depth]!;
    let cap = p.cap[k]!;
    let forced: number | null = null;
    for (const n of p.linesOf[k]!) {
      cap = Math.min(cap, remaining[n]!);
      if (open[n] === 1) {
        if (forced !== null && forced !== remaining[n]) return false;
        forced = remaining[n]!;
      }
    }
    const candidates = forced === null ? outwards(p.truth[k]!, cap) : [forced];
    for (const x of candidates) {
      if (x < 0 || x > cap) continue;
      if (depth === q.unknowns.length - 1) {
        const total = q.constant + sum(q.unknowns.slice(0, -1).map((u) => value[u]!)) + x;
        if (total === q.truth) continue;
      }
      value[k] = x;
      for (const n of p.linesOf[k]!) {
        remaining[n]! -= x;
        open[n]!--;
      }
      const ok = p.linesOf[k]!.every(
        (n) => remaining[n]! >= 0 && (open[n]! > 0 || remaining[n] === 0),
      );
      if (ok && search(depth + 1)) return true;
      for (const n of p.linesOf[k]!) {
        remaining[n]! += x;
        open[n]!++;
      }
    }
    return false;
  };
  return search(0) ? value : null;
}

/** The names of the hidden values that take one value only, across all solutions. */
function determinedByReader(table: CountTable, mask: SuppressionMask, threshold: number) {
  const { problem, quantities } = reader(table, mask, threshold);
  const varies = new Set<string>();
  const determined: string[] = [];
  const budget = { nodes: 200_000 };
  for (const q of quantities) {
    if (varies.has(q.name)) continue;
    const solution = otherSolution(problem, q, budget);
    if (solution === null) {
      determined.push(q.name);
      continue;
    }
    // Check the solution really is one, then let it vouch for every value it moves.
    for (const l of problem.lines) expect(sum(l.unknowns.map((k) => solution[k]!))).toBe(l.target);
    expect(solution.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    for (const other of quantities) {
      if (other.constant + sum(other.unknowns.map((k) => solution[k]!)) !== other.truth) {
        varies.add(other.name);
      }
    }
  }
  return determined;
}

/** The reader's verdict, or null (skip) when the search would take too long. */
function readerVerdict(table: CountTable, mask: SuppressionMask, threshold: number) {
  try {
    return determinedByReader(table, mask, threshold);
  } catch (error) {
    if (error instanceof Inconclusive) return null;
    throw error;
  }
}

const namesOf = (table: CountTable, mask: SuppressionMask) => {
  const names: string[] = [];
  mask.cells.forEach((row, i) => row.forEach((m, j) => m && names.push(`cell ${i},${j}`)));
  if (table.rowTotals) mask.rowTotals.forEach((m, i) => m && names.push(`row ${i}`));
  if (table.columnTotals) mask.columnTotals.forEach((m, j) => m && names.push(`column ${j}`));
  if (table.grandTotal && mask.grandTotal) names.push('grand total');
  return names.sort();
};

const countOf = (table: CountTable, name: string) => {
  const [kind, at] = name.split(' ') as [string, string];
  if (kind === 'cell') {
    const [i, j] = at.split(',').map(Number) as [number, number];
    return table.cells[i]![j]!;
  }
  if (kind === 'row') return rowSums(table)[Number(at)]!;
  if (kind === 'column') return columnSums(table)[Number(at)]!;
  return sum(rowSums(table));
};

/** A copy of the mask with the named count published. */
const withoutName = (mask: SuppressionMask, name: string): SuppressionMask => {
  const copy = JSON.parse(JSON.stringify(mask)) as SuppressionMask;
  const [kind, at] = name.split(' ') as [string, string];
  if (kind === 'cell') {
    const [i, j] = at.split(',').map(Number) as [number, number];
    copy.cells[i]![j] = false;
  } else if (kind === 'row') copy.rowTotals[Number(at)] = false;
  else if (kind === 'column') copy.columnTotals[Number(at)] = false;
  else copy.grandTotal = false;
  return copy;
};

// ---------------------------------------------------------------------------------------------
// Random tables: 1–5 × 1–5, many zeros and small counts, random margins and thresholds.
// ---------------------------------------------------------------------------------------------

const count = fc.oneof(
  { arbitrary: fc.constant(0), weight: 3 },
  { arbitrary: fc.integer({ min: 1, max: 4 }), weight: 3 },
  { arbitrary: fc.integer({ min: 5, max: 15 }), weight: 4 },
);

const tableArb = fc
  .record({
    rows: fc.integer({ min: 1, max: 5 }),
    columns: fc.integer({ min: 1, max: 5 }),
    rowTotals: fc.boolean(),
    columnTotals: fc.boolean(),
    grandTotal: fc.boolean(),
  })
  .chain(({ rows, columns, ...margins }) =>
    fc.record({
      cells: fc.array(fc.array(count, { minLength: columns, maxLength: columns }), {
        minLength: rows,
        maxLength: rows,
      }),
      rowTotals: fc.constant(margins.rowTotals),
      columnTotals: fc.constant(margins.columnTotals),
      grandTotal: fc.constant(margins.grandTotal),
    }),
  );

const thresholdArb = fc.integer({ min: 3, max: 11 });
const small = (n: number, threshold: number) => n > 0 && n < threshold;

describe('suppressTable on random tables', () => {
  it('publishes no count from 1 to threshold − 1, and hides no zero', () => {
    fc.assert(
      fc.property(tableArb, thresholdArb, (table, threshold) => {
        const mask = suppressTable(table, threshold);
        const rows = rowSums(table);
        const columns = columnSums(table);
        const grand = sum(rows);
        table.cells.forEach((row, i) =>
          row.forEach((n, j) => {
            if (mask.cells[i]![j]) expect(n).toBeGreaterThan(0);
            else expect(small(n, threshold)).toBe(false);
          }),
        );
        rows.forEach((n, i) => {
          if (!table.rowTotals) expect(mask.rowTotals[i]).toBe(false);
          else if (mask.rowTotals[i]) expect(n).toBeGreaterThan(0);
          else expect(small(n, threshold)).toBe(false);
        });
        columns.forEach((n, j) => {
          if (!table.columnTotals) expect(mask.columnTotals[j]).toBe(false);
          else if (mask.columnTotals[j]) expect(n).toBeGreaterThan(0);
          else expect(small(n, threshold)).toBe(false);
        });
        if (!table.grandTotal) expect(mask.grandTotal).toBe(false);
        else if (mask.grandTotal) expect(grand).toBeGreaterThan(0);
        else expect(small(grand, threshold)).toBe(false);
      }),
      { seed, numRuns },
    );
  });

  it(
    'leaves no hidden value that the published ones determine (solved by brute force)',
    () => {
      let solved = 0;
      let complemented = 0;
      fc.assert(
        fc.property(tableArb, thresholdArb, (table, threshold) => {
          const mask = suppressTable(table, threshold);
          const verdict = readerVerdict(table, mask, threshold);
          fc.pre(verdict !== null);
          solved++;
          const complements = namesOf(table, mask).filter(
            (name) => !small(countOf(table, name), threshold),
          );
          if (complements.length > 0) complemented++;
          expect(verdict).toEqual([]);
          expect(namesOf(table, determinedCounts(table, mask))).toEqual([]);
        }),
        { seed, numRuns },
      );
      expect(solved).toBeGreaterThanOrEqual(numRuns);
      // The generator must exercise complementary suppression, not only primary.
      expect(complemented).toBeGreaterThan(numRuns / 4);
    },
    slow,
  );

  it(
    'agrees with the brute-force reader on which hidden values are determined, for any mask',
    () => {
      // The exact criterion (bridges of the graph of unknowns) against the solver, on masks that
      // hide arbitrary positive counts: this is what makes the solver and the criterion trust each
      // other, since here both must also find the determined values.
      const maskedArb = tableArb.chain((table) => {
        const positive = (n: number) => (n > 0 ? fc.boolean() : fc.constant(false));
        const rows = rowSums(table);
        const columns = columnSums(table);
        return fc.record({
          table: fc.constant(table),
          mask: fc.record({
            cells: fc.tuple(...table.cells.map((row) => fc.tuple(...row.map(positive)))),
            rowTotals: fc.tuple(
              ...rows.map((n) => (table.rowTotals ? positive(n) : fc.constant(false))),
            ),
            columnTotals: fc.tuple(
              ...columns.map((n) => (table.columnTotals ? positive(n) : fc.constant(false))),
            ),
            grandTotal: table.grandTotal ? positive(sum(rows)) : fc.constant(false),
          }),
        });
      });
      let determinedSeen = 0;
      fc.assert(
        fc.property(maskedArb, ({ table, mask }) => {
          const verdict = readerVerdict(table, mask, 5);
          fc.pre(verdict !== null);
          if (verdict.length > 0) determinedSeen++;
          expect(namesOf(table, determinedCounts(table, mask))).toEqual([...verdict].sort());
        }),
        { seed, numRuns },
      );
      expect(determinedSeen).toBeGreaterThan(numRuns / 10);
    },
    slow,
  );

  it('hides no complement it could do without: publishing any one back discloses a hidden value', () => {
    fc.assert(
      fc.property(tableArb, thresholdArb, (table, threshold) => {
        const mask = suppressTable(table, threshold);
        for (const name of namesOf(table, mask)) {
          if (small(countOf(table, name), threshold)) continue;
          const fewer = withoutName(mask, name);
          expect(namesOf(table, determinedCounts(table, fewer)).length).toBeGreaterThan(0);
        }
      }),
      { seed, numRuns },
    );
  });

  it('is deterministic, leaves its input alone, and takes its own answer back unchanged', () => {
    fc.assert(
      fc.property(tableArb, thresholdArb, (table, threshold) => {
        const mask = suppressTable(table, threshold);
        // Determinism: the same answer again, from a copy, and the input left untouched.
        const copy = JSON.parse(JSON.stringify(table)) as CountTable;
        expect(suppressTable(copy, threshold)).toEqual(mask);
        expect(copy).toEqual(table);
        // Idempotence: a safe mask handed back as "also suppress" comes back unchanged.
        expect(suppressTable(table, threshold, { alsoSuppress: mask })).toEqual(mask);
      }),
      { seed, numRuns },
    );
  });

  it('hides nothing when no count is small', () => {
    // Counts of 0 or at least the threshold: their sums (the margins) are too.
    const bigTable = thresholdArb.chain((threshold) =>
      fc.record({
        threshold: fc.constant(threshold),
        table: tableArb.map((table) => ({
          ...table,
          cells: table.cells.map((row) => row.map((n) => (n === 0 ? 0 : threshold + n))),
        })),
      }),
    );
    fc.assert(
      fc.property(bigTable, ({ table, threshold }) => {
        expect(namesOf(table, suppressTable(table, threshold))).toEqual([]);
      }),
      { seed, numRuns },
    );
  });

  it(
    'hides what the caller adds (except zeros), and still leaves nothing determined',
    () => {
      const withExtra = tableArb.chain((table) =>
        fc.record({
          table: fc.constant(table),
          alsoSuppress: fc.record({
            cells: fc.tuple(...table.cells.map((row) => fc.tuple(...row.map(() => fc.boolean())))),
            rowTotals: fc.tuple(...table.cells.map(() => fc.boolean())),
            columnTotals: fc.tuple(...table.cells[0]!.map(() => fc.boolean())),
            grandTotal: fc.boolean(),
          }),
        }),
      );
      fc.assert(
        fc.property(withExtra, thresholdArb, ({ table, alsoSuppress }, threshold) => {
          const mask = suppressTable(table, threshold, { alsoSuppress });
          table.cells.forEach((row, i) =>
            row.forEach((n, j) => {
              if (alsoSuppress.cells[i]![j]) expect(mask.cells[i]![j]).toBe(n > 0);
              if (n === 0) expect(mask.cells[i]![j]).toBe(false);
            }),
          );
          rowSums(table).forEach((n, i) => {
            if (table.rowTotals && alsoSuppress.rowTotals[i]) expect(mask.rowTotals[i]).toBe(n > 0);
          });
          columnSums(table).forEach((n, j) => {
            if (table.columnTotals && alsoSuppress.columnTotals[j]) {
              expect(mask.columnTotals[j]).toBe(n > 0);
            }
          });
          expect(namesOf(table, determinedCounts(table, mask))).toEqual([]);
          const verdict = readerVerdict(table, mask, threshold);
          fc.pre(verdict !== null);
          expect(verdict).toEqual([]);
        }),
        { seed, numRuns },
      );
    },
    slow,
  );

  it('publishes a row or column of zeros, and its total', () => {
    fc.assert(
      fc.property(
        tableArb,
        thresholdArb,
        fc.nat(),
        fc.boolean(),
        (table, threshold, where, asColumn) => {
          const rows = table.cells.length;
          const columns = table.cells[0]!.length;
          const cells = table.cells.map((row, i) =>
            row.map((n, j) => ((asColumn ? j === where % columns : i === where % rows) ? 0 : n)),
          );
          const mask = suppressTable({ ...table, cells }, threshold);
          if (asColumn) {
            const j = where % columns;
            expect(mask.cells.map((row) => row[j])).toEqual(cells.map(() => false));
            expect(mask.columnTotals[j]).toBe(false);
          } else {
            const i = where % rows;
            expect(mask.cells[i]).toEqual(cells[i]!.map(() => false));
            expect(mask.rowTotals[i]).toBe(false);
          }
        },
      ),
      { seed, numRuns },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Worked examples (threshold 5)
// ---------------------------------------------------------------------------------------------

const all = { rowTotals: true, columnTotals: true, grandTotal: true };
const none = { rowTotals: false, columnTotals: false, grandTotal: false };

describe('suppressTable, worked examples', () => {
  it('hides the whole 2 × 2 around one small cell: every other cell is needed to hide it', () => {
    // 2 10 | 12     Row 0 total − 10 would give the 2; the 10 then needs its column partner,
    // 8 20 | 28     and so on round the square.
    // 10 30 | 40
    const table = {
      cells: [
        [2, 10],
        [8, 20],
      ],
      ...all,
    };
    expect(suppressTable(table, 5)).toEqual({
      cells: [
        [true, true],
        [true, true],
      ],
      rowTotals: [false, false],
      columnTotals: [false, false],
      grandTotal: false,
    });
  });

  it('picks the smallest cells that close a cycle, and leaves the rest', () => {
    // 3 9 40 | 52      The 3 pairs with the 9 in its row and the 6 in its column;
    // 6 8 50 | 64      the 8 closes the square. 40 and 50 stay published.
    // 9 17 90 | 116
    const table = {
      cells: [
        [3, 9, 40],
        [6, 8, 50],
      ],
      ...all,
    };
    expect(suppressTable(table, 5)).toEqual({
      cells: [
        [true, true, false],
        [true, true, false],
      ],
      rowTotals: [false, false],
      columnTotals: [false, false, false],
      grandTotal: false,
    });
  });

  it('in a one-row table with column totals, hides a second cell and both column totals', () => {
    // 3 10 12 | 25   Each column total equals its cell, so no cell alone can hide the 3: the
    // 3 10 12 | 25   complement is the smallest other cell and, necessarily, its column total.
    const table = { cells: [[3, 10, 12]], ...all };
    expect(suppressTable(table, 5)).toEqual({
      cells: [[true, true, false]],
      rowTotals: [false],
      columnTotals: [true, true, false],
      grandTotal: false,
    });
  });

  it('in a one-row table with only its total published, hides the smallest other cell', () => {
    const table = { cells: [[3, 12, 10]], rowTotals: true, columnTotals: false, grandTotal: true };
    expect(suppressTable(table, 5)).toEqual({
      cells: [[true, false, true]],
      rowTotals: [false],
      columnTotals: [false, false, false],
      grandTotal: false,
    });
  });

  it('when the small cell is alone in its column, hides its column total and a partner column', () => {
    // 3 10 | 13    The column total 3 is small and equals the cell; the grand total minus the
    // 0 12 | 12    other column total would give it back, so that column total is hidden with
    // 3 22 | 25    the cell 10 that links the two columns.
    const table = {
      cells: [
        [3, 10],
        [0, 12],
      ],
      ...all,
    };
    expect(suppressTable(table, 5)).toEqual({
      cells: [
        [true, true],
        [false, false],
      ],
      rowTotals: [false, false],
      columnTotals: [true, true],
      grandTotal: false,
    });
  });

  it('with no margins published, hides only the small cells', () => {
    const table = {
      cells: [
        [3, 10],
        [0, 12],
      ],
      ...none,
    };
    expect(suppressTable(table, 5)).toEqual({
      cells: [
        [true, false],
        [false, false],
      ],
      rowTotals: [false, false],
      columnTotals: [false, false],
      grandTotal: false,
    });
  });

  it('hides the grand total when it is small, with the counts that add up to it', () => {
    const table = {
      cells: [
        [1, 0],
        [2, 0],
      ],
      rowTotals: false,
      columnTotals: false,
      grandTotal: true,
    };
    expect(suppressTable(table, 5)).toEqual({
      cells: [
        [true, false],
        [true, false],
      ],
      rowTotals: [false, false],
      columnTotals: [false, false],
      grandTotal: true,
    });
  });

  it('keeps a hidden total from being the sum of the published ones', () => {
    // Row totals 7 and 20 and the grand total 30 published: the hidden row total 3 (and its
    // one cell) would be 30 − 7 − 20, so another margin goes too (here the grand total, which
    // costs no cell).
    const table = {
      cells: [[7], [20], [3]],
      rowTotals: true,
      columnTotals: false,
      grandTotal: true,
    };
    const mask = suppressTable(table, 5);
    expect(mask.rowTotals[2]).toBe(true);
    expect(mask.cells[2]).toEqual([true]);
    expect(readerVerdict(table, mask, 5)).toEqual([]);
  });

  // alsoSuppress is partial: a caller names only what it needs hidden (a linked table's cells, say).
  it('takes a partial "also suppress": missing parts and rows hide nothing', () => {
    const table = {
      cells: [
        [20, 30],
        [40, 50],
      ],
      ...all,
    };
    const nothing = {
      cells: [
        [false, false],
        [false, false],
      ],
      rowTotals: [false, false],
      columnTotals: [false, false],
      grandTotal: false,
    };
    expect(suppressTable(table, 5, { alsoSuppress: {} })).toEqual(nothing);
    expect(suppressTable(table, 5, { alsoSuppress: { cells: [[true]] } })).toEqual({
      ...nothing,
      cells: [
        [true, true],
        [true, true],
      ],
    });
    expect(suppressTable(table, 5, { alsoSuppress: { columnTotals: [true] } })).toMatchObject({
      columnTotals: [true, true],
    });
  });

  it('hides a count of threshold − 1 and publishes one of the threshold itself', () => {
    // No margins, so no complement: exactly the counts from 1 to 4 are hidden.
    const table = { cells: [[4, 5, 0, 1]], ...none };
    expect(suppressTable(table, 5).cells).toEqual([[true, false, false, true]]);
  });

  it('never reports a margin the table does not publish as determined', () => {
    // The unpublished row totals are unknowns, and with nothing hidden each is a bridge of the
    // graph; but nobody asked to protect them, and a mask says false for unpublished margins.
    const table = {
      cells: [
        [3, 10],
        [7, 12],
      ],
      rowTotals: false,
      columnTotals: true,
      grandTotal: true,
    };
    const nothing = {
      cells: [
        [false, false],
        [false, false],
      ],
      rowTotals: [false, false],
      columnTotals: [false, false],
      grandTotal: false,
    };
    expect(determinedCounts(table, nothing)).toEqual(nothing);
  });

  it('handles an empty table', () => {
    expect(suppressTable({ cells: [], ...all }, 5)).toEqual({
      cells: [],
      rowTotals: [],
      columnTotals: [],
      grandTotal: false,
    });
  });

  it('protects a 100 × 40 table in a few milliseconds', () => {
    let state = 7;
    const random = () => (state = (state * 48271) % 2147483647) / 2147483647;
    const cells = Array.from({ length: 100 }, () =>
      Array.from({ length: 40 }, () => (random() < 0.4 ? 0 : Math.floor(random() * 30))),
    );
    const table = { cells, ...all };
    const started = Date.now();
    const mask = suppressTable(table, 11);
    const elapsed = Date.now() - started;
    expect(namesOf(table, determinedCounts(table, mask))).toEqual([]);
    // Generous bound for a shared machine; typically a few ms (see doc-suppression.md). Not under
    // mutation testing (scripts/mutation-setup.mjs), whose instrumented copy is not the product.
    const instrumented = (globalThis as { fourfoldMutationTesting?: boolean })
      .fourfoldMutationTesting;
    if (!instrumented) expect(elapsed).toBeLessThan(250);
  });
});

// ---------------------------------------------------------------------------------------------
// Which complements: the cost order stated in suppression.ts, one tier at a time (threshold 5).
// Each table offers two ways round the hidden count that are equal up to the tier under test.
// ---------------------------------------------------------------------------------------------

describe('suppressTable chooses its complements by the stated cost order', () => {
  it('hides three cells rather than two margins of a smaller sum (margins first)', () => {
    //  3 10 | 13   Grand total not published. The 3 goes round by the 10, 20 and 10 (no
    // 10 20 | 30   margin, 40 in all) or by row 0's and column 0's totals, joined through the
    // 13 30 | ·    unpublished grand total (two margins, 26 in all): the fewer margins first.
    const table = {
      cells: [
        [3, 10],
        [10, 20],
      ],
      rowTotals: true,
      columnTotals: true,
      grandTotal: false,
    };
    expect(suppressTable(table, 5)).toEqual({
      cells: [
        [true, true],
        [true, true],
      ],
      rowTotals: [false, false],
      columnTotals: [false, false],
      grandTotal: false,
    });
  });

  it('hides the cheaper cells before fewer entries or smaller margins (cells before margin counts)', () => {
    // 2 | 2      Column total (8) not published, grand total 8 published. The 2 and its row
    // 6 | 6      total are hidden; the way round is the row of 6 (a margin of 6 and a cell of 6)
    // ---+ 8     or the grand total (a margin of 8 and no cell): equal on margins, and the
    //            grand total costs no cell, so it goes, though its count is larger.
    const table = { cells: [[2], [6]], rowTotals: true, columnTotals: false, grandTotal: true };
    expect(suppressTable(table, 5)).toEqual({
      cells: [[true], [false]],
      rowTotals: [true, false],
      columnTotals: [false],
      grandTotal: true,
    });
  });

  it('between ways equal on margins and cells, hides the smaller margin', () => {
    //  3  0 |  3    The 3 and its row total are hidden. Row 0's only other count is a zero, so
    // 10  8 | 18    the way round leaves by its hidden total and comes back to column 0 through
    // 10  5 | 15    row 1 (total 18, cell 10) or row 2 (total 15, cell 10): one margin and a
    // 23 13 | 36    cell of 10 either way, so the smaller margin, 15, goes with its cell 10.
    const table = {
      cells: [
        [3, 0],
        [10, 8],
        [10, 5],
      ],
      ...all,
    };
    expect(suppressTable(table, 5)).toEqual({
      cells: [
        [true, false],
        [false, false],
        [true, false],
      ],
      rowTotals: [true, false, true],
      columnTotals: [false, false],
      grandTotal: false,
    });
  });

  it('keeps the smaller margin even when a larger one was reached first at the same cost', () => {
    // 2 8 | ·     Row totals not published (free), column totals 2 and 11 and the grand total 13
    // 0 3 | ·     are. Hidden: the 2, the 3 and column 0's total 2. The 2 goes round through the
    // 2 11 | 13   free row totals and the 3 to column 1, then back to column 0 by column 1's
    //             total 11 — or, reached sooner, from the free row totals by the grand total 13:
    //             one margin and no cell either way, so the smaller margin, 11, goes.
    const table = {
      cells: [
        [2, 8],
        [0, 3],
      ],
      rowTotals: false,
      columnTotals: true,
      grandTotal: true,
    };
    expect(suppressTable(table, 5)).toEqual({
      cells: [
        [true, false],
        [false, true],
      ],
      rowTotals: [false, false],
      columnTotals: [true, true],
      grandTotal: false,
    });
  });

  it('settles the smaller margin first, so a way through it is not cut off', () => {
    // 2 0 | 2    Column totals not published (free); the grand total 8 is. Hidden: the 2, the
    // 5 1 | 6    1 and row 0's total 2. From row 0's hidden total, column 0 is reached with
    // · · | 8    one margin and no cell through row 1's total 6 (then the 1 and the free column
    //            totals) or through the grand total 8: the smaller, 6, goes.
    const table = {
      cells: [
        [2, 0],
        [5, 1],
      ],
      rowTotals: true,
      columnTotals: false,
      grandTotal: true,
    };
    expect(suppressTable(table, 5)).toEqual({
      cells: [
        [true, false],
        [false, true],
      ],
      rowTotals: [true, true],
      columnTotals: [false, false],
      grandTotal: false,
    });
  });

  it('counts a row total as a margin on the way out of its row', () => {
    // 1 1 | 2    Small: both 1s, row 0's total 2 and column 1's total 1. The first 1 goes
    // 5 0 | 5    round by column 0's total 6 (one margin, no cell). Row 0's hidden total then
    // 6 1 | 7    needs a way to the row totals' column: the grand total 7 (one margin, no cell)
    //            rather than the 5 and row 1's total 5 (one margin and a cell).
    const table = {
      cells: [
        [1, 1],
        [5, 0],
      ],
      ...all,
    };
    expect(suppressTable(table, 5)).toEqual({
      cells: [
        [true, true],
        [false, false],
      ],
      rowTotals: [true, false],
      columnTotals: [true, true],
      grandTotal: true,
    });
  });

  it('between ways equal on counts, hides fewer entries', () => {
    //  5  6 | 11   Small: the 3, 1 and 2, and row 1's total 4. The 3 goes round to column 0
    //  3  1 |  4   by the 11 alone (row 2's 2 being hidden already) or by the 6 and the 5:
    //  2 11 | 13   11 either way, so the one entry, the 11. Row 1's hidden total then needs a
    // 10 18 | 28   way to the row totals' column: row 2's total 13 (no cell) rather than row
    //              0's total 11 with a cell 5.
    const table = {
      cells: [
        [5, 6],
        [3, 1],
        [2, 11],
      ],
      ...all,
    };
    expect(suppressTable(table, 5)).toEqual({
      cells: [
        [false, false],
        [true, true],
        [true, true],
      ],
      rowTotals: [false, true, true],
      columnTotals: [false, false],
      grandTotal: false,
    });
  });

  it('between ways equal on counts, hides fewer entries even when the longer way is settled first', () => {
    // 14 4 6 | 24   Small: the 4 and the 1. The 4 goes round to column 1 by the 14 and the 5
    //  1 5 8 | 14   (the 1 hidden between them) or by the 6, the 8 and the 5: 19 either way,
    // 15 9 14 | 38  so the two entries, which also close a cycle round the 1. The three-entry
    //               way would leave the 1 to be protected by the 14 as well: all six hidden.
    const table = {
      cells: [
        [14, 4, 6],
        [1, 5, 8],
      ],
      ...all,
    };
    expect(suppressTable(table, 5)).toEqual({
      cells: [
        [true, true, false],
        [true, true, false],
      ],
      rowTotals: [false, false],
      columnTotals: [false, false, false],
      grandTotal: false,
    });
  });

  it('publishes again the larger of two cells when either alone would do', () => {
    //  7  3  8 | 18   Small: the 3, 2, 3 and 1, and column 1's total 3. The 3 in row 0 can only
    //  2  0  3 |  5   come back to column 1 through column 1's hidden total: by the 7 and
    //  1  0 13 | 14   column 0's total 10 (one margin, cell 7; the 8 and column 2's total 24
    // 10  3 24 | 37   cost more). The 2 then goes round by the 8 (row 0, joined to column 0),
    //                 the 1 by the 13. With the 8 hidden the 7 is no longer needed (row 0 →
    //                 column 2 → row 1 → column 0), and with the 7 hidden the 8 is not: the 13
    //                 and column 0's total are needed either way, and of the 7 and the 8 the
    //                 larger is published again.
    const table = {
      cells: [
        [7, 3, 8],
        [2, 0, 3],
        [1, 0, 13],
      ],
      ...all,
    };
    expect(suppressTable(table, 5)).toEqual({
      cells: [
        [true, true, false],
        [true, false, true],
        [true, false, true],
      ],
      rowTotals: [false, false, false],
      columnTotals: [true, true, false],
      grandTotal: false,
    });
  });

  it('publishes again a margin rather than a cell when either alone would do (threshold 6)', () => {
    //  0  0  2 |  2   Small (under 6): the 2, 4 and 1, row 0's total 2 and column 0's total 5.
    //  4 12  0 | 16   The 2 is protected first, through its hidden row total: row 2's total 13
    //  1  0 12 | 13   and its 12 (one margin, cell 12). The 4 then goes round by row 1's total
    //  5 12 14 | 31   16 (no cell), and column 0's total by column 2's total 14 (no cell; 14
    //                 before the grand total 31). Now row 2's total 13 and its 12 are each
    //                 unnecessary while the other is hidden (without the total, the 2 goes round
    //                 by the column totals and row 1; without the 12, row 2 by its total):
    //                 publishing again the costliest first — margins, then larger counts —
    //                 publishes the total 13 and keeps the cell.
    const table = {
      cells: [
        [0, 0, 2],
        [4, 12, 0],
        [1, 0, 12],
      ],
      ...all,
    };
    expect(suppressTable(table, 6)).toEqual({
      cells: [
        [false, false, true],
        [true, false, false],
        [true, false, true],
      ],
      rowTotals: [true, true, false],
      columnTotals: [true, false, true],
      grandTotal: false,
    });
  });
});
