/**
 * Attendance: which member agencies are present and who represents them, and which sent
 * apologies. The chair records the whole room with one Save while the meeting is open; everyone
 * else reads it. The filter-2 decisions of this meeting name the agencies present here.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  attendanceStatuses,
  type AttendanceEntry,
  type AttendanceStatus,
} from '@fourfold/shared/meetings';
import type { VersionedMeeting } from '../api/get-meeting';
import { useCodeLabels } from '../../taxonomy/hooks/use-code-labels';
import { useSetAttendance } from '../api/set-attendance';
import { attendanceDraftOf, attendanceRequestOf, type AttendanceDraft } from '../utils/attendance';
import { MeetingWriteError } from './meeting-write-error';

export function AttendancePanel({
  versioned,
  chair,
}: {
  versioned: VersionedMeeting;
  chair: boolean;
}) {
  const { t } = useTranslation('meetings');
  const { meeting } = versioned;
  const present = meeting.attendance.filter((entry) => entry.status === 'present').length;
  // Held here, not in the form: a saved attendance comes back from the API (or first through the
  // live view, which can beat the answer to the chair's own Save) and restarts the form, and a
  // restarted form would never hear that its save succeeded.
  const save = useSetAttendance(versioned);
  return (
    <section className="panel meeting-attendance" aria-labelledby="attendance-heading">
      <h2 id="attendance-heading" className="panel__heading" tabIndex={-1}>
        {t('attendance.heading')}
      </h2>
      <p className="field__hint">
        {t('attendance.summary', { count: present, total: meeting.attendance.length })}
      </p>
      {chair && meeting.status === 'open' ? (
        <AttendanceForm
          // A new answer from the API (the live view, another chair) restarts the form from it.
          key={attendanceKey(meeting.attendance)}
          versioned={versioned}
          save={save}
        />
      ) : (
        <>
          {chair && meeting.status === 'scheduled' ? <p>{t('attendance.whenOpen')}</p> : null}
          <AttendanceList entries={meeting.attendance} />
        </>
      )}
      <div aria-live="polite" role="status">
        {save.isSuccess ? <p className="alert alert--success">{t('attendance.saved')}</p> : null}
      </div>
    </section>
  );
}

function attendanceKey(entries: readonly AttendanceEntry[]): string {
  return entries
    .map((entry) => `${entry.agency.id}:${entry.status ?? ''}:${entry.representative?.id ?? ''}`)
    .join('|');
}

function AttendanceList({ entries }: { entries: readonly AttendanceEntry[] }) {
  const { t } = useTranslation('meetings');
  return (
    <ul className="meeting-attendance__list">
      {entries.map((entry) => (
        <li key={entry.agency.id}>
          <span className="meeting-attendance__agency">{entry.agency.name}</span>{' '}
          <span className={`tag meeting-attendance__status--${entry.status ?? 'none'}`}>
            {t(`attendance.status.${entry.status ?? 'none'}`)}
          </span>
          {entry.status === 'present' && entry.representative ? (
            <span className="meeting-attendance__rep">
              {' '}
              {t('attendance.representedBy', { name: entry.representative.displayName })}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function AttendanceForm({
  versioned,
  save,
}: {
  versioned: VersionedMeeting;
  save: ReturnType<typeof useSetAttendance>;
}) {
  const { t } = useTranslation('meetings');
  // The sector in words, as the code list names it, never its code.
  const { label } = useCodeLabels();
  const { meeting } = versioned;
  const [draft, setDraft] = useState<AttendanceDraft>(() => attendanceDraftOf(meeting.attendance));

  const change = (agencyId: string, patch: Partial<AttendanceDraft[string]>) => {
    // A change after a save: "saved" no longer describes the form.
    if (save.isSuccess) save.reset();
    setDraft((current) => ({
      ...current,
      [agencyId]: { status: null, representativeUserId: '', ...current[agencyId], ...patch },
    }));
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate(attendanceRequestOf(meeting.attendance, draft));
  };

  return (
    <form onSubmit={submit} noValidate>
      <p className="field__hint">{t('attendance.formHint')}</p>
      {meeting.attendance.map((entry) => {
        const chosen = draft[entry.agency.id];
        const status = chosen?.status ?? null;
        const name = (value: AttendanceStatus) => `attendance-${entry.agency.id}-${value}`;
        return (
          <fieldset key={entry.agency.id} className="meeting-attendance__agency-fieldset">
            <legend>
              {entry.agency.name}{' '}
              <span className="situations-muted">({label('sector', entry.agency.sector)})</span>
            </legend>
            <div className="meeting-attendance__choices">
              {attendanceStatuses.map((value) => (
                <div className="field--checkbox" key={value}>
                  <input
                    type="radio"
                    id={name(value)}
                    name={`attendance-${entry.agency.id}`}
                    checked={status === value}
                    onChange={() => change(entry.agency.id, { status: value })}
                  />
                  <label htmlFor={name(value)}>{t(`attendance.status.${value}`)}</label>
                </div>
              ))}
            </div>
            {status === 'present' ? (
              <div className="field">
                <label htmlFor={`attendance-${entry.agency.id}-rep`}>
                  {t('attendance.representative')}
                </label>
                <select
                  id={`attendance-${entry.agency.id}-rep`}
                  value={chosen?.representativeUserId ?? ''}
                  onChange={(event) =>
                    change(entry.agency.id, { representativeUserId: event.target.value })
                  }
                >
                  <option value="">{t('attendance.noRepresentative')}</option>
                  {entry.candidates.map((candidate) => (
                    <option key={candidate.id} value={candidate.id}>
                      {candidate.displayName}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
          </fieldset>
        );
      })}
      <p className="field__hint">{t('attendance.unansweredAbsent')}</p>
      <MeetingWriteError error={save.error} subject="meeting" />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {save.isPending ? t('form.working') : t('attendance.save')}
        </button>
      </div>
    </form>
  );
}
