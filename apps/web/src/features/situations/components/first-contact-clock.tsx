/**
 * The first-contact clock of a situation or list row, in words (never by colour alone): when first
 * contact is due, how long is left or how late it is, or that it was made. The rule is
 * `firstContactClock` from @fourfold/shared/first-contact-clock, the same the API's overdue filter
 * uses; the due time is that of the situation's first-contact action item.
 */
import { firstContactClock } from '@fourfold/shared/first-contact-clock';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../../lib/use-language';
import { useNow } from '../../action-items/components/action-item-due';
import { dueDistance, formatDistance } from '../../action-items/utils/due';
import { formatDateTime } from '../../../lib/format';
import '../../action-items/action-items.css';

export type FirstContactClockProps = {
  firstContactDueAt: string | null;
  firstContactAt: string | null;
  closed: boolean;
  /** `short`: one line for a list row; `full`: with the due date and time. */
  variant?: 'short' | 'full';
};

export function FirstContactClock({
  firstContactDueAt,
  firstContactAt,
  closed,
  variant = 'full',
}: FirstContactClockProps) {
  const { t } = useTranslation('situations');
  const language = useLanguage();
  const now = useNow();
  const clock = firstContactClock({ firstContactDueAt, firstContactAt, closed }, now);
  if (clock === null) return null;
  const duration = formatDistance(dueDistance(clock.dueAt, now), language);
  const due = <time dateTime={clock.dueAt}>{formatDateTime(clock.dueAt, language)}</time>;
  const words = t(`clock.${clock.state}`, { duration });
  return (
    <span className={`first-contact-clock first-contact-clock--${clock.state}`}>
      {clock.state === 'overdue' ? <strong>{words}</strong> : words}
      {variant === 'full' ? (
        <>
          {' '}
          <span className="first-contact-clock__due">
            ({t('clock.dueAt')} {due})
          </span>
        </>
      ) : null}
    </span>
  );
}
