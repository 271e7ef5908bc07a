/**
 * The minutes as a document: the meeting, attendance, then each agenda item in order with its
 * decisions, report-backs and action items. Codes are shown by their code-list labels in the
 * interface language; times in the table's zone. Everything shown is de-identified by the API.
 */
import { useTranslation } from 'react-i18next';
import type { MeetingMinutes, MinutesDecision, MinutesItem } from '@fourfold/shared/minutes';
import { useLanguage } from '../../../lib/use-language';
import { useCodeLabels } from '../../taxonomy/hooks/use-code-labels';
import { formatDateTime } from '../../../lib/format';

export function MinutesDocument({ minutes }: { minutes: MeetingMinutes }) {
  const { t } = useTranslation('minutes');
  const language = useLanguage();
  const { label } = useCodeLabels();
  const { meeting, attendance, items } = minutes.content;
  const when = (iso: string) => formatDateTime(iso, language, { timeZone: meeting.timeZone });
  const by = (iso: string | null, person: { displayName: string } | null) =>
    iso
      ? person
        ? t('meeting.by', { date: when(iso), name: person.displayName })
        : when(iso)
      : '—';

  return (
    <article className="minutes">
      <section className="minutes__section" aria-labelledby="minutes-meeting">
        <h2 id="minutes-meeting">{t('meeting.heading')}</h2>
        <dl className="details">
          <dt>{t('meeting.table')}</dt>
          <dd>{meeting.tableName}</dd>
          <dt>{t('meeting.municipality')}</dt>
          <dd>{meeting.municipality}</dd>
          <dt>{t('meeting.scheduled')}</dt>
          <dd>{when(meeting.scheduledFor)}</dd>
          <dt>{t('meeting.opened')}</dt>
          <dd>{by(meeting.openedAt, meeting.openedBy)}</dd>
          <dt>{t('meeting.closed')}</dt>
          <dd>{by(meeting.closedAt, meeting.closedBy)}</dd>
          <dt>{t('meeting.status')}</dt>
          <dd>{t(`meeting.statuses.${meeting.status}`)}</dd>
        </dl>
      </section>

      <section className="minutes__section" aria-labelledby="minutes-attendance">
        <h2 id="minutes-attendance">{t('attendance.heading')}</h2>
        {attendance.length === 0 ? (
          <p>{t('attendance.none')}</p>
        ) : (
          // Focusable, so that keyboard users can scroll the table on a narrow screen.
          <div
            className="minutes__table-wrap"
            role="region"
            aria-labelledby="minutes-attendance"
            tabIndex={0}
          >
            <table className="data-table data-table--cards">
              <thead>
                <tr>
                  <th scope="col">{t('attendance.agency')}</th>
                  <th scope="col">{t('attendance.sector')}</th>
                  <th scope="col">{t('attendance.status')}</th>
                  <th scope="col">{t('attendance.representative')}</th>
                </tr>
              </thead>
              <tbody>
                {attendance.map((entry) => (
                  <tr key={entry.agency.id}>
                    <th scope="row">{entry.agency.name}</th>
                    <td data-label={t('attendance.sector')}>{label('sector', entry.sector)}</td>
                    <td data-label={t('attendance.status')}>
                      {t(`attendance.statuses.${entry.status}`)}
                    </td>
                    <td data-label={t('attendance.representative')}>
                      {entry.representative?.displayName ?? '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="minutes__section" aria-labelledby="minutes-items">
        <h2 id="minutes-items">{t('items.heading')}</h2>
        {items.length === 0 ? <p>{t('items.none')}</p> : null}
        {items.map((item) => (
          <MinutesItemView key={item.position} item={item} when={when} />
        ))}
      </section>
    </article>
  );
}

function MinutesItemView({ item, when }: { item: MinutesItem; when: (iso: string) => string }) {
  const { t } = useTranslation('minutes');
  const { label } = useCodeLabels();
  const headingId = `minutes-item-${item.position}`;

  const decisionText = (d: MinutesDecision): string => {
    switch (d.kind) {
      case 'accepted':
        return t('decision.accepted');
      case 'rejected':
        return t('decision.rejected', {
          reason: d.rejectionReason ? label('rejection_reason', d.rejectionReason) : '—',
        });
      case 'involvement':
        return t(d.involved ? 'decision.involvedYes' : 'decision.involvedNo', {
          agency: d.agency?.name ?? '—',
        });
      case 'assigned':
        return t('decision.assigned', {
          lead: d.leadAgency?.name ?? '—',
          assisting: d.assistingAgencies.map((a) => a.name).join(', ') || '—',
        });
      case 'concluded':
        return d.noContactReason
          ? t('decision.concludedNoContact', {
              reason: d.conclusion ? label('conclusion_reason', d.conclusion) : '—',
              noContact: label('no_contact_reason', d.noContactReason),
            })
          : t('decision.concluded', {
              reason: d.conclusion ? label('conclusion_reason', d.conclusion) : '—',
            });
      case 'report_back':
        return t('decision.report_back', { agency: d.agency?.name ?? '—' });
    }
  };

  return (
    <section className="minutes__item" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {t('items.item', { position: item.position + 1, reference: item.reference })}
        <span className="tag">{t(`items.sections.${item.section}`)}</span>
      </h3>
      <dl className="details">
        <dt>{t('items.stageAtOpening')}</dt>
        <dd>{t(`items.stages.${item.stageAtOpening}`)}</dd>
        <dt>{t('items.stageNow')}</dt>
        <dd>{t(`items.stages.${item.stage}`)}</dd>
      </dl>

      <h4>{t('items.decisions')}</h4>
      {item.decisions.length === 0 ? (
        <p>{t('items.noDecisions')}</p>
      ) : (
        <ul>
          {item.decisions.map((decision, index) => (
            <li key={index}>
              {decisionText(decision)}{' '}
              <span className="minutes__meta">
                (
                {decision.decidedBy
                  ? t('items.decidedBy', {
                      date: when(decision.decidedAt),
                      name: decision.decidedBy.displayName,
                    })
                  : when(decision.decidedAt)}
                )
              </span>
            </li>
          ))}
        </ul>
      )}

      {item.reportBacks.length > 0 ? (
        <>
          <h4>{t('items.reportBacks')}</h4>
          <ul>
            {item.reportBacks.map((reportBack, index) => (
              <li key={index}>
                <strong>{reportBack.agency.name}</strong>
                {t('items.colon')}
                {reportBack.statusUpdate ?? <em>{t('items.destroyed')}</em>}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {item.actionItems.length > 0 ? (
        <>
          <h4>{t('items.actionItems')}</h4>
          <ul>
            {item.actionItems.map((action, index) => (
              <li key={index}>
                <strong>
                  {t(`items.actionKinds.${action.kind}`)} — {action.ownerAgency.name}
                </strong>
                {/* The first contact has no description of its own: its kind says it all. */}
                {action.description !== null ? (
                  <>
                    {t('items.colon')}
                    {action.description}
                  </>
                ) : action.kind === 'task' ? (
                  <>
                    {t('items.colon')}
                    <em>{t('items.destroyed')}</em>
                  </>
                ) : null}{' '}
                <span className="minutes__meta">
                  ({t('items.due', { date: when(action.dueAt) })};{' '}
                  {t(`items.actionStatuses.${action.status}`)}
                  {action.overdue ? (
                    <>
                      ; <strong className="minutes__overdue">{t('items.overdue')}</strong>
                    </>
                  ) : null}
                  {action.agreedInMeeting ? `; ${t('items.agreedHere')}` : null})
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
