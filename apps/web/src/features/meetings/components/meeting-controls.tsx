/**
 * The chair's controls for the meeting as a whole: open it (which builds the agenda), close it
 * (after a confirmation), add situations presented since it opened, and while it is only
 * scheduled, move or cancel it. Each control appears only in the status that allows it.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTimePartsField } from '../../../components/date-time-parts-field';
import { useCancelMeeting } from '../api/cancel-meeting';
import { useCloseMeeting } from '../api/close-meeting';
import type { VersionedMeeting } from '../api/get-meeting';
import { useOpenMeeting } from '../api/open-meeting';
import { useRefreshAgenda } from '../api/refresh-agenda';
import { useRescheduleMeeting } from '../api/reschedule-meeting';
import { instantOfLocal } from '../utils/schedule';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { MeetingWriteError } from './meeting-write-error';

type Asking = 'close' | 'cancel' | null;

export function MeetingControls({ versioned }: { versioned: VersionedMeeting }) {
  const { t } = useTranslation('meetings');
  const { meeting } = versioned;
  const open = useOpenMeeting(versioned);
  const close = useCloseMeeting(versioned);
  const cancel = useCancelMeeting(versioned);
  const refresh = useRefreshAgenda(versioned);
  const reschedule = useRescheduleMeeting(versioned);
  const [asking, setAsking] = useState<Asking>(null);
  const [notice, setNotice] = useState('');
  const [moving, setMoving] = useState(false);
  const [when, setWhen] = useState('');
  const [whenError, setWhenError] = useState<string | undefined>(undefined);

  const failure = open.error ?? close.error ?? cancel.error ?? refresh.error ?? reschedule.error;
  const reset = () => {
    for (const mutation of [open, close, cancel, refresh, reschedule]) mutation.reset();
    setNotice('');
  };

  const addNew = () => {
    reset();
    const before = meeting.agenda.length;
    refresh.mutate(undefined, {
      onSuccess: (answer) => {
        const after = (answer.data as { agenda?: unknown[] } | null)?.agenda?.length ?? before;
        setNotice(t('controls.added', { count: Math.max(0, after - before) }));
      },
    });
  };

  const submitMove = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const scheduledFor = instantOfLocal(when);
    if (scheduledFor === null) {
      setWhenError(t('schedule.errors.missing'));
      return;
    }
    setWhenError(undefined);
    reset();
    reschedule.mutate(
      { scheduledFor },
      {
        onSuccess: () => {
          setMoving(false);
          setNotice(t('controls.rescheduled'));
        },
      },
    );
  };

  return (
    <section className="panel meeting-controls" aria-labelledby="controls-heading">
      <h2 id="controls-heading" className="panel__heading">
        {t('controls.heading')}
      </h2>
      <div className="form__actions">
        {meeting.status === 'scheduled' ? (
          <>
            <button
              type="button"
              className="button button--primary"
              disabled={open.isPending}
              onClick={() => {
                reset();
                open.mutate(undefined, {
                  onSuccess: () => setNotice(t('controls.opened')),
                });
              }}
            >
              {open.isPending ? t('form.working') : t('controls.open')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              aria-expanded={moving}
              aria-controls="reschedule-form"
              onClick={() => setMoving((value) => !value)}
            >
              {t('controls.reschedule')}
            </button>
            <button
              type="button"
              className="button button--danger"
              onClick={() => {
                reset();
                setAsking('cancel');
              }}
            >
              {t('controls.cancel')}
            </button>
          </>
        ) : null}
        {meeting.status === 'open' ? (
          <>
            <button
              type="button"
              className="button button--secondary"
              disabled={refresh.isPending}
              onClick={addNew}
            >
              {refresh.isPending ? t('form.working') : t('controls.refresh')}
            </button>
            <button
              type="button"
              className="button button--danger"
              onClick={() => {
                reset();
                setAsking('close');
              }}
            >
              {t('controls.close')}
            </button>
          </>
        ) : null}
      </div>
      {moving && meeting.status === 'scheduled' ? (
        <form
          id="reschedule-form"
          onSubmit={submitMove}
          noValidate
          className="meeting-controls__form"
        >
          <DateTimePartsField
            id="reschedule-when"
            legend={t('controls.newTime')}
            hint={t('schedule.localTimeHint', { zone: browserTimeZone() })}
            error={whenError}
            value={when}
            onChange={setWhen}
          />
          <button type="submit" className="button button--primary" disabled={reschedule.isPending}>
            {reschedule.isPending ? t('form.working') : t('controls.saveTime')}
          </button>
        </form>
      ) : null}
      <div aria-live="polite" role="status">
        {notice ? <p className="alert alert--success">{notice}</p> : null}
      </div>
      <MeetingWriteError error={failure} subject="meeting" />
      <ConfirmDialog
        open={asking === 'close'}
        title={t('controls.closeTitle')}
        confirmLabel={t('controls.closeConfirm')}
        tone="danger"
        busy={close.isPending}
        onCancel={() => setAsking(null)}
        onConfirm={() =>
          close.mutate(undefined, {
            onSuccess: () => setNotice(t('controls.closed')),
            onSettled: () => setAsking(null),
          })
        }
      >
        <p>{t('controls.closeBody')}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={asking === 'cancel'}
        title={t('controls.cancelTitle')}
        confirmLabel={t('controls.cancelConfirm')}
        tone="danger"
        busy={cancel.isPending}
        onCancel={() => setAsking(null)}
        onConfirm={() =>
          cancel.mutate(undefined, {
            onSuccess: () => setNotice(t('controls.cancelled')),
            onSettled: () => setAsking(null),
          })
        }
      >
        <p>{t('controls.cancelBody')}</p>
      </ConfirmDialog>
    </section>
  );
}

/** The reader's own time zone: `datetime-local` fields are in it. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
