/**
 * /meetings/:id/minutes: the minutes of one meeting, with Print (the browser's, styled by the
 * print stylesheet in minutes.css), Download PDF (made by the API, in English or French) and, for
 * the chair of a closed meeting, Approve (after a confirmation that says they will be frozen).
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { can } from '@fourfold/shared/access-policy';
import type { MeetingMinutes } from '@fourfold/shared/minutes';
import type { Language } from '@fourfold/shared/taxonomy';
import { SelectField } from '../../../components/form-fields';
import { PageHeading } from '../../../components/page-heading';
import { ProblemAlert } from '../../../components/problem-alert';
import { QueryState } from '../../../components/query-state';
import { useLanguage } from '../../../lib/use-language';
import { useSession } from '../../auth/use-session';
import { useApproveMinutes } from '../api/approve-minutes';
import { useDownloadMinutes } from '../api/download-minutes';
import { useMinutes } from '../api/get-minutes';
import { ApproveDialog } from '../components/approve-dialog';
import { MinutesDocument } from '../components/minutes-document';
import { formatDate, formatDateTime } from '../../../lib/format';
import '../minutes.css';

export function MinutesRoute() {
  const { t } = useTranslation('minutes');
  const { id = '' } = useParams();
  const query = useMinutes(id);
  return (
    <QueryState query={query} loading={t('loading')}>
      {(minutes) => <MinutesPage minutes={minutes} />}
    </QueryState>
  );
}

function MinutesPage({ minutes }: { minutes: MeetingMinutes }) {
  const { t } = useTranslation('minutes');
  const language = useLanguage();
  const { actor } = useSession();
  const { meeting } = minutes.content;
  const [pdfLanguage, setPdfLanguage] = useState<Language | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const download = useDownloadMinutes(meeting.id);
  const approve = useApproveMinutes(meeting.id);
  const languageId = useId();

  // The API decides; this only offers the button to whoever it would accept. The answer already
  // passed the table's gates (second factor, agreement), so they hold for this session.
  const mayApprove =
    minutes.status === 'draft' &&
    meeting.status === 'closed' &&
    can(actor, 'meeting.run', {
      kind: 'table',
      tableId: meeting.tableId,
      requiresSecondFactor: false,
    });
  const chosenLanguage = pdfLanguage ?? language;
  const date = formatDate(meeting.scheduledFor, language, { timeZone: meeting.timeZone });

  return (
    <div className="minutes-page">
      <PageHeading documentTitle={t('documentTitle', { table: meeting.tableName, date })}>
        {t('heading', { table: meeting.tableName })}
      </PageHeading>
      <p className="minutes-page__date">{date}</p>

      <p className="minutes-page__status">
        <span className={`minutes-badge minutes-badge--${minutes.status}`}>
          {t(`status.${minutes.status}`)}
        </span>{' '}
        {minutes.status === 'approved' && minutes.approvedAt
          ? t('approvedNotice', {
              date: formatDateTime(minutes.approvedAt, language, { timeZone: meeting.timeZone }),
              name: minutes.approvedBy?.displayName ?? '—',
            })
          : t('draftNotice')}
      </p>
      {minutes.contentSha256 ? (
        <p className="minutes-page__sha">
          {t('sha')}: <code>{minutes.contentSha256}</code>
        </p>
      ) : null}

      <section className="minutes-actions" aria-labelledby="minutes-actions-heading">
        <h2 id="minutes-actions-heading" className="visually-hidden">
          {t('actions.heading')}
        </h2>
        <div className="minutes-actions__row">
          <button type="button" className="button button--secondary" onClick={() => window.print()}>
            {t('actions.print')}
          </button>
          <SelectField
            id={languageId}
            label={t('actions.pdfLanguage')}
            value={chosenLanguage}
            onChange={(value) => setPdfLanguage(value === 'fr' ? 'fr' : 'en')}
            options={[
              { value: 'en', label: t('actions.languages.en') },
              { value: 'fr', label: t('actions.languages.fr') },
            ]}
            fieldClassName="minutes-actions__language"
          />
          <button
            type="button"
            className="button button--secondary"
            disabled={download.isPending}
            onClick={() => {
              setNotice(null);
              download.mutate(chosenLanguage, {
                onSuccess: () => setNotice(t('actions.downloaded')),
              });
            }}
          >
            {download.isPending ? t('actions.downloading') : t('actions.download')}
          </button>
          {mayApprove ? (
            <button
              type="button"
              className="button button--primary"
              onClick={() => {
                approve.reset();
                setConfirming(true);
              }}
            >
              {t('actions.approve')}
            </button>
          ) : null}
        </div>
        {download.isError ? <ProblemAlert error={download.error} /> : null}
        {/* Announces downloads and approval as they happen. */}
        <div aria-live="polite" className="minutes-actions__live">
          {notice ? <p className="alert alert--success">{notice}</p> : null}
        </div>
      </section>

      <MinutesDocument minutes={minutes} />

      <p className="minutes-page__back">
        <Link to={`/meetings/${meeting.id}`}>{t('back')}</Link>
      </p>

      <ApproveDialog
        open={confirming}
        busy={approve.isPending}
        error={approve.error}
        onClose={() => setConfirming(false)}
        onConfirm={() =>
          approve.mutate(undefined, {
            onSuccess: () => {
              setConfirming(false);
              setNotice(t('approve.done'));
            },
          })
        }
      />
    </div>
  );
}
