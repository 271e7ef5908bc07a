/**
 * Numbers, shares and period names in the page's language. A published count is a number or the
 * word `suppressed`; it is never turned into 0 here or anywhere else on the dashboard.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { SUPPRESSED, type PublishedCount } from '@fourfold/shared/statistics';
import { intlLocale, monthName } from '../../../lib/format';
import { useLanguage } from '../../../lib/use-language';

export function isSuppressed(count: PublishedCount | null | undefined): count is 'suppressed' {
  return count === SUPPRESSED;
}

export function useStatsFormat() {
  const { t } = useTranslation('statistics');
  const language = useLanguage();
  return useMemo(() => {
    const locale = intlLocale(language);
    const numbers = new Intl.NumberFormat(locale);
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
    const monthShort = new Intl.DateTimeFormat(locale, {
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
    const monthLong = new Intl.DateTimeFormat(locale, {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    const dateOf = (year: number, month: number) => new Date(Date.UTC(year, month - 1, 15));
    /** `2026-03` → "Mar 2026"; `2026-Q1` → "Q1 2026" / "T1 2026". */
    const period = (label: string, long = false): string => {
      const quarter = /^(\d{4})-Q([1-4])$/.exec(label);
      if (quarter) return t('period.quarter', { year: quarter[1], quarter: quarter[2] });
      const month = /^(\d{4})-(\d{2})$/.exec(label);
      if (month) {
        const date = dateOf(Number(month[1]), Number(month[2]));
        return (long ? monthLong : monthShort).format(date);
      }
      return label;
    };
    return {
      locale,
      number: (value: number) => numbers.format(value),
      count: (count: PublishedCount | null | undefined): string =>
        count === null || count === undefined
          ? '–'
          : isSuppressed(count)
            ? t('suppressed')
            : numbers.format(count),
      share: (share: number | null | undefined): string =>
        share === null || share === undefined ? t('noShare') : percent.format(share),
      monthName: (month: number) => monthName(month, language),
      period,
    };
  }, [language, t]);
}

export type StatsFormat = ReturnType<typeof useStatsFormat>;
