/**
 * Filter 2 in the room, for the chair: accept (acutely elevated risk) or reject with a reason. The
 * agencies present are the meeting's attendance, so nothing else is asked: with the attendance
 * taken, acceptance is Accept, then Confirm in the dialog — with choosing the item, three
 * interactions at most (the goal). A rejection destroys the identity and the free text,
 * so it is confirmed in the situation page's own dialog, with the same words.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttendanceEntry, OpenAgendaItem } from '@fourfold/shared/meetings';
import { SelectField } from '../../../components/form-fields';
import { useLanguage } from '../../../lib/use-language';
import { useTaxonomy } from '../../taxonomy/api/get-taxonomy';
import { useRecordDecision } from '../api/record-decision';
import { agenciesPresent } from '../utils/attendance';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ConfirmRejection } from '../../situations/components/step-confirmations';
import { useCodeLabels } from '../../taxonomy/hooks/use-code-labels';
import { MeetingWriteError } from './meeting-write-error';
import type { StepNotice } from '../utils/in-room-steps';

export function InRoomDecision({
  meetingId,
  item,
  attendance,
  onDone,
}: {
  meetingId: string;
  item: OpenAgendaItem;
  attendance: readonly AttendanceEntry[];
  onDone: (notice: StepNotice) => void;
}) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  const taxonomy = useTaxonomy();
  const decide = useRecordDecision(meetingId, item, {
    onSuccess: ({ outcome }) => onDone(outcome === 'accepted' ? 'accepted' : 'rejected'),
    onStale: () => onDone('stale'),
  });
  const present = agenciesPresent(attendance);
  const [confirming, setConfirming] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [confirmingRejection, setConfirmingRejection] = useState(false);
  const { label } = useCodeLabels();
  const noAttendance = present.length === 0;

  const reject = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempted(true);
    if (!reason) return;
    decide.reset();
    setConfirmingRejection(true);
  };

  return (
    <section className="situation-action" aria-labelledby="room-decision-heading">
      <h4 id="room-decision-heading">{t('decision.heading')}</h4>
      {noAttendance ? (
        <div className="alert situations-alert--info">
          <p>
            {t('decision.attendanceFirst')}{' '}
            {/* Moves the focus, not only the view, so keyboard and screen reader users land on
                the attendance form. */}
            <button
              type="button"
              className="button button--link"
              onClick={() => {
                const heading = document.getElementById('attendance-heading');
                heading?.scrollIntoView({ block: 'start' });
                heading?.focus();
              }}
            >
              {t('decision.attendanceLink')}
            </button>
          </p>
        </div>
      ) : (
        <>
          <p>{t('decision.presentIntro', { count: present.length })}</p>
          <ul className="meeting-item__present">
            {present.map((agency) => (
              <li key={agency.id}>{agency.name}</li>
            ))}
          </ul>
        </>
      )}
      <div className="form__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={noAttendance || decide.isPending}
          onClick={() => {
            decide.reset();
            setConfirming(true);
          }}
        >
          {t('decision.accept')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={noAttendance}
          aria-expanded={rejecting}
          aria-controls="room-reject-form"
          onClick={() => setRejecting((value) => !value)}
        >
          {t('decision.reject')}
        </button>
      </div>
      {rejecting && !noAttendance ? (
        <form id="room-reject-form" onSubmit={reject} noValidate>
          <SelectField
            id="room-reject-reason"
            label={t('decision.reason')}
            hint={t('decision.rejectHint')}
            error={attempted && !reason ? t('decision.errors.reason') : undefined}
            value={reason}
            onChange={setReason}
            emptyLabel={t('form.choose')}
            options={(taxonomy.data?.rejectionReasons ?? [])
              .filter((entry) => !entry.retired)
              .map((entry) => ({ value: entry.code, label: entry.label[language] }))}
          />
          <button type="submit" className="button button--danger" disabled={decide.isPending}>
            {t('decision.recordRejection')}
          </button>
        </form>
      ) : null}
      {confirming || confirmingRejection ? null : (
        <MeetingWriteError error={decide.error} subject="situation" />
      )}
      <ConfirmRejection
        open={confirmingRejection}
        reference={item.reference}
        reason={reason ? label('rejection_reason', reason) : ''}
        busy={decide.isPending}
        onCancel={() => setConfirmingRejection(false)}
        onConfirm={() =>
          decide.mutate(
            { outcome: 'rejected', rejectionReason: reason },
            { onSettled: () => setConfirmingRejection(false) },
          )
        }
      />
      <ConfirmDialog
        open={confirming}
        title={t('decision.confirmTitle', { reference: item.reference })}
        confirmLabel={t('decision.confirm')}
        initialFocus="confirm"
        busy={decide.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          decide.mutate({ outcome: 'accepted' }, { onSettled: () => setConfirming(false) })
        }
      >
        <p>{t('decision.confirmBody')}</p>
        <ul>
          {present.map((agency) => (
            <li key={agency.id}>{agency.name}</li>
          ))}
        </ul>
      </ConfirmDialog>
    </section>
  );
}
