/**
 * A situation's action items (its intervention plan at filter 4): who owns each, what it is, when
 * it is due and whether it is late, in words; and, for those the access policy lets manage the
 * plan (the coordinator, the lead and the assisting agencies), a form to add one and buttons to
 * mark one done, cancel it or reopen it. Read-only once the situation is closed. The meeting
 * screen shows the same panel with its meetingId, which the new items are stamped with.
 */
import {
  ACTION_DESCRIPTION_MAX_LENGTH,
  type ActionItem,
  type ActionItemStatus,
} from '@fourfold/shared/action-items';
import { can } from '@fourfold/shared/access-policy';
import { allows } from '@fourfold/shared/situation-workflow';
import type { Situation } from '@fourfold/shared/situations';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextAreaField } from '../../../components/form-fields';
import { ProblemAlert } from '../../../components/problem-alert';
import { QueryState } from '../../../components/query-state';
import { useSession } from '../../auth/use-session';
import { fromDateTimeLocal, toDateTimeLocal } from '../../../lib/format';
import { DateTimePartsField } from '../../../components/date-time-parts-field';
import { situationSubjectOf } from '../../situations/utils/situation-subject';
import { useActionItems, useCreateActionItem, useUpdateActionItem } from '../api/action-items';
import { ActionItemDue, useNow } from './action-item-due';
import { Heading, type HeadingLevel } from '../../../components/heading';
import '../action-items.css';

type PanelProps = {
  situation: Situation;
  meetingId?: string;
  /** The panel's heading level where it sits: 2 on the situation page, 4 inside a meeting item. */
  headingLevel?: HeadingLevel;
};

export function ActionItemsPanel({ situation, meetingId, headingLevel = 2 }: PanelProps) {
  const { t } = useTranslation('actionItems');
  const { actor } = useSession();
  const headingId = useId();
  const items = useActionItems(situation.id);
  const update = useUpdateActionItem(situation.id);
  const [announcement, setAnnouncement] = useState('');
  const now = useNow();
  const canManage =
    allows(situation.stage, 'manageActions') &&
    can(actor, 'situation.manageActions', situationSubjectOf(situation));

  const setStatus = (item: ActionItem, status: ActionItemStatus) => {
    setAnnouncement('');
    update.mutate(
      { item, changes: { status } },
      { onSuccess: () => setAnnouncement(t(`announce.${status}`)) },
    );
  };

  return (
    <section className="action-items" aria-labelledby={headingId}>
      <Heading level={headingLevel} id={headingId}>
        {t('panel.heading')}
      </Heading>
      <p className="field__hint">{t('panel.intro')}</p>
      <div role="status" aria-live="polite" className="action-items__live">
        {announcement ? <p className="alert alert--success">{announcement}</p> : null}
      </div>
      {update.error ? <ProblemAlert error={update.error} /> : null}
      <QueryState query={items} loading={t('panel.loading')} empty={<p>{t('panel.none')}</p>}>
        {(list) => (
          <ul className="action-items__list">
            {list.map((item) => (
              <li key={item.id} className="action-item">
                <p className="action-item__title">
                  {item.kind === 'first_contact'
                    ? t('kind.first_contact')
                    : (item.description ?? t('panel.destroyed'))}
                </p>
                <dl className="action-item__details">
                  <dt>{t('fields.owner')}</dt>
                  <dd>{item.ownerAgency.name}</dd>
                  <dt>{t('fields.due')}</dt>
                  <dd>
                    <ActionItemDue item={item} now={now} />
                  </dd>
                  <dt>{t('fields.status')}</dt>
                  <dd>{t(`status.${item.status}`)}</dd>
                </dl>
                {item.kind === 'first_contact' && item.status === 'open' ? (
                  <p className="field__hint">{t('panel.firstContactHint')}</p>
                ) : null}
                {canManage && item.kind === 'task' ? (
                  <div className="action-item__actions">
                    {item.status === 'open' ? (
                      <>
                        <button
                          type="button"
                          className="button button--secondary"
                          disabled={update.isPending}
                          onClick={() => setStatus(item, 'done')}
                        >
                          {t('actions.done')}
                          <span className="visually-hidden">
                            {t('actions.which', { what: item.description ?? '' })}
                          </span>
                        </button>
                        <button
                          type="button"
                          className="button button--secondary"
                          disabled={update.isPending}
                          onClick={() => setStatus(item, 'cancelled')}
                        >
                          {t('actions.cancel')}
                          <span className="visually-hidden">
                            {t('actions.which', { what: item.description ?? '' })}
                          </span>
                        </button>
                      </>
                    ) : item.status === 'done' ? (
                      <button
                        type="button"
                        className="button button--secondary"
                        disabled={update.isPending}
                        onClick={() => setStatus(item, 'open')}
                      >
                        {t('actions.reopen')}
                        <span className="visually-hidden">
                          {t('actions.which', { what: item.description ?? '' })}
                        </span>
                      </button>
                    ) : null}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      {canManage ? (
        <AddActionItemForm
          situation={situation}
          meetingId={meetingId}
          headingLevel={headingLevel}
          onAdded={setAnnouncement}
        />
      ) : null}
    </section>
  );
}

function AddActionItemForm({
  situation,
  meetingId,
  headingLevel = 2,
  onAdded,
}: PanelProps & { onAdded: (message: string) => void }) {
  const { t } = useTranslation('actionItems');
  const formId = useId();
  const create = useCreateActionItem(situation.id);
  const owners = [
    ...(situation.leadAgency ? [situation.leadAgency] : []),
    ...situation.assistingAgencies,
  ];
  const [ownerAgencyId, setOwner] = useState(owners[0]?.id ?? '');
  const [description, setDescription] = useState('');
  const [due, setDue] = useState(() => toDateTimeLocal(new Date(Date.now() + 48 * 3_600_000)));
  const [attempted, setAttempted] = useState(false);
  const dueAt = fromDateTimeLocal(due);
  const errors = {
    description: attempted && !description.trim() ? t('errors.description') : undefined,
    due: attempted && dueAt === null ? t('errors.due') : undefined,
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempted(true);
    if (!description.trim() || dueAt === null || !ownerAgencyId) return;
    create.mutate(
      {
        ownerAgencyId,
        description: description.trim(),
        dueAt,
        ...(meetingId ? { meetingId } : {}),
      },
      {
        onSuccess: () => {
          setDescription('');
          setAttempted(false);
          onAdded(t('announce.added'));
        },
      },
    );
  };

  return (
    <form
      className="form action-items__form"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${formId}-h`}
    >
      <Heading level={headingLevel + 1} id={`${formId}-h`}>
        {t('form.heading')}
      </Heading>
      <SelectField
        id={`${formId}-owner`}
        label={t('fields.owner')}
        value={ownerAgencyId}
        onChange={setOwner}
        options={owners.map((agency) => ({ value: agency.id, label: agency.name }))}
      />
      <TextAreaField
        id={`${formId}-description`}
        label={t('fields.description')}
        hint={t('form.descriptionHint')}
        error={errors.description}
        value={description}
        onChange={setDescription}
        rows={3}
        maxLength={ACTION_DESCRIPTION_MAX_LENGTH}
      />
      <DateTimePartsField
        id={`${formId}-due`}
        legend={t('fields.due')}
        error={errors.due}
        value={due}
        onChange={setDue}
      />
      {create.error ? <ProblemAlert error={create.error} /> : null}
      <button type="submit" className="button button--primary" disabled={create.isPending}>
        {create.isPending ? t('form.saving') : t('form.submit')}
      </button>
    </form>
  );
}
