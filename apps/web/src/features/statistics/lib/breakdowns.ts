/**
 * Reading the summary: the breakdown of one dimension, its rows ranked, a row's count in each
 * period, and the label of a key in the page's language (codes from the code lists, buckets and
 * outcomes from this feature's catalogue). Nothing here adds counts together: every number shown
 * is one the API published, so no true small count can be worked out from the page.
 */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import {
  STATS_KEY_SEPARATOR,
  conclusionKeys,
  daysOpenBuckets,
  firstContactDayBuckets,
  firstContactKeys,
  outcomeKeys,
  type PublishedCount,
  type StatsBreakdown,
  type StatsDimension,
  type StatsRow,
  type StatsSummary,
} from '@fourfold/shared/statistics';
import { useCodeLabels } from '../../taxonomy/hooks/use-code-labels';
import { isSuppressed } from './format';

export function breakdownOf(summary: StatsSummary, dimension: StatsDimension): StatsBreakdown {
  return (
    summary.breakdowns.find((breakdown) => breakdown.dimension === dimension) ?? {
      dimension,
      rows: [],
      periodTotals: null,
      total: null,
    }
  );
}

export function rowOf(breakdown: StatsBreakdown, key: string): StatsRow | undefined {
  return breakdown.rows.find((row) => row.key === key);
}

/** Most frequent first; suppressed rows after every published number, in the API's order. */
export function rankedRows(rows: readonly StatsRow[], limit: number): StatsRow[] {
  const weight = (count: PublishedCount) => (isSuppressed(count) ? -1 : count);
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => weight(b.row.total) - weight(a.row.total) || a.index - b.index)
    .slice(0, limit)
    .map(({ row }) => row);
}

/** A composite key, `12_15|alcohol`, as its parts. */
export function splitKey(key: string): [string, string] {
  const at = key.indexOf(STATS_KEY_SEPARATOR);
  return at < 0 ? [key, ''] : [key.slice(0, at), key.slice(at + 1)];
}

const bucketLists = {
  outcome: outcomeKeys,
  conclusion: conclusionKeys,
  first_contact: firstContactKeys,
  first_contact_days: firstContactDayBuckets,
  days_open: daysOpenBuckets,
} as const;
type BucketDimension = keyof typeof bucketLists;

/** The label of a key of one dimension; an unknown key shows as itself rather than vanishing. */
export function useKeyLabel() {
  const { t } = useTranslation('statistics');
  const { label } = useCodeLabels();
  return useCallback(
    (dimension: 'risk_category' | 'risk_factor' | 'age_band' | BucketDimension, key: string) => {
      switch (dimension) {
        case 'risk_category':
        case 'risk_factor':
        case 'age_band':
          return label(dimension, key);
        default: {
          const known = (bucketLists[dimension] as readonly string[]).includes(key);
          return known ? t(`keys.${dimension}.${key}` as 'keys.outcome.accepted') : key;
        }
      }
    },
    [label, t],
  );
}
