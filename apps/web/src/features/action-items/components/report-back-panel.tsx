/**
 * A situation's report-backs: what each agency told the table about it, oldest first, and a form
 * for those the access policy lets report back (an agency that worked on it; the coordinator,
 * who may record one for another agency). In a meeting, the report-back is stamped with it.
 */
import { REPORT_BACK_MAX_LENGTH } from '@fourfold/shared/action-items';
import { can } from '@fourfold/shared/access-policy';
import { allows } from '@fourfold/shared/situation-workflow';
import type { Situation } from '@fourfold/shared/situations';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextAreaField } from '../../../components/form-fields';
import { ProblemAlert } from '../../../components/problem-alert';
import { QueryState } from '../../../components/query-state';
import { useLanguage } from '../../../lib/use-language';
import { useSession } from '../../auth/use-session';
import { formatDateTime } from '../../../lib/format';
import { situationSubjectOf } from '../../situations/utils/situation-subject';
import { useAddReportBack, useReportBacks } from '../api/report-backs';
import { Heading, type HeadingLevel } from '../../../components/heading';
import '../action-items.css';

type PanelProps = {
  situation: Situation;
  meetingId?: string;
  /** The panel's heading level where it sits: 2 on the situation page, 4 inside a meeting item. */
  headingLevel?: HeadingLevel;
};

export function ReportBackPanel({ situation, meetingId, headingLevel = 2 }: PanelProps) {
  const { t } = useTranslation('actionItems');
  const language = useLanguage();
  const { actor } = useSession();
  const headingId = useId();
  const reports = useReportBacks(situation.id);
  const [announcement, setAnnouncement] = useState('');
  const canReport =
    allows(situation.stage, 'reportBack') &&
    can(actor, 'situation.reportBack', situationSubjectOf(situation));

  return (
    <section className="report-backs" aria-labelledby={headingId}>
      <Heading level={headingLevel} id={headingId}>
        {t('reportBacks.heading')}
      </Heading>
      <div role="status" aria-live="polite">
        {announcement ? <p className="alert alert--success">{announcement}</p> : null}
      </div>
      <QueryState
        query={reports}
        loading={t('reportBacks.loading')}
        empty={<p>{t('reportBacks.none')}</p>}
      >
        {(list) => (
          <ol className="report-backs__list">
            {list.map((report) => (
              <li key={report.id} className="report-back">
                <p className="report-back__meta">
                  {t('reportBacks.meta', {
                    agency: report.agency.name,
                    date: formatDateTime(report.createdAt, language),
                  })}
                  {report.meetingId ? ` — ${t('reportBacks.inMeeting')}` : null}
                </p>
                <p className="report-back__body">
                  {report.statusUpdate ?? t('reportBacks.destroyed')}
                </p>
              </li>
            ))}
          </ol>
        )}
      </QueryState>
      {canReport ? (
        <ReportBackForm
          situation={situation}
          meetingId={meetingId}
          headingLevel={headingLevel}
          onAdded={setAnnouncement}
        />
      ) : null}
    </section>
  );
}

function ReportBackForm({
  situation,
  meetingId,
  headingLevel = 2,
  onAdded,
}: PanelProps & { onAdded: (message: string) => void }) {
  const { t } = useTranslation('actionItems');
  const { actor } = useSession();
  const formId = useId();
  const add = useAddReportBack(situation.id);
  const isCoordinator = actor.memberships.some(
    (m) => m.tableId === situation.tableId && m.role === 'coordinator',
  );
  // The agencies that worked on the situation, for the coordinator to record on their behalf.
  const agencies = [
    situation.originatingAgency,
    ...situation.agenciesPresent,
    ...(situation.leadAgency ? [situation.leadAgency] : []),
    ...situation.assistingAgencies,
  ].filter((agency, index, all) => all.findIndex((a) => a.id === agency.id) === index);
  const [agencyId, setAgencyId] = useState(actor.agencyId ?? agencies[0]?.id ?? '');
  const [statusUpdate, setStatusUpdate] = useState('');
  const [attempted, setAttempted] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempted(true);
    if (!statusUpdate.trim()) return;
    add.mutate(
      {
        statusUpdate: statusUpdate.trim(),
        ...(isCoordinator && agencyId ? { agencyId } : {}),
        ...(meetingId ? { meetingId } : {}),
      },
      {
        onSuccess: () => {
          setStatusUpdate('');
          setAttempted(false);
          onAdded(t('announce.reported'));
        },
      },
    );
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby={`${formId}-h`}>
      <Heading level={headingLevel + 1} id={`${formId}-h`}>
        {t('reportBacks.formHeading')}
      </Heading>
      {isCoordinator ? (
        <SelectField
          id={`${formId}-agency`}
          label={t('reportBacks.agency')}
          value={agencyId}
          onChange={setAgencyId}
          options={agencies.map((agency) => ({ value: agency.id, label: agency.name }))}
        />
      ) : null}
      <TextAreaField
        id={`${formId}-update`}
        label={t('reportBacks.update')}
        hint={t('reportBacks.hint')}
        error={attempted && !statusUpdate.trim() ? t('errors.update') : undefined}
        value={statusUpdate}
        onChange={setStatusUpdate}
        rows={4}
        maxLength={REPORT_BACK_MAX_LENGTH}
      />
      {add.error ? <ProblemAlert error={add.error} /> : null}
      <button type="submit" className="button button--primary" disabled={add.isPending}>
        {add.isPending ? t('form.saving') : t('reportBacks.submit')}
      </button>
    </form>
  );
}
