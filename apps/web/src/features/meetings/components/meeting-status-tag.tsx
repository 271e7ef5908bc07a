/** A meeting's status as a small label, the same on every meeting screen and list. */
import { useTranslation } from 'react-i18next';
import type { MeetingStatus } from '@fourfold/shared/meetings';

export function MeetingStatusTag({ status }: { status: MeetingStatus }) {
  const { t } = useTranslation('meetings');
  return (
    <span className={`tag meeting-status meeting-status--${status}`}>{t(`status.${status}`)}</span>
  );
}
