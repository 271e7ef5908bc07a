/**
 * /tables/:tableId/meetings: a table's upcoming and past meetings, each a link to its meeting
 * screen, and for the chair the Schedule form.
 */
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { can, rolesGranting } from '@fourfold/shared/access-policy';
import { PageHeading } from '../../../components/page-heading';
import { QueryState } from '../../../components/query-state';
import { useSession } from '../../auth/use-session';
import { NotFoundContent } from '../../situations/routes/not-found-content';
import { useTableMeetings } from '../api/get-table-meetings';
import { MeetingList } from '../components/meeting-list';
import { ScheduleForm } from '../components/schedule-form';
import '../meetings.css';

export function TableMeetingsRoute() {
  const { t } = useTranslation('meetings');
  const { tableId = '' } = useParams();
  const { me, actor } = useSession();
  const membership = me.memberships.find((m) => m.table.id === tableId);
  if (!membership) return <NotFoundContent kind="table" />;
  const table = {
    kind: 'table' as const,
    tableId,
    requiresSecondFactor: membership.requiresSecondFactor,
  };
  const chair = can(actor, 'meeting.run', table);
  // By role only: a missing agreement or second factor is the API's answer (shown as such), not
  // "your role does not include meetings".
  const follows = rolesGranting('meeting.view').includes(membership.role);

  return (
    <>
      <p className="situations-breadcrumb">
        <Link to={`/tables/${tableId}`}>{t('list.backTo', { table: membership.table.name })}</Link>
      </p>
      <PageHeading documentTitle={t('list.documentTitle', { table: membership.table.name })}>
        {t('list.heading', { table: membership.table.name })}
      </PageHeading>
      {follows ? (
        <div className="meeting-layout">
          <div>
            <Meetings tableId={tableId} when="upcoming" />
            <Meetings tableId={tableId} when="past" />
          </div>
          {chair ? <ScheduleForm tableId={tableId} /> : null}
        </div>
      ) : (
        <p>{t('list.roleSeesNoMeetings')}</p>
      )}
    </>
  );
}

function Meetings({ tableId, when }: { tableId: string; when: 'upcoming' | 'past' }) {
  const { t } = useTranslation('meetings');
  const query = useTableMeetings(tableId, when);
  return (
    <section aria-labelledby={`meetings-${when}-heading`}>
      <h2 id={`meetings-${when}-heading`}>{t(`list.${when}`)}</h2>
      <QueryState query={query} loading={t('list.loading')}>
        {(list) =>
          list.items.length === 0 ? (
            <p>{t(`list.none.${when}`)}</p>
          ) : (
            <MeetingList meetings={list.items} />
          )
        }
      </QueryState>
    </section>
  );
}
