/**
 * /meetings/:id: THE MEETING SCREEN. The chair runs the table from here — opens the meeting,
 * takes attendance, orders the agenda, sets the item being discussed and records each step in
 * the room — and every representative follows along live. Everything shown is de-identified;
 * items a person may not open show as restricted.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeading } from '../../../components/page-heading';
import { ProblemAlert } from '../../../components/problem-alert';
import { ApiError } from '../../../lib/api-client';
import { useLanguage } from '../../../lib/use-language';
import { useSession } from '../../auth/use-session';
import { useMeeting, type VersionedMeeting } from '../api/get-meeting';
import { AgendaItemDetail } from '../components/agenda-item-detail';
import { AgendaPanel } from '../components/agenda-panel';
import { AttendancePanel } from '../components/attendance-panel';
import { MeetingControls } from '../components/meeting-controls';
import { MeetingLive } from '../components/meeting-live';
import { MeetingStatusTag } from '../components/meeting-status-tag';
import { shownItem } from '../utils/agenda';
import { runsMeetings } from '../utils/in-room-steps';
import { formatMeetingTime } from '../utils/meeting-time';
import '../meetings.css';

export function MeetingRoute() {
  const { t } = useTranslation('meetings');
  const { meetingId = '' } = useParams();
  const query = useMeeting(meetingId);

  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) {
      return (
        <>
          <PageHeading>{t('notFound.title')}</PageHeading>
          <p>{t('notFound.body')}</p>
          <p>
            <Link to="/tables">{t('notFound.tablesLink')}</Link>
          </p>
        </>
      );
    }
    return (
      <>
        <PageHeading>{t('screen.title')}</PageHeading>
        <ProblemAlert error={query.error} />
      </>
    );
  }
  if (!query.data) {
    return (
      <>
        <PageHeading>{t('screen.title')}</PageHeading>
        <p className="loading" role="status">
          {t('screen.loading')}
        </p>
      </>
    );
  }
  return <MeetingScreen versioned={query.data} />;
}

function MeetingScreen({ versioned }: { versioned: VersionedMeeting }) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  const { actor } = useSession();
  const { meeting } = versioned;
  const chair = runsMeetings(actor, meeting.table);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const item = shownItem(meeting.agenda, selectedId, meeting.currentItemId);
  const when = formatMeetingTime(meeting.scheduledFor, language, meeting.table.timeZone);

  const show = (itemId: string) => {
    setSelectedId(itemId);
    setFocusRequest((count) => count + 1);
  };

  return (
    <div className="meeting-screen">
      <p className="situations-breadcrumb">
        <Link to={`/tables/${meeting.table.id}/meetings`}>
          {t('screen.backTo', { table: meeting.table.name })}
        </Link>
      </p>
      <PageHeading documentTitle={t('screen.documentTitle', { table: meeting.table.name })}>
        {t('screen.heading', { table: meeting.table.name })}
      </PageHeading>
      <p className="meeting-screen__meta">
        <span>{when}</span> <MeetingStatusTag status={meeting.status} />
      </p>
      <MeetingLive meetingId={meeting.id} />
      {meeting.status === 'closed' ? (
        <p>
          <Link
            to={`/meetings/${meeting.id}/minutes`}
            className="button button--secondary situations-button-link"
          >
            {t('screen.minutesLink')}
          </Link>
        </p>
      ) : null}
      {chair ? <MeetingControls versioned={versioned} /> : null}
      <AttendancePanel versioned={versioned} chair={chair} />
      <div className="meeting-layout">
        <div className="meeting-layout__agenda">
          <AgendaPanel
            versioned={versioned}
            chair={chair}
            shownItemId={item?.id ?? null}
            onShow={show}
          />
        </div>
        <div className="meeting-layout__item">
          <AgendaItemDetail meeting={meeting} item={item} focusRequest={focusRequest} />
        </div>
      </div>
    </div>
  );
}
