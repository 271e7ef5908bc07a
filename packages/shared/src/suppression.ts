/**
 * Small-cell suppression: the one function that decides which counts of a table may be published.
 * Pure, so the API applies it and the property tests (test/suppression.test.ts) check it.
 *
 * A table is a grid of true counts (rows × columns) with, optionally, published margins: the row
 * totals (each row's sum over the columns), the column totals and the grand total. Primary
 * suppression hides every count (cell or margin) from 1 to threshold − 1. Complementary
 * suppression then hides further cells so that no suppressed value can be worked out from the
 * published cells and margins of the same table.
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

export function suppressTable(table: CountTable, threshold: number): SuppressionMask {
  // Primary suppression only, until the complementary pass lands (contract placeholder).
  const small = (n: number) => n > 0 && n < threshold;
  const rows = table.cells.map((row) => row.reduce((a, b) => a + b, 0));
  const columns = (table.cells[0] ?? []).map((_, j) =>
    table.cells.reduce((sum, row) => sum + (row[j] ?? 0), 0),
  );
  const grand = rows.reduce((a, b) => a + b, 0);
  return {
    cells: table.cells.map((row) => row.map(small)),
    rowTotals: rows.map((n) => table.rowTotals && small(n)),
    columnTotals: columns.map((n) => table.columnTotals && small(n)),
    grandTotal: table.grandTotal && small(grand),
  };
}
