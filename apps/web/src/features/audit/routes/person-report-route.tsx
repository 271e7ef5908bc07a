/**
 * "Who has seen my information": the privacy officer enters the reference of the person's
 * situation and gets a report, by agency and time, of each time identifying information or
 * intervention notes about them were seen — worded for the person, printable, naming no employee.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { SITUATION_REFERENCE_PATTERN } from '@fourfold/shared/audit';
import { ErrorSummary } from '../../../components/error-summary';
import { TextField } from '../../../components/form-fields';
import { PageHeading } from '../../../components/page-heading';
import { ProblemAlert } from '../../../components/problem-alert';
import { errorFor, type FieldError } from '../../../lib/field-errors';
import { usePersonReport } from '../api/get-person-report';
import { useAuditLabels } from '../components/use-audit-labels';

const FIELD_ID = 'person-report-reference';

function normalise(reference: string): string {
  return reference.trim().toUpperCase();
}

export function PersonReportRoute() {
  const { t } = useTranslation('audit');
  const labels = useAuditLabels();
  const [searchParams, setSearchParams] = useSearchParams();
  const asked = normalise(searchParams.get('reference') ?? '');
  const askedValid = SITUATION_REFERENCE_PATTERN.test(asked);
  const report = usePersonReport(askedValid ? asked : null);
  const [value, setValue] = useState(asked);
  const [invalid, setInvalid] = useState(asked !== '' && !askedValid);
  const [submissions, setSubmissions] = useState(0);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reference = normalise(value);
    if (!SITUATION_REFERENCE_PATTERN.test(reference)) {
      setInvalid(true);
      setSubmissions((n) => n + 1);
      return;
    }
    setInvalid(false);
    setSearchParams({ reference });
  }

  const errors: FieldError[] = invalid
    ? [{ fieldId: FIELD_ID, message: t('validation.reference') }]
    : [];
  const data = report.data;
  return (
    <>
      <PageHeading>{t('personReport.title')}</PageHeading>
      <div className="audit-no-print">
        <p className="lead">{t('personReport.intro')}</p>
        <ErrorSummary errors={errors} attempt={submissions} />
        <form className="form" onSubmit={submit} noValidate>
          <TextField
            id={FIELD_ID}
            name="reference"
            label={t('personReport.reference')}
            hint={t('personReport.referenceHint')}
            error={errorFor(errors, FIELD_ID)}
            value={value}
            onChange={setValue}
            autoComplete="off"
            spellCheck={false}
            required
          />
          <div className="form__actions">
            <button type="submit" className="button button--primary">
              {t('personReport.submit')}
            </button>
          </div>
        </form>
      </div>
      <div role="status" aria-live="polite" className="audit-no-print">
        {report.isFetching ? <p className="loading">{t('personReport.loading')}</p> : null}
      </div>
      {report.isError ? <ProblemAlert error={report.error} /> : null}
      {data ? (
        <section className="audit-print-area person-report" aria-labelledby="person-report-heading">
          <h2 id="person-report-heading">
            {t('personReport.reportHeading', { reference: data.reference })}
          </h2>
          <dl className="details">
            <dt>{t('personReport.table')}</dt>
            <dd>{data.table.name ?? data.table.id}</dd>
            <dt>{t('personReport.generatedAt')}</dt>
            <dd>
              <time dateTime={data.generatedAt}>{labels.dateTime(data.generatedAt)}</time>
            </dd>
          </dl>
          <p>{t('personReport.explanation')}</p>
          {data.accesses.length === 0 ? (
            <p>{t('personReport.noAccesses')}</p>
          ) : (
            <>
              <h3>{t('personReport.byAgencyHeading')}</h3>
              <table className="data-table audit-table">
                <caption>{t('personReport.byAgencyCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('columns.agency')}</th>
                    <th scope="col" className="audit-number">
                      {t('personReport.identityCount')}
                    </th>
                    <th scope="col" className="audit-number">
                      {t('personReport.interventionCount')}
                    </th>
                    <th scope="col">{t('columns.firstAccess')}</th>
                    <th scope="col">{t('columns.lastAccess')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.byAgency.map((line) => (
                    <tr key={line.agency?.id ?? 'none'}>
                      <th scope="row">
                        {line.agency
                          ? (line.agency.name ?? t('values.unknownName'))
                          : t('values.noAgency')}
                      </th>
                      <td className="audit-number">{labels.number(line.identityCount)}</td>
                      <td className="audit-number">{labels.number(line.interventionCount)}</td>
                      <td>
                        <time dateTime={line.firstAt}>{labels.dateTime(line.firstAt)}</time>
                      </td>
                      <td>
                        <time dateTime={line.lastAt}>{labels.dateTime(line.lastAt)}</time>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <h3>{t('personReport.accessesHeading')}</h3>
              <table className="data-table audit-table">
                <caption>{t('personReport.accessesCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('columns.when')}</th>
                    <th scope="col">{t('columns.agency')}</th>
                    <th scope="col">{t('columns.information')}</th>
                    <th scope="col">{t('columns.action')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.accesses.map((access, index) => (
                    <tr key={`${access.occurredAt}:${index}`}>
                      <th scope="row">
                        <time dateTime={access.occurredAt}>
                          {labels.dateTime(access.occurredAt)}
                        </time>
                      </th>
                      <td>
                        {access.agency
                          ? (access.agency.name ?? t('values.unknownName'))
                          : t('values.noAgency')}
                      </td>
                      <td>{labels.category(access.dataCategory)}</td>
                      <td>{labels.action(access.action) ?? access.action}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          <p className="audit-no-print">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => window.print()}
            >
              {t('personReport.print')}
            </button>
          </p>
        </section>
      ) : null}
    </>
  );
}
