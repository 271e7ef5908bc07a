/**
 * Audit events as a table: the time heads each row; people and agencies link to the same search
 * narrowed to them, and situations to their access report. Cells wrap so that the table fits a
 * desktop page; on a phone each event is a card (audit.css). Should it still be wider than the
 * page, it scrolls inside a focusable region, so keyboard users can scroll it too.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AuditEvent } from '@fourfold/shared/audit';
import { ActionLabel } from './action-label';
import '../audit.css';
import { useAuditLabels } from './use-audit-labels';

type AuditEventTableProps = {
  events: readonly AuditEvent[];
  caption: string;
  /** Where a person's or an agency's name leads: a search narrowed to them. */
  linkFor: (field: 'userId' | 'agencyId', id: string) => string;
  /** Whether to show the situation column (not on one situation's own report). */
  showSituation?: boolean;
};

export function AuditEventTable({
  events,
  caption,
  linkFor,
  showSituation = true,
}: AuditEventTableProps) {
  const { t } = useTranslation('audit');
  const labels = useAuditLabels();
  return (
    <div className="audit-table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="data-table data-table--cards audit-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('columns.when')}</th>
            <th scope="col">{t('columns.person')}</th>
            <th scope="col">{t('columns.agency')}</th>
            <th scope="col">{t('columns.role')}</th>
            <th scope="col">{t('columns.table')}</th>
            <th scope="col">{t('columns.action')}</th>
            <th scope="col">{t('columns.information')}</th>
            <th scope="col">{t('columns.outcome')}</th>
            {showSituation ? <th scope="col">{t('columns.situation')}</th> : null}
            <th scope="col">{t('columns.purpose')}</th>
            <th scope="col">{t('columns.target')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => {
            const userName = event.user?.displayName ?? t('values.unknownName');
            const agencyName = event.agency?.name ?? t('values.unknownName');
            return (
              <tr key={event.id}>
                <th scope="row" data-label={t('columns.when')}>
                  <time dateTime={event.occurredAt}>{labels.dateTime(event.occurredAt)}</time>
                </th>
                <td data-label={t('columns.person')}>
                  {event.user ? (
                    <Link
                      to={linkFor('userId', event.user.id)}
                      aria-label={t('log.filterByUser', { name: userName })}
                    >
                      {userName}
                    </Link>
                  ) : (
                    t('values.notSignedIn')
                  )}
                </td>
                <td data-label={t('columns.agency')}>
                  {event.agency ? (
                    <Link
                      to={linkFor('agencyId', event.agency.id)}
                      aria-label={t('log.filterByAgency', { name: agencyName })}
                    >
                      {agencyName}
                    </Link>
                  ) : (
                    t('values.noAgency')
                  )}
                </td>
                <td data-label={t('columns.role')}>
                  {labels.role(event.role) ?? t('values.none')}
                </td>
                <td data-label={t('columns.table')}>
                  {event.table ? (event.table.name ?? event.table.id) : t('values.noTable')}
                </td>
                <td data-label={t('columns.action')}>
                  <ActionLabel code={event.action} />
                </td>
                <td data-label={t('columns.information')}>{labels.category(event.dataCategory)}</td>
                <td data-label={t('columns.outcome')}>
                  <span className={`audit-outcome audit-outcome--${event.outcome}`}>
                    {labels.outcome(event.outcome)}
                  </span>
                </td>
                {showSituation ? (
                  <td data-label={t('columns.situation')}>
                    {event.situationId ? (
                      <Link to={`/audit/situations/${event.situationId}`}>
                        {t('values.accessReportFor')}
                        <span className="visually-hidden">
                          {' '}
                          {t('values.situationLabel', { id: event.situationId })}
                        </span>
                      </Link>
                    ) : (
                      t('values.none')
                    )}
                  </td>
                ) : null}
                <td data-label={t('columns.purpose')}>{event.purpose ?? ''}</td>
                <td data-label={t('columns.target')}>
                  <TargetLabel target={event.target} name={event.targetName} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * What an administration event changed: a person or an agency by name (as it is now), a code as
 * the code itself. Targets are identifiers, never values written, so each shows as it is stored.
 */
function TargetLabel({ target, name }: { target: string | null; name: string | null }) {
  const { t } = useTranslation('audit');
  if (target === null) return null;
  const separator = target.indexOf(':');
  const kind = target.slice(0, separator);
  const id = target.slice(separator + 1);
  if (kind === 'user' || kind === 'agency' || kind === 'code') {
    return (
      <>
        {t(`targets.${kind}`)}{' '}
        {kind === 'code' || name === null ? <code className="audit-code">{id}</code> : name}
      </>
    );
  }
  return <code className="audit-code">{target}</code>;
}
