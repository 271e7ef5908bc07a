/**
 * An item's due date and time in the interface language, and how long is left or how late it is
 * in words (never by colour alone). Re-rendered every minute so "Overdue by" stays true.
 */
import { isOverdue, type ActionItem } from '@fourfold/shared/action-items';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../lib/use-language';
import { formatDateTime } from '../../../lib/format';
import { dueDistance, formatDistance } from '../utils/due';

/** The current time, moved on every minute. */
export function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function ActionItemDue({ item, now }: { item: ActionItem; now: Date }) {
  const { t } = useTranslation('actionItems');
  const language = useLanguage();
  const overdue = isOverdue(item, now);
  const distance = formatDistance(dueDistance(item.dueAt, now), language);
  return (
    <>
      <time dateTime={item.dueAt}>{formatDateTime(item.dueAt, language)}</time>
      {item.status === 'open' ? (
        <>
          {' — '}
          {overdue ? (
            <strong className="action-item__overdue">
              {t('due.overdueBy', { duration: distance })}
            </strong>
          ) : (
            <span>{t('due.dueIn', { duration: distance })}</span>
          )}
        </>
      ) : null}
    </>
  );
}
