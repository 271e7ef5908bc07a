/**
 * The step an agenda item offers in the room, by its stage and the person's permission
 * (utils/in-room-steps.ts): the filter-2 decision, involvement and assignment at filter 3, the
 * intervention work and the conclusion at filter 4, report-backs at filters 3–4.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttendanceEntry, MeetingDetail, OpenAgendaItem } from '@fourfold/shared/meetings';
import { needsNoContactReason } from '@fourfold/shared/situations';
import { SelectField } from '../../../components/form-fields';
import { useLanguage } from '../../../lib/use-language';
import { useSession } from '../../auth/use-session';
import { useTaxonomy } from '../../taxonomy/api/get-taxonomy';
import { useTable } from '../../situations/api/get-table';
import { AgencyAssignmentFields } from '../../situations/components/agency-assignment-fields';
import { NoContactReasonField } from '../../situations/components/no-contact-reason-field';
import { ConfirmConclusion } from '../../situations/components/step-confirmations';
import { useCodeLabels } from '../../taxonomy/hooks/use-code-labels';
import { useAssignInRoom } from '../api/assign-agencies';
import { useConcludeInRoom } from '../api/conclude-situation';
import { useDeclareInvolvementInRoom } from '../api/declare-involvement';
import { inRoomStepsFor, type StepNotice } from '../utils/in-room-steps';
import { InRoomDecision } from './in-room-decision';
import { MeetingItemActions, MeetingItemReportBacks } from './meeting-item-work';
import { MeetingWriteError } from './meeting-write-error';

export function InRoomSteps({
  meeting,
  item,
  onDone,
}: {
  meeting: MeetingDetail;
  item: OpenAgendaItem;
  onDone: (notice: StepNotice) => void;
}) {
  const { t } = useTranslation('meetings');
  const { actor } = useSession();
  const steps = inRoomStepsFor(actor, item.situation, meeting.status);
  const any = Object.values(steps).some(Boolean);
  return (
    <section className="meeting-item__steps" aria-labelledby="steps-heading">
      <h3 id="steps-heading">{t('steps.heading')}</h3>
      {meeting.status !== 'open' ? (
        <p>{t(`steps.notOpen.${meeting.status}`)}</p>
      ) : !any ? (
        <p>{t('steps.none')}</p>
      ) : null}
      <div className="action-panels">
        {steps.decide ? (
          <InRoomDecision
            meetingId={meeting.id}
            item={item}
            attendance={meeting.attendance}
            onDone={onDone}
          />
        ) : null}
        {steps.declareInvolvement && actor.agencyId ? (
          <InRoomInvolvement
            meetingId={meeting.id}
            item={item}
            agencyId={actor.agencyId}
            onDone={onDone}
          />
        ) : null}
        {steps.assign ? (
          <InRoomAssignment
            meetingId={meeting.id}
            item={item}
            attendance={meeting.attendance}
            onDone={onDone}
          />
        ) : null}
        {steps.work ? (
          <MeetingItemActions situation={item.situation} meetingId={meeting.id} />
        ) : null}
        {steps.reportBack ? (
          <MeetingItemReportBacks situation={item.situation} meetingId={meeting.id} />
        ) : null}
        {steps.conclude ? (
          <InRoomConclusion meetingId={meeting.id} item={item} onDone={onDone} />
        ) : null}
      </div>
    </section>
  );
}

function InRoomInvolvement({
  meetingId,
  item,
  agencyId,
  onDone,
}: {
  meetingId: string;
  item: OpenAgendaItem;
  agencyId: string;
  onDone: (notice: StepNotice) => void;
}) {
  const { t } = useTranslation('meetings');
  const declare = useDeclareInvolvementInRoom(meetingId, item, {
    onSuccess: () => onDone('involvement'),
    onStale: () => onDone('stale'),
  });
  const own = item.situation.agenciesPresent.find((agency) => agency.id === agencyId);
  if (!own) return null;
  const answer = (involved: boolean) => declare.mutate({ involved });
  return (
    <section className="situation-action" aria-labelledby="room-involvement-heading">
      <h4 id="room-involvement-heading">{t('involvement.heading')}</h4>
      <p>{t('involvement.question', { agency: own.name })}</p>
      <p className="field__hint">
        {own.involved === null
          ? t('involvement.notAnswered')
          : own.involved
            ? t('involvement.answeredYes')
            : t('involvement.answeredNo')}
      </p>
      <MeetingWriteError error={declare.error} subject="situation" />
      <div className="form__actions">
        {[true, false].map((value) => (
          <button
            key={String(value)}
            type="button"
            className={`button ${own.involved === value ? 'button--primary' : 'button--secondary'}`}
            aria-pressed={own.involved === value}
            disabled={declare.isPending}
            onClick={() => answer(value)}
          >
            {value ? t('involvement.yes') : t('involvement.no')}
          </button>
        ))}
      </div>
    </section>
  );
}

function InRoomAssignment({
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
  const assign = useAssignInRoom(meetingId, item, {
    onSuccess: () => onDone('assigned'),
    onStale: () => onDone('stale'),
  });
  const { situation } = item;
  const [lead, setLead] = useState(situation.leadAgency?.id ?? '');
  const [assisting, setAssisting] = useState<string[]>(
    situation.assistingAgencies.map((agency) => agency.id),
  );
  const [attempted, setAttempted] = useState(false);
  const agencies = attendance.map((entry) => entry.agency);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempted(true);
    if (!lead) return;
    assign.mutate({
      leadAgencyId: lead,
      assistingAgencyIds: assisting.filter((id) => id !== lead),
    });
  };

  return (
    <section className="situation-action" aria-labelledby="room-assignment-heading">
      <h4 id="room-assignment-heading">{t('assignment.heading')}</h4>
      <form onSubmit={submit} noValidate>
        <AgencyAssignmentFields
          idPrefix="room-assignment"
          situation={situation}
          agencies={agencies}
          lead={lead}
          onLeadChange={setLead}
          assisting={assisting}
          onAssistingChange={setAssisting}
          leadMissing={attempted && !lead}
        />
        <MeetingWriteError error={assign.error} subject="situation" />
        <button type="submit" className="button button--primary" disabled={assign.isPending}>
          {assign.isPending ? t('form.working') : t('assignment.submit')}
        </button>
      </form>
    </section>
  );
}

/**
 * The conclusion in the room: as on the situation page (close-form.tsx), a no-contact reason when
 * no first contact is recorded, and a confirmation that says the retention countdown starts.
 */
function InRoomConclusion({
  meetingId,
  item,
  onDone,
}: {
  meetingId: string;
  item: OpenAgendaItem;
  onDone: (notice: StepNotice) => void;
}) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  const taxonomy = useTaxonomy();
  const table = useTable(item.situation.tableId);
  const { label } = useCodeLabels();
  const conclude = useConcludeInRoom(meetingId, item, {
    onSuccess: () => onDone('concluded'),
    onStale: () => onDone('stale'),
  });
  const needsReason = needsNoContactReason(item.situation);
  const [conclusion, setConclusion] = useState('');
  const [noContactReason, setNoContactReason] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const missingReason = needsReason && !noContactReason;
  const active = (taxonomy.data?.conclusionReasons ?? []).filter((entry) => !entry.retired);
  const groups = [
    { key: 'lowered', entries: active.filter((entry) => entry.riskLowered) },
    { key: 'elevated', entries: active.filter((entry) => !entry.riskLowered) },
  ] as const;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempted(true);
    if (!conclusion || missingReason) return;
    conclude.reset();
    setConfirming(true);
  };

  return (
    <section className="situation-action" aria-labelledby="room-conclusion-heading">
      <h4 id="room-conclusion-heading">{t('conclusion.heading')}</h4>
      <form onSubmit={submit} noValidate>
        <SelectField
          id="room-conclusion"
          label={t('conclusion.label')}
          error={attempted && !conclusion ? t('conclusion.errors.missing') : undefined}
          value={conclusion}
          onChange={setConclusion}
          emptyLabel={t('form.choose')}
        >
          {groups.map((group) => (
            <optgroup key={group.key} label={t(`conclusion.${group.key}`)}>
              {group.entries.map((entry) => (
                <option key={entry.code} value={entry.code}>
                  {entry.label[language]}
                </option>
              ))}
            </optgroup>
          ))}
        </SelectField>
        {needsReason && taxonomy.data ? (
          <NoContactReasonField
            id="room-no-contact-reason"
            taxonomy={taxonomy.data}
            value={noContactReason}
            onChange={setNoContactReason}
            missing={attempted && missingReason}
          />
        ) : null}
        {confirming ? null : <MeetingWriteError error={conclude.error} subject="situation" />}
        <button type="submit" className="button button--primary" disabled={conclude.isPending}>
          {t('conclusion.submit')}
        </button>
      </form>
      <ConfirmConclusion
        open={confirming}
        reference={item.reference}
        conclusion={conclusion ? label('conclusion_reason', conclusion) : ''}
        noContactReason={
          needsReason && noContactReason ? label('no_contact_reason', noContactReason) : null
        }
        retentionDays={table.data?.identityRetentionDays ?? null}
        busy={conclude.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          conclude.mutate(
            { conclusion, ...(needsReason ? { noContactReason } : {}) },
            { onSettled: () => setConfirming(false) },
          )
        }
      />
    </section>
  );
}
