/**
 * The chair's Schedule form: one meeting at a date and time, or the next N weekly meetings on the
 * table's meeting day and time (the API knows it, and refuses when the table has none).
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { WEEKLY_SCHEDULE_MAX } from '@fourfold/shared/meetings';
import { TextField } from '../../../components/form-fields';
import { DateTimePartsField } from '../../../components/date-time-parts-field';
import { useScheduleMeetings } from '../api/schedule-meetings';
import { scheduleRequestOf, type ScheduleDraft, type ScheduleErrors } from '../utils/schedule';
import { browserTimeZone } from './meeting-controls';
import { MeetingWriteError } from './meeting-write-error';

export function ScheduleForm({ tableId }: { tableId: string }) {
  const { t } = useTranslation('meetings');
  const schedule = useScheduleMeetings(tableId);
  const [draft, setDraft] = useState<ScheduleDraft>({ kind: 'one_off', when: '', count: '4' });
  const [errors, setErrors] = useState<ScheduleErrors>({});
  const [scheduled, setScheduled] = useState<number | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setScheduled(null);
    const result = scheduleRequestOf(draft, new Date());
    if ('errors' in result) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    schedule.mutate(result.request, {
      onSuccess: (created) => setScheduled(created.items.length),
    });
  };

  return (
    <section className="panel" aria-labelledby="schedule-heading">
      <h2 id="schedule-heading" className="panel__heading">
        {t('schedule.heading')}
      </h2>
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('schedule.kind')}</legend>
          {(['one_off', 'weekly'] as const).map((kind) => (
            <div className="field--checkbox" key={kind}>
              <input
                type="radio"
                id={`schedule-kind-${kind}`}
                name="schedule-kind"
                checked={draft.kind === kind}
                onChange={() => setDraft({ ...draft, kind })}
              />
              <label htmlFor={`schedule-kind-${kind}`}>{t(`schedule.kinds.${kind}`)}</label>
            </div>
          ))}
        </fieldset>
        {draft.kind === 'one_off' ? (
          <DateTimePartsField
            id="schedule-when"
            legend={t('schedule.when')}
            hint={t('schedule.localTimeHint', { zone: browserTimeZone() })}
            error={errors.when ? t(`schedule.errors.${errors.when}`) : undefined}
            value={draft.when}
            onChange={(when) => setDraft({ ...draft, when })}
          />
        ) : (
          <TextField
            id="schedule-count"
            label={t('schedule.count')}
            hint={t('schedule.countHint', { max: WEEKLY_SCHEDULE_MAX })}
            error={
              errors.count ? t('schedule.errors.range', { max: WEEKLY_SCHEDULE_MAX }) : undefined
            }
            inputMode="numeric"
            value={draft.count}
            onChange={(count) => setDraft({ ...draft, count })}
          />
        )}
        <MeetingWriteError error={schedule.error} subject="meeting" />
        <div aria-live="polite" role="status">
          {scheduled !== null ? (
            <p className="alert alert--success">{t('schedule.done', { count: scheduled })}</p>
          ) : null}
        </div>
        <button type="submit" className="button button--primary" disabled={schedule.isPending}>
          {schedule.isPending ? t('form.working') : t('schedule.submit')}
        </button>
      </form>
    </section>
  );
}
