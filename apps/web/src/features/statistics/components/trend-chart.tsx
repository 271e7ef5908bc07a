/**
 * Discussions per period (bars; a suppressed period hatched) with the share accepted as acutely
 * elevated risk (a line on its own 0–100 % axis; a gap where the published counts do not allow a
 * share).
 */
import { useTranslation } from 'react-i18next';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { PublishedCount } from '@fourfold/shared/statistics';
import { isSuppressed, useStatsFormat } from '../lib/format';
import { BAR_COLOUR, HATCH_FILL, LINE_COLOUR } from './hatch-pattern';

export type TrendDatum = { period: string; count: PublishedCount; share: number | null };

export function TrendChart({
  data,
  threshold,
}: {
  data: readonly TrendDatum[];
  threshold: number;
}) {
  const { t } = useTranslation('statistics');
  const format = useStatsFormat();
  const points = data.map((datum) => ({
    label: format.period(datum.period),
    value: isSuppressed(datum.count) ? null : datum.count,
    suppressedMark: isSuppressed(datum.count) ? threshold : null,
    share: datum.share === null ? null : Math.round(datum.share * 100),
    shown: format.count(datum.count),
    shownShare: format.share(datum.share),
  }));
  type Point = (typeof points)[number];
  return (
    <ResponsiveContainer width="100%" height={300} initialDimension={{ width: 320, height: 300 }}>
      <ComposedChart
        data={points}
        margin={{ top: 8, right: 8, bottom: 8, left: 0 }}
        accessibilityLayer={false}
      >
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} minTickGap={8} />
        <YAxis yAxisId="count" allowDecimals={false} tickFormatter={format.number} width={48} />
        <YAxis
          yAxisId="share"
          orientation="right"
          domain={[0, 100]}
          tickFormatter={(value: number) => format.share(value / 100)}
          width={48}
        />
        <Tooltip
          formatter={(_value, name, item) => {
            const point = item.payload as Point;
            return name === t('trend.acceptedShare')
              ? [point.shownShare, name]
              : [point.shown, t('trend.discussions')];
          }}
        />
        <Legend />
        <Bar
          yAxisId="count"
          dataKey="value"
          name={t('trend.discussions')}
          stackId="count"
          fill={BAR_COLOUR}
          isAnimationActive={false}
        />
        <Bar
          yAxisId="count"
          dataKey="suppressedMark"
          name={t('suppressed')}
          stackId="count"
          fill={HATCH_FILL}
          stroke="#4d4d4d"
          isAnimationActive={false}
        />
        <Line
          yAxisId="share"
          dataKey="share"
          name={t('trend.acceptedShare')}
          stroke={LINE_COLOUR}
          strokeWidth={2}
          dot={{ r: 3, fill: LINE_COLOUR }}
          isAnimationActive={false}
          connectNulls={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
