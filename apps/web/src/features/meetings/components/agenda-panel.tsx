/**
 * The agenda in its three headed sections (report-backs, new situations, ready to close). Each
 * item shows its reference, its stage and its overdue action items; an item the person may not
 * open shows as restricted — reference and stage only — so everyone keeps their place in the
 * room. The chair sets the item being discussed and reorders with Move up / Move down (keyboard
 * first; the new place is announced).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaItem } from '@fourfold/shared/meetings';
import { StageTag } from '../../situations/components/stage-tag';
import type { VersionedMeeting } from '../api/get-meeting';
import { useSetAgendaOrder } from '../api/set-agenda-order';
import { useSetCurrentItem } from '../api/set-current-item';
import { groupAgenda, moveAgendaItem, overdueCount } from '../utils/agenda';
import { MeetingWriteError } from './meeting-write-error';

export function AgendaPanel({
  versioned,
  chair,
  shownItemId,
  onShow,
}: {
  versioned: VersionedMeeting;
  chair: boolean;
  /** The item whose detail is shown. */
  shownItemId: string | null;
  onShow: (itemId: string) => void;
}) {
  const { t } = useTranslation('meetings');
  const { meeting } = versioned;
  const reorder = useSetAgendaOrder(versioned);
  const current = useSetCurrentItem(versioned);
  const [announcement, setAnnouncement] = useState('');
  const groups = groupAgenda(meeting.agenda);
  const runs = chair && meeting.status === 'open';

  const move = (item: AgendaItem, direction: -1 | 1) => {
    if (reorder.isPending) return;
    const next = moveAgendaItem(meeting.agenda, item.id, direction);
    if (!next) {
      setAnnouncement(
        t(direction < 0 ? 'agenda.alreadyFirst' : 'agenda.alreadyLast', {
          reference: item.reference,
        }),
      );
      return;
    }
    current.reset();
    reorder.mutate(
      { itemIds: next.itemIds },
      {
        onSuccess: () => {
          setAnnouncement(
            t('agenda.moved', {
              reference: item.reference,
              position: next.position,
              of: next.of,
              section: t(`agenda.sections.${next.section}`),
            }),
          );
          // The list is rendered again in the new order; keep the keyboard on the same button.
          requestAnimationFrame(() => {
            document
              .querySelector<HTMLButtonElement>(
                `[data-move="${item.id}:${direction < 0 ? 'up' : 'down'}"]`,
              )
              ?.focus();
          });
        },
      },
    );
  };

  const discuss = (item: AgendaItem) => {
    reorder.reset();
    current.mutate(
      { itemId: item.id },
      {
        onSuccess: () => {
          setAnnouncement(t('agenda.nowAnnounced', { reference: item.reference }));
          onShow(item.id);
        },
      },
    );
  };

  return (
    <section className="meeting-agenda" aria-labelledby="agenda-heading">
      <h2 id="agenda-heading">{t('agenda.heading')}</h2>
      {meeting.status === 'scheduled' ? (
        <p>{t('agenda.beforeOpen')}</p>
      ) : meeting.agenda.length === 0 ? (
        <p>{t('agenda.empty')}</p>
      ) : null}
      <p className="visually-hidden" aria-live="polite" role="status">
        {announcement}
      </p>
      <MeetingWriteError error={reorder.error ?? current.error} subject="meeting" />
      {meeting.agenda.length > 0
        ? groups.map((group) => (
            <section
              key={group.section}
              className="meeting-agenda__section"
              aria-labelledby={`agenda-${group.section}`}
            >
              <h3 id={`agenda-${group.section}`}>
                {t(`agenda.sections.${group.section}`)}{' '}
                <span className="situations-muted">
                  {t('agenda.count', { count: group.items.length })}
                </span>
              </h3>
              {group.items.length === 0 ? (
                <p className="situations-muted">{t('agenda.emptySection')}</p>
              ) : (
                <ol className="meeting-agenda__list">
                  {group.items.map((item, index) => {
                    const isCurrent = item.id === meeting.currentItemId;
                    const overdue = overdueCount(item);
                    const first = index === 0;
                    const last = index === group.items.length - 1;
                    return (
                      <li
                        key={item.id}
                        className={[
                          'meeting-agenda__item',
                          isCurrent ? 'meeting-agenda__item--current' : null,
                          item.id === shownItemId ? 'meeting-agenda__item--shown' : null,
                        ]
                          .filter(Boolean)
                          .join(' ')}
                        aria-current={isCurrent ? 'true' : undefined}
                      >
                        <p className="meeting-agenda__line">
                          <span className="meeting-agenda__reference">{item.reference}</span>
                          <StageTag stage={item.stage} />
                          {isCurrent ? (
                            <strong className="meeting-agenda__now">{t('agenda.now')}</strong>
                          ) : null}
                        </p>
                        {item.restricted ? (
                          <p className="situations-muted">{t('agenda.restricted')}</p>
                        ) : overdue > 0 ? (
                          <p className="meeting-agenda__overdue">
                            {t('agenda.overdue', { count: overdue })}
                          </p>
                        ) : null}
                        <div className="meeting-agenda__actions">
                          {item.restricted ? null : (
                            <button
                              type="button"
                              className="button button--secondary"
                              aria-pressed={item.id === shownItemId}
                              onClick={() => onShow(item.id)}
                            >
                              {t('agenda.show')}
                              <span className="visually-hidden"> {item.reference}</span>
                            </button>
                          )}
                          {runs && !item.restricted && !isCurrent ? (
                            <button
                              type="button"
                              className="button button--primary"
                              disabled={current.isPending}
                              onClick={() => discuss(item)}
                            >
                              {t('agenda.discuss')}
                              <span className="visually-hidden"> {item.reference}</span>
                            </button>
                          ) : null}
                          {runs ? (
                            <>
                              {/* aria-disabled, not disabled: the button keeps the focus after the
                                  item reaches the top or bottom, so the keyboard user is not lost. */}
                              <button
                                type="button"
                                className="button button--secondary"
                                data-move={`${item.id}:up`}
                                aria-disabled={first || reorder.isPending}
                                onClick={() => move(item, -1)}
                              >
                                {t('agenda.moveUp')}
                                <span className="visually-hidden"> {item.reference}</span>
                              </button>
                              <button
                                type="button"
                                className="button button--secondary"
                                data-move={`${item.id}:down`}
                                aria-disabled={last || reorder.isPending}
                                onClick={() => move(item, 1)}
                              >
                                {t('agenda.moveDown')}
                                <span className="visually-hidden"> {item.reference}</span>
                              </button>
                            </>
                          ) : null}
                        </div>
                      </li>
                    );
                  })}
                </ol>
              )}
            </section>
          ))
        : null}
    </section>
  );
}
