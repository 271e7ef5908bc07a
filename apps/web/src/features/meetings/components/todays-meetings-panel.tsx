/**
 * The home page's meetings: today's meetings of every table the person follows (and the next one
 * to come), each one click from its meeting screen. Shown only to signed-in members whose role
 * follows meetings.
 */
import { useTranslation } from 'react-i18next';
import { rolesGranting } from '@fourfold/shared/access-policy';
import { QueryState } from '../../../components/query-state';
import { useSessionState } from '../../auth/use-session';
import { useMyMeetings } from '../api/get-my-meetings';
import { todaysMeetings } from '../utils/meeting-time';
import { MeetingList } from './meeting-list';
import '../meetings.css';

const followingRoles = rolesGranting('meeting.view');

export function TodaysMeetingsPanel() {
  const session = useSessionState();
  const follows =
    session.status === 'signed-in' &&
    session.me.memberships.some((membership) => followingRoles.includes(membership.role));
  if (!follows) return null;
  return <TodaysMeetings />;
}

function TodaysMeetings() {
  const { t } = useTranslation('meetings');
  const query = useMyMeetings();
  return (
    <section className="panel" aria-labelledby="todays-meetings-heading">
      <h2 id="todays-meetings-heading" className="panel__heading">
        {t('today.heading')}
      </h2>
      <QueryState query={query} loading={t('today.loading')}>
        {(list) => {
          const { today, next } = todaysMeetings(list.items, new Date());
          return (
            <>
              {today.length === 0 ? (
                <p>{t('today.none')}</p>
              ) : (
                <MeetingList meetings={today} showTable />
              )}
              {next ? (
                <>
                  <h3>{t('today.next')}</h3>
                  <MeetingList meetings={[next]} showTable />
                </>
              ) : null}
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
