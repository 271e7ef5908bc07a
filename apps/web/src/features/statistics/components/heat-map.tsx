/**
 * A matrix of published counts as shaded cells: risk categories against age bands, and risk
 * categories against each other (how often two are present in the same situation). Recharts has
 * no heat map, and a grid of rectangles needs none: plain SVG, with fill attributes only (no
 * styles, for the Content-Security-Policy). A suppressed cell is hatched; an empty one is blank.
 * The grid keeps a readable size and scrolls sideways inside its own box on a narrow screen.
 */
import type { PublishedCount } from '@fourfold/shared/statistics';
import { isSuppressed, useStatsFormat } from '../lib/format';
import { HATCH_FILL } from './hatch-pattern';

export type Matrix = {
  rows: { key: string; label: string }[];
  columns: { key: string; label: string }[];
  /** The count of a cell; null where the cell means nothing (a category with itself). */
  cell: (rowKey: string, columnKey: string) => PublishedCount | null;
};

const CELL = 36;
const ROW_LABEL = 170;
const COLUMN_LABEL = 120;

/** From white to the bar colour #0066cc; text turns white where the cell is dark. */
function shade(ratio: number): string {
  const mix = (from: number, to: number) => Math.round(from + (to - from) * ratio);
  return `rgb(${mix(235, 0)}, ${mix(243, 102)}, ${mix(252, 204)})`;
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

export function HeatMap({ matrix }: { matrix: Matrix }) {
  const format = useStatsFormat();
  const counts = matrix.rows.flatMap((row) =>
    matrix.columns.map((column) => matrix.cell(row.key, column.key)),
  );
  const max = Math.max(1, ...counts.map((count) => (typeof count === 'number' ? count : 0)));
  const width = ROW_LABEL + matrix.columns.length * CELL + 8;
  const height = COLUMN_LABEL + matrix.rows.length * CELL + 8;
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      className="stats-heat-map"
      aria-hidden="true"
      focusable="false"
    >
      {matrix.columns.map((column, index) => {
        const x = ROW_LABEL + index * CELL + CELL / 2;
        return (
          <text
            key={column.key}
            x={x}
            y={COLUMN_LABEL - 6}
            transform={`rotate(-45 ${x} ${COLUMN_LABEL - 6})`}
            fontSize="12"
            fill="#1a1a1a"
          >
            {truncate(column.label, 18)}
          </text>
        );
      })}
      {matrix.rows.map((row, rowIndex) => {
        const y = COLUMN_LABEL + rowIndex * CELL;
        return (
          <g key={row.key}>
            <text
              x={ROW_LABEL - 8}
              y={y + CELL / 2 + 4}
              textAnchor="end"
              fontSize="12"
              fill="#1a1a1a"
            >
              {truncate(row.label, 24)}
            </text>
            {matrix.columns.map((column, columnIndex) => {
              const count = matrix.cell(row.key, column.key);
              const x = ROW_LABEL + columnIndex * CELL;
              const ratio = typeof count === 'number' ? count / max : 0;
              return (
                <g key={column.key}>
                  <rect
                    x={x + 1}
                    y={y + 1}
                    width={CELL - 2}
                    height={CELL - 2}
                    fill={
                      count === null ? '#f2f2f2' : isSuppressed(count) ? HATCH_FILL : shade(ratio)
                    }
                    stroke="#cccccc"
                  />
                  {typeof count === 'number' ? (
                    <text
                      x={x + CELL / 2}
                      y={y + CELL / 2 + 4}
                      textAnchor="middle"
                      fontSize="11"
                      fill={ratio > 0.5 ? '#ffffff' : '#1a1a1a'}
                    >
                      {format.number(count)}
                    </text>
                  ) : null}
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}
