/**
 * On a table's page: one click to the open (or next) meeting's screen, and to all its meetings.
 * Shown to the roles that follow meetings.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { rolesGranting, type Role } from '@fourfold/shared/access-policy';
import { useLanguage } from '../../../lib/use-language';
import { useTableMeetings } from '../api/get-table-meetings';
import { formatMeetingTime, meetingToJoin } from '../utils/meeting-time';

const followingRoles = rolesGranting('meeting.view');

export function TableMeetingLinks({ tableId, role }: { tableId: string; role: Role }) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  const follows = followingRoles.includes(role);
  const upcoming = useTableMeetings(tableId, 'upcoming', { enabled: follows });
  if (!follows) return null;
  const meeting = upcoming.data ? meetingToJoin(upcoming.data.items) : null;
  return (
    <nav className="table-meeting-links" aria-label={t('tableLinks.label')}>
      <ul>
        {meeting ? (
          <li>
            <Link
              to={`/meetings/${meeting.id}`}
              className="button button--primary situations-button-link"
            >
              {t(meeting.status === 'open' ? 'tableLinks.open' : 'tableLinks.next', {
                when: formatMeetingTime(meeting.scheduledFor, language, meeting.timeZone),
              })}
            </Link>
          </li>
        ) : null}
        <li>
          <Link to={`/tables/${tableId}/meetings`}>{t('tableLinks.all')}</Link>
        </li>
      </ul>
    </nav>
  );
}
