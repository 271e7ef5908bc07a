/**
 * The charts of one summary: the trend of discussions, the risks most often present, risks by
 * age band, risks that come together, how interventions ended, and how soon first contact was
 * made. Every number comes from the API as published (see ../lib/breakdowns.ts).
 */
import { useTranslation } from 'react-i18next';
import {
  DISCUSSIONS_KEY,
  conclusionKeys,
  firstContactDayBuckets,
  type PublishedCount,
  type StatsSummary,
} from '@fourfold/shared/statistics';
import { breakdownOf, rankedRows, rowOf, splitKey, useKeyLabel } from '../lib/breakdowns';
import { useStatsFormat } from '../lib/format';
import { ChartFigure } from './chart-figure';
import { CountBarChart, type CountDatum } from './count-bar-chart';
import { DataTable, MatrixTable } from './data-tables';
import { HeatMap, type Matrix } from './heat-map';
import { TrendChart } from './trend-chart';

const TOP = 10;
/** A heat map wider than this many columns would not read on a phone. */
const HEAT_MAP_CATEGORIES = 8;

export function StatsDashboard({ summary }: { summary: StatsSummary }) {
  return (
    <div className="stats-dashboard">
      <TrendFigure summary={summary} />
      <TopFigure summary={summary} dimension="risk_category" />
      <TopFigure summary={summary} dimension="risk_factor" />
      <AgeBandFigure summary={summary} />
      <PairsFigure summary={summary} />
      <OutcomesFigure summary={summary} />
      <FirstContactFigure summary={summary} />
    </div>
  );
}

function useCommon(summary: StatsSummary) {
  const { t } = useTranslation('statistics');
  const format = useStatsFormat();
  const keyLabel = useKeyLabel();
  const window = t('window', {
    from: format.period(summary.from, true),
    to: format.period(summary.to, true),
  });
  return { t, format, keyLabel, window };
}

function TrendFigure({ summary }: { summary: StatsSummary }) {
  const { t, format, window } = useCommon(summary);
  const discussions = rowOf(breakdownOf(summary, 'discussions'), DISCUSSIONS_KEY);
  const accepted = rowOf(breakdownOf(summary, 'outcome'), 'accepted');
  const counts: PublishedCount[] = summary.periods.map((_, i) => discussions?.periods[i] ?? 0);
  const shares = summary.shares.accepted.periods;
  const total = discussions?.total ?? 0;
  const intervalWord = t(`trend.per.${summary.interval}`);
  return (
    <ChartFigure
      title={t('trend.title')}
      figures={
        <p>
          {t('trend.figures', {
            total: format.count(total),
            share: format.share(summary.shares.accepted.overall),
          })}
        </p>
      }
      summary={t('trend.summary', {
        per: intervalWord,
        window,
        total: format.count(total),
        share: format.share(summary.shares.accepted.overall),
      })}
      chart={
        <TrendChart
          threshold={summary.threshold}
          data={summary.periods.map((period, i) => ({
            period,
            count: counts[i] ?? 0,
            share: shares[i] ?? null,
          }))}
        />
      }
      table={
        <DataTable
          caption={t('trend.caption', { per: intervalWord, window })}
          rowHeader={t('table.period')}
          rows={summary.periods.map((period) => format.period(period, true))}
          columns={[
            { header: t('trend.discussions'), values: counts },
            {
              header: t('trend.accepted'),
              values: summary.periods.map((_, i) => accepted?.periods[i] ?? 0),
            },
            { header: t('trend.acceptedShare'), values: shares.map((s) => format.share(s)) },
          ]}
        />
      }
    />
  );
}

function TopFigure({
  summary,
  dimension,
}: {
  summary: StatsSummary;
  dimension: 'risk_category' | 'risk_factor';
}) {
  const { t, format, keyLabel, window } = useCommon(summary);
  const rows = rankedRows(breakdownOf(summary, dimension).rows, TOP);
  const data: CountDatum[] = rows.map((row) => ({
    key: row.key,
    label: keyLabel(dimension, row.key),
    count: row.total,
  }));
  const words = t(`top.${dimension}`, { returnObjects: true }) as { title: string; name: string };
  return (
    <ChartFigure
      title={words.title}
      empty={data.length === 0 ? t('emptyChart') : null}
      summary={t('top.summary', {
        title: words.title,
        window,
        list: data.map((d) => `${d.label}: ${format.count(d.count)}`).join('; '),
      })}
      chart={
        <CountBarChart
          data={data}
          threshold={summary.threshold}
          orientation="bars"
          seriesName={t('top.series')}
        />
      }
      table={
        <DataTable
          caption={t('top.caption', { title: words.title, window })}
          rowHeader={words.name}
          rows={data.map((d) => d.label)}
          columns={[{ header: t('top.series'), values: data.map((d) => d.count) }]}
        />
      }
    />
  );
}

function AgeBandFigure({ summary }: { summary: StatsSummary }) {
  const { t, keyLabel, window } = useCommon(summary);
  const categories = rankedRows(breakdownOf(summary, 'risk_category').rows, HEAT_MAP_CATEGORIES);
  const ageBands = breakdownOf(summary, 'age_band').rows;
  const byKey = new Map(
    breakdownOf(summary, 'risk_category_by_age_band').rows.map((row) => [row.key, row.total]),
  );
  const matrix: Matrix = {
    rows: categories.map((row) => ({ key: row.key, label: keyLabel('risk_category', row.key) })),
    columns: ageBands.map((row) => ({ key: row.key, label: keyLabel('age_band', row.key) })),
    cell: (category, ageBand) => {
      // Composite keys put the age band first: `12_15|mental_health`.
      return byKey.get(`${ageBand}|${category}`) ?? 0;
    },
  };
  return (
    <ChartFigure
      title={t('ageBand.title')}
      figures={<p>{t('heatMapNote')}</p>}
      empty={matrix.rows.length === 0 || matrix.columns.length === 0 ? t('emptyChart') : null}
      summary={t('ageBand.summary', {
        window,
        categories: matrix.rows.length,
        ageBands: matrix.columns.length,
      })}
      scrolls
      chart={<HeatMap matrix={matrix} />}
      table={
        <MatrixTable
          caption={t('ageBand.caption', { window })}
          corner={t('ageBand.corner')}
          matrix={matrix}
        />
      }
    />
  );
}

function PairsFigure({ summary }: { summary: StatsSummary }) {
  const { t, format, keyLabel, window } = useCommon(summary);
  const pairs = breakdownOf(summary, 'risk_category_pair').rows;
  const counts = new Map<string, PublishedCount>();
  const inPairs = new Set<string>();
  for (const row of pairs) {
    const [a, b] = splitKey(row.key);
    counts.set(`${a}|${b}`, row.total);
    counts.set(`${b}|${a}`, row.total);
    inPairs.add(a);
    inPairs.add(b);
  }
  // The categories in the pairs, in the order of their own frequency.
  const categories = rankedRows(breakdownOf(summary, 'risk_category').rows, Infinity)
    .filter((row) => inPairs.has(row.key))
    .slice(0, HEAT_MAP_CATEGORIES)
    .map((row) => ({ key: row.key, label: keyLabel('risk_category', row.key) }));
  const matrix: Matrix = {
    rows: categories,
    columns: categories,
    cell: (a, b) => (a === b ? null : (counts.get(`${a}|${b}`) ?? 0)),
  };
  const top = pairs[0];
  const topWords = top
    ? splitKey(top.key)
        .map((code) => keyLabel('risk_category', code))
        .join(' + ')
    : '';
  return (
    <ChartFigure
      title={t('pairs.title')}
      figures={<p>{t('pairs.intro')}</p>}
      empty={categories.length < 2 ? t('emptyChart') : null}
      summary={t('pairs.summary', {
        window,
        categories: categories.length,
        top: top ? `${topWords}: ${format.count(top.total)}` : '–',
      })}
      scrolls
      chart={<HeatMap matrix={matrix} />}
      table={
        <MatrixTable
          caption={t('pairs.caption', { window })}
          corner={t('pairs.corner')}
          matrix={matrix}
        />
      }
    />
  );
}

function OutcomesFigure({ summary }: { summary: StatsSummary }) {
  const { t, format, keyLabel, window } = useCommon(summary);
  const breakdown = breakdownOf(summary, 'conclusion');
  const data: CountDatum[] = conclusionKeys.map((key) => ({
    key,
    label: keyLabel('conclusion', key),
    count: rowOf(breakdown, key)?.total ?? 0,
  }));
  const median = summary.medians.daysOpen.overall;
  return (
    <ChartFigure
      title={t('outcomes.title')}
      figures={
        <p>
          {t('outcomes.figures', {
            share: format.share(summary.shares.riskLowered.overall),
            median: median ? keyLabel('days_open', median) : t('noShare'),
          })}
        </p>
      }
      empty={breakdown.rows.length === 0 ? t('emptyChart') : null}
      summary={t('outcomes.summary', {
        window,
        list: data.map((d) => `${d.label}: ${format.count(d.count)}`).join('; '),
      })}
      chart={
        <CountBarChart
          data={data}
          threshold={summary.threshold}
          orientation="bars"
          seriesName={t('outcomes.series')}
        />
      }
      table={
        <DataTable
          caption={t('outcomes.caption', { window })}
          rowHeader={t('outcomes.rowHeader')}
          rows={data.map((d) => d.label)}
          columns={[{ header: t('outcomes.series'), values: data.map((d) => d.count) }]}
        />
      }
    />
  );
}

function FirstContactFigure({ summary }: { summary: StatsSummary }) {
  const { t, format, keyLabel, window } = useCommon(summary);
  const breakdown = breakdownOf(summary, 'first_contact_days');
  const data: CountDatum[] = firstContactDayBuckets.map((key) => ({
    key,
    label: keyLabel('first_contact_days', key),
    // `3_7` → 3–7, `31_plus` → 31+: the axis is titled in days.
    tick: key.replace('_plus', '+').replace('_', '–'),
    count: rowOf(breakdown, key)?.total ?? 0,
  }));
  const median = summary.medians.daysToFirstContact.overall;
  const share = format.share(summary.shares.firstContactWithinTarget.overall);
  return (
    <ChartFigure
      title={t('firstContact.title')}
      figures={
        <p>
          {t('firstContact.figures', {
            share,
            median: median ? keyLabel('first_contact_days', median) : t('noShare'),
          })}
        </p>
      }
      empty={breakdown.rows.length === 0 ? t('emptyChart') : null}
      summary={t('firstContact.summary', {
        window,
        share,
        list: data.map((d) => `${d.label}: ${format.count(d.count)}`).join('; '),
      })}
      chart={
        <CountBarChart
          data={data}
          threshold={summary.threshold}
          orientation="columns"
          seriesName={t('firstContact.series')}
          axisLabel={t('firstContact.axis')}
        />
      }
      table={
        <DataTable
          caption={t('firstContact.caption', { window })}
          rowHeader={t('firstContact.rowHeader')}
          rows={data.map((d) => d.label)}
          columns={[{ header: t('firstContact.series'), values: data.map((d) => d.count) }]}
        />
      }
    />
  );
}
