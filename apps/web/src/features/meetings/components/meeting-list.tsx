/** A list of meetings, each with its time, status and the link to its meeting screen. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MeetingSummary } from '@fourfold/shared/meetings';
import { useLanguage } from '../../../lib/use-language';
import { formatMeetingTime } from '../utils/meeting-time';
import { MeetingStatusTag } from './meeting-status-tag';

export function MeetingList({
  meetings,
  showTable = false,
}: {
  meetings: readonly MeetingSummary[];
  /** Name the table (the home page lists the meetings of every table). */
  showTable?: boolean;
}) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  return (
    <ul className="meeting-list">
      {meetings.map((meeting) => {
        const when = formatMeetingTime(meeting.scheduledFor, language, meeting.timeZone);
        return (
          <li key={meeting.id} className="meeting-list__item">
            <p className="meeting-list__line">
              {showTable ? <strong>{meeting.tableName}</strong> : null}
              <span>{when}</span>
              <MeetingStatusTag status={meeting.status} />
            </p>
            <Link to={`/meetings/${meeting.id}`}>
              {t('list.open')}
              <span className="visually-hidden">
                {' '}
                {t('list.openContext', { table: meeting.tableName, when })}
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
