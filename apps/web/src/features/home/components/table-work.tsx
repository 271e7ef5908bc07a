/**
 * One table's part of the work home, by the person's role there: quick links and the next
 * meeting, then (coordinator) what waits for the table's decision, (coordinator and
 * representative) their agency's drafts, involvement answers and interventions, (those who
 * review memberships) pending memberships, and (privacy officer) the latest identity views.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TableWork } from '@fourfold/shared/work';
import { useLanguage } from '../../../lib/use-language';
import { formatMeetingTime } from '../../meetings/utils/meeting-time';
import { formatDateTime } from '../../../lib/format';
import { WorkSection } from './work-section';

export function TableWorkPanel({ work }: { work: TableWork }) {
  const { t } = useTranslation('home');
  const { t: tAuth } = useTranslation('auth');
  const headingId = useId();
  const tableId = work.table.id;
  return (
    <section className="panel table-work" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__heading">
        {work.table.name}
      </h2>
      <p className="table-work__role">{t('work.role', { role: tAuth(`roles.${work.role}`) })}</p>
      {work.access === 'agreement_required' ? (
        <p>
          {t('work.agreementRequired')}{' '}
          <Link to={`/tables/${tableId}/agreement?next=${encodeURIComponent('/')}`}>
            {t('work.agreementLink')}
          </Link>
        </p>
      ) : work.access === 'second_factor_required' ? (
        <p>
          {t('work.secondFactorRequired')}{' '}
          <Link to="/account#two-step">{t('work.secondFactorLink')}</Link>
        </p>
      ) : (
        <TableWorkSections work={work} />
      )}
    </section>
  );
}

function TableWorkSections({ work }: { work: TableWork }) {
  const { t } = useTranslation('home');
  const tableId = work.table.id;
  const coordinator = work.role === 'coordinator';
  const works = work.situations !== null;
  return (
    <>
      {works ? <QuickLinks work={work} /> : null}
      {work.decisions ? (
        <div className="table-work__group">
          <h3 className="table-work__group-heading">{t('work.sections.decisions')}</h3>
          <WorkSection
            heading={t('work.sections.presented')}
            empty={t('work.sections.presentedEmpty')}
            section={work.decisions.presented}
            tableId={tableId}
            listSearch={{ stage: 'filter2' }}
          />
          <WorkSection
            heading={t('work.sections.awaitingAssignment')}
            empty={t('work.sections.awaitingAssignmentEmpty')}
            section={work.decisions.awaitingAssignment}
            tableId={tableId}
            listSearch={{ stage: 'filter3' }}
          />
          <WorkSection
            heading={t('work.sections.firstContactOverdue')}
            empty={t('work.sections.firstContactOverdueEmpty')}
            section={work.decisions.firstContactOverdue}
            tableId={tableId}
            listSearch={{ stage: 'filter4', overdue: 'true' }}
          />
          <WorkSection
            heading={t('work.sections.readyToConclude')}
            empty={t('work.sections.readyToConcludeEmpty')}
            section={work.decisions.readyToConclude}
            tableId={tableId}
            listSearch={{ stage: 'filter4' }}
          />
        </div>
      ) : null}
      {work.situations ? (
        <>
          <WorkSection
            heading={t('work.sections.drafts')}
            empty={t('work.sections.draftsEmpty')}
            section={work.situations.drafts}
            tableId={tableId}
            listSearch={{ stage: 'draft' }}
          />
          <WorkSection
            heading={t('work.sections.involvement')}
            empty={t('work.sections.involvementEmpty')}
            section={work.situations.involvement}
            tableId={tableId}
            listSearch={{ stage: 'filter3' }}
          />
          <WorkSection
            heading={t(
              coordinator ? 'work.sections.tableInterventions' : 'work.sections.interventions',
            )}
            empty={t(
              coordinator
                ? 'work.sections.tableInterventionsEmpty'
                : 'work.sections.interventionsEmpty',
            )}
            section={work.situations.interventions}
            tableId={tableId}
            listSearch={{ stage: 'filter4', sort: 'firstContactDue', order: 'asc' }}
          />
        </>
      ) : null}
      {work.pendingMemberships ? <PendingMemberships work={work} /> : null}
      {work.identityViews ? <IdentityViews work={work} /> : null}
    </>
  );
}

/**
 * New situation, the table's list, and its meeting in progress or next meeting (worded as the
 * table's page words it).
 */
function QuickLinks({ work }: { work: TableWork }) {
  const { t } = useTranslation('home');
  const { t: tMeetings } = useTranslation('meetings');
  const language = useLanguage();
  const tableId = work.table.id;
  const meeting = work.nextMeeting;
  return (
    <nav className="work-links" aria-label={t('work.quickLinks', { table: work.table.name })}>
      <ul className="work-links__list">
        <li>
          <Link
            to={`/tables/${tableId}/situations/new`}
            className="button button--primary work-links__button"
          >
            {t('work.newSituation')}
          </Link>
        </li>
        <li>
          <Link to={`/tables/${tableId}`}>{t('work.allSituations')}</Link>
        </li>
        <li>
          {meeting ? (
            <Link to={`/meetings/${meeting.id}`}>
              {tMeetings(meeting.status === 'open' ? 'tableLinks.open' : 'tableLinks.next', {
                when: formatMeetingTime(meeting.scheduledFor, language, meeting.timeZone),
              })}
            </Link>
          ) : (
            <>
              {t('work.noMeeting')}{' '}
              <Link to={`/tables/${tableId}/meetings`}>{tMeetings('tableLinks.all')}</Link>
            </>
          )}
        </li>
      </ul>
    </nav>
  );
}

function PendingMemberships({ work }: { work: TableWork }) {
  const { t } = useTranslation('home');
  const { t: tAuth } = useTranslation('auth');
  const language = useLanguage();
  const headingId = useId();
  const pending = work.pendingMemberships!;
  return (
    <section className="work-section" aria-labelledby={headingId}>
      <h3 id={headingId} className="work-section__heading">
        {t('work.sections.pendingMemberships')}{' '}
        <span className="work-section__count">{t('work.count', { count: pending.total })}</span>
      </h3>
      {pending.total === 0 ? (
        <p className="work-section__empty">{t('work.sections.pendingMembershipsEmpty')}</p>
      ) : (
        <ul className="work-list">
          {pending.items.map((grant) => (
            <li key={grant.id} className="work-item">
              <p className="work-item__title">
                {t('work.membership.line', {
                  member: grant.member.displayName,
                  role: tAuth(`roles.${grant.role}`),
                })}
                {grant.agency ? ` (${grant.agency.name})` : ''}
              </p>
              <p className="work-item__facts">
                {t('work.membership.requested', {
                  date: formatDateTime(grant.requestedAt, language),
                })}
                {grant.canConfirm ? ` ${t('work.membership.yours')}` : ''}
              </p>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to={`/memberships?table=${encodeURIComponent(work.table.id)}`}>
          {t('work.membership.link')}
        </Link>
      </p>
    </section>
  );
}

function IdentityViews({ work }: { work: TableWork }) {
  const { t } = useTranslation('home');
  const language = useLanguage();
  const headingId = useId();
  const views = work.identityViews!.items;
  const search = new URLSearchParams({
    tableId: work.table.id,
    action: 'situation.identity.view',
  });
  return (
    <section className="work-section" aria-labelledby={headingId}>
      <h3 id={headingId} className="work-section__heading">
        {t('work.sections.identityViews')}
      </h3>
      {views.length === 0 ? (
        <p className="work-section__empty">{t('work.sections.identityViewsEmpty')}</p>
      ) : (
        <ul className="work-list">
          {views.map((view, index) => {
            const reference = view.reference ?? t('work.identityView.unknownReference');
            return (
              <li key={`${view.at}-${index}`} className="work-item">
                <p className="work-item__title">
                  {t('work.identityView.line', {
                    viewer: view.viewer?.displayName ?? t('work.identityView.unknownViewer'),
                    reference,
                  })}
                  {view.agency?.name
                    ? ` ${t('work.identityView.agency', { agency: view.agency.name })}`
                    : ''}
                </p>
                <p className="work-item__facts">
                  <time dateTime={view.at}>{formatDateTime(view.at, language)}</time>
                  {' · '}
                  <Link to={`/audit/situations/${view.situationId}`}>
                    {t('work.identityView.reportLink', { reference })}
                  </Link>
                </p>
              </li>
            );
          })}
        </ul>
      )}
      <p>
        <Link to={`/audit?${search.toString()}`}>{t('work.identityView.auditLink')}</Link>
      </p>
    </section>
  );
}
