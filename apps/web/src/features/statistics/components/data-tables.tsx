/**
 * The data behind each chart, as tables a screen reader can walk: a caption, column and row
 * headers with their scope, counts right-aligned, and "suppressed" in words.
 */
import type { PublishedCount } from '@fourfold/shared/statistics';
import { useStatsFormat } from '../lib/format';
import type { Matrix } from './heat-map';

export type TableColumn = { header: string; values: readonly (PublishedCount | string | null)[] };

/** One row per item (a period, a category…), one column per measure. */
export function DataTable({
  caption,
  rowHeader,
  rows,
  columns,
}: {
  caption: string;
  rowHeader: string;
  rows: readonly string[];
  columns: readonly TableColumn[];
}) {
  const format = useStatsFormat();
  const shown = (value: PublishedCount | string | null) =>
    typeof value === 'number' || value === 'suppressed' || value === null
      ? format.count(value)
      : value;
  return (
    <table className="data-table stats-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{rowHeader}</th>
          {columns.map((column) => (
            <th scope="col" key={column.header} className="stats-number">
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={row}>
            <th scope="row">{row}</th>
            {columns.map((column) => (
              <td key={column.header} className="stats-number">
                {shown(column.values[index] ?? null)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A heat map's numbers: its rows and columns as the table's. */
export function MatrixTable({
  caption,
  corner,
  matrix,
}: {
  caption: string;
  corner: string;
  matrix: Matrix;
}) {
  const format = useStatsFormat();
  return (
    <table className="data-table stats-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{corner}</th>
          {matrix.columns.map((column) => (
            <th scope="col" key={column.key} className="stats-number">
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {matrix.rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            {matrix.columns.map((column) => {
              const count = matrix.cell(row.key, column.key);
              return (
                <td key={column.key} className="stats-number">
                  {format.count(count)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
