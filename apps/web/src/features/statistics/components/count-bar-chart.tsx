/**
 * Bars of published counts (recharts). A suppressed count is drawn as a hatched bar of a fixed
 * height, the threshold, labelled "suppressed" — never as an empty bar that would read as zero.
 * Horizontal bars suit long labels (risk categories and factors); columns suit ordered buckets.
 */
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { PublishedCount } from '@fourfold/shared/statistics';
import { isSuppressed, useStatsFormat } from '../lib/format';
import { BAR_COLOUR, HATCH_FILL } from './hatch-pattern';

export type CountDatum = {
  key: string;
  label: string;
  /** A shorter label for the axis of a column chart (`3–7`), where the full one would collide. */
  tick?: string;
  count: PublishedCount;
};

type Point = {
  label: string;
  tick: string;
  value: number | null;
  suppressedMark: number | null;
  shown: string;
};

export function toPoints(
  data: readonly CountDatum[],
  threshold: number,
  format: (c: PublishedCount) => string,
): Point[] {
  return data.map((datum) => ({
    label: datum.label,
    tick: datum.tick ?? datum.label,
    value: isSuppressed(datum.count) ? null : datum.count,
    suppressedMark: isSuppressed(datum.count) ? threshold : null,
    shown: format(datum.count),
  }));
}

export function CountBarChart({
  data,
  threshold,
  orientation,
  seriesName,
  axisLabel,
}: {
  data: readonly CountDatum[];
  threshold: number;
  orientation: 'bars' | 'columns';
  seriesName: string;
  /** The title of the category axis of a column chart ("Days"). */
  axisLabel?: string;
}) {
  const { t } = useTranslation('statistics');
  const format = useStatsFormat();
  const points = toPoints(data, threshold, format.count);
  const bars = orientation === 'bars';
  const height = bars ? Math.max(160, points.length * 36 + 40) : 280;
  return (
    <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 320, height }}>
      <BarChart
        data={points}
        layout={bars ? 'vertical' : 'horizontal'}
        margin={{ top: 8, right: bars ? 72 : 8, bottom: 8, left: 0 }}
        accessibilityLayer={false}
      >
        <CartesianGrid strokeDasharray="3 3" horizontal={!bars} vertical={bars} />
        {bars ? (
          <>
            <XAxis type="number" allowDecimals={false} tickFormatter={format.number} />
            <YAxis
              type="category"
              dataKey="label"
              width={120}
              interval={0}
              tick={{ fontSize: 12 }}
            />
          </>
        ) : (
          <>
            <XAxis
              dataKey="tick"
              interval={0}
              tick={{ fontSize: 12 }}
              label={
                axisLabel
                  ? { value: axisLabel, position: 'insideBottom', offset: -4, fill: '#1a1a1a' }
                  : undefined
              }
              height={axisLabel ? 44 : 30}
            />
            <YAxis allowDecimals={false} tickFormatter={format.number} width={48} />
          </>
        )}
        <Tooltip
          formatter={(_value, _name, item) => [(item.payload as Point).shown, seriesName]}
          labelFormatter={(_label, payload) =>
            (payload[0]?.payload as Point | undefined)?.label ?? ''
          }
          cursor={{ fill: '#f2f2f2' }}
        />
        <Bar
          dataKey="value"
          name={seriesName}
          stackId="count"
          fill={BAR_COLOUR}
          isAnimationActive={false}
        />
        <Bar
          dataKey="suppressedMark"
          name={t('suppressed')}
          stackId="count"
          fill={HATCH_FILL}
          stroke="#4d4d4d"
          isAnimationActive={false}
        >
          {bars ? (
            <LabelList
              dataKey="suppressedMark"
              position="right"
              formatter={(value) => (value === null || value === undefined ? '' : t('suppressed'))}
              fill="#1a1a1a"
              fontSize={12}
            />
          ) : null}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
