/** Every recorded access to one situation: a summary per person and agency, then each event. */
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeading } from '../../../components/page-heading';
import { ProblemAlert } from '../../../components/problem-alert';
import { useAccessReport } from '../api/get-access-report';
import { AuditEventTable } from '../components/audit-event-table';
import { useAuditLabels } from '../components/use-audit-labels';

export function AccessReportRoute() {
  const { t } = useTranslation('audit');
  const labels = useAuditLabels();
  const { situationId = '' } = useParams();
  const report = useAccessReport(situationId);
  const logOfSituation = (extra: Record<string, string> = {}) =>
    `/audit?${new URLSearchParams({ situationId, ...extra }).toString()}`;

  return (
    <>
      <PageHeading>{t('accessReport.title')}</PageHeading>
      <p className="lead">{t('accessReport.intro')}</p>
      <dl className="details">
        <dt>{t('accessReport.situation')}</dt>
        <dd>
          <code>{situationId}</code>
        </dd>
        {report.data ? (
          <>
            <dt>{t('accessReport.tables')}</dt>
            <dd>{report.data.tables.map((table) => table.name ?? table.id).join(', ')}</dd>
          </>
        ) : null}
      </dl>
      <div role="status" aria-live="polite">
        {report.isPending ? <p className="loading">{t('accessReport.loading')}</p> : null}
      </div>
      {report.isError ? <ProblemAlert error={report.error} /> : null}
      {report.data ? (
        <>
          <section aria-labelledby="access-summary-heading">
            <h2 id="access-summary-heading">{t('accessReport.summaryHeading')}</h2>
            {report.data.summary.length === 0 ? (
              <p>{t('accessReport.noEvents')}</p>
            ) : (
              <div
                className="audit-table-wrap"
                role="region"
                aria-label={t('accessReport.summaryCaption')}
                tabIndex={0}
              >
                <table className="data-table audit-table">
                  <caption>{t('accessReport.summaryCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('columns.person')}</th>
                      <th scope="col">{t('columns.agency')}</th>
                      <th scope="col">{t('columns.firstAccess')}</th>
                      <th scope="col">{t('columns.lastAccess')}</th>
                      <th scope="col" className="audit-number">
                        {t('columns.allowed')}
                      </th>
                      <th scope="col" className="audit-number">
                        {t('columns.denied')}
                      </th>
                      <th scope="col" className="audit-number">
                        {t('columns.identityViews')}
                      </th>
                      <th scope="col" className="audit-number">
                        {t('columns.interventionReads')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.data.summary.map((line) => (
                      <tr key={`${line.user?.id ?? ''}:${line.agency?.id ?? ''}`}>
                        <th scope="row">
                          {line.user
                            ? (line.user.displayName ?? t('values.unknownName'))
                            : t('values.notSignedIn')}
                        </th>
                        <td>
                          {line.agency
                            ? (line.agency.name ?? t('values.unknownName'))
                            : t('values.noAgency')}
                        </td>
                        <td>
                          <time dateTime={line.firstAccessAt}>
                            {labels.dateTime(line.firstAccessAt)}
                          </time>
                        </td>
                        <td>
                          <time dateTime={line.lastAccessAt}>
                            {labels.dateTime(line.lastAccessAt)}
                          </time>
                        </td>
                        <td className="audit-number">{labels.number(line.allowedCount)}</td>
                        <td className="audit-number">{labels.number(line.deniedCount)}</td>
                        <td className="audit-number">{labels.number(line.identityViewCount)}</td>
                        <td className="audit-number">
                          {labels.number(line.interventionReadCount)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section aria-labelledby="access-events-heading">
            <h2 id="access-events-heading">{t('accessReport.eventsHeading')}</h2>
            {report.data.truncated ? (
              <p className="alert">
                {t('accessReport.truncated', { count: report.data.events.length })}
              </p>
            ) : null}
            {report.data.events.length > 0 ? (
              <AuditEventTable
                events={report.data.events}
                caption={t('accessReport.eventsCaption')}
                linkFor={(field, id) => logOfSituation({ [field]: id })}
                showSituation={false}
              />
            ) : (
              <p>{t('accessReport.noEvents')}</p>
            )}
          </section>
        </>
      ) : null}
      <p className="audit-no-print">
        <Link to={logOfSituation()}>{t('accessReport.backToLog')}</Link>
      </p>
    </>
  );
}
