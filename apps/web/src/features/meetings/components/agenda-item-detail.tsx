/**
 * The detail of one agenda item (the one being discussed, or the one the person chose): its
 * de-identified facts and agencies (the situation page's own components), the steps taken on it
 * in this meeting, and the step the room can take now. Never identity: that stays on the
 * situation page, behind its purpose question and audit.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '../../../components/problem-alert';
import type { MeetingDetail, OpenAgendaItem } from '@fourfold/shared/meetings';
import { SituationAgencies } from '../../situations/components/situation-agencies';
import { SituationFacts } from '../../situations/components/situation-facts';
import { StageTag } from '../../situations/components/stage-tag';
import { useTaxonomy } from '../../taxonomy/api/get-taxonomy';
import type { StepNotice } from '../utils/in-room-steps';
import { InRoomSteps } from './in-room-steps';
import { MeetingDecisions } from './meeting-decisions';

export function AgendaItemDetail({
  meeting,
  item,
  focusRequest,
}: {
  meeting: MeetingDetail;
  item: OpenAgendaItem | null;
  /** Changes when the person chose an item: the heading then takes the focus. */
  focusRequest: number;
}) {
  const { t } = useTranslation('meetings');
  const { t: ts } = useTranslation('situations');
  const taxonomy = useTaxonomy();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [notice, setNotice] = useState<{ itemId: string; notice: StepNotice } | null>(null);

  useEffect(() => {
    if (focusRequest > 0) headingRef.current?.focus();
  }, [focusRequest]);

  return (
    <section className="panel meeting-item" aria-labelledby="item-heading">
      <h2 id="item-heading" className="panel__heading" ref={headingRef} tabIndex={-1}>
        {item ? t('item.heading', { reference: item.reference }) : t('item.noneHeading')}
      </h2>
      <div aria-live="polite" role="status">
        {notice && item && notice.itemId === item.id && notice.notice !== 'stale' ? (
          <p className="alert alert--success">
            {t(`item.notices.${notice.notice}`, { reference: item.reference })}
          </p>
        ) : null}
      </div>
      <div aria-live="assertive">
        {notice && item && notice.itemId === item.id && notice.notice === 'stale' ? (
          <div className="alert alert--error">
            <p className="alert__title">{t('stale.situation.title')}</p>
            <p>{t('stale.situation.body')}</p>
          </div>
        ) : null}
      </div>
      {item === null ? (
        <p>{meeting.status === 'open' ? t('item.choose') : t('item.chooseAny')}</p>
      ) : (
        <>
          <p className="situation-meta">
            <StageTag stage={item.stage} />
            <span>{ts(`stageLong.${item.stage}`)}</span>
          </p>
          {item.id === meeting.currentItemId ? (
            <p>
              <strong>{t('agenda.now')}</strong>
            </p>
          ) : null}
          <p>
            <Link to={`/situations/${item.situationId}`}>
              {t('item.situationLink', { reference: item.reference })}
            </Link>
          </p>
          <InRoomSteps
            // A new version of the situation starts its forms again from what it now is.
            key={`${item.id}:${item.situation.version}`}
            meeting={meeting}
            item={item}
            onDone={(next) => setNotice({ itemId: item.id, notice: next })}
          />
          <MeetingDecisions decisions={item.decisions} timeZone={meeting.table.timeZone} />
          {/* As on the situation page: facts only with their labels, never raw codes. */}
          {taxonomy.isError ? <ProblemAlert error={taxonomy.error} /> : null}
          {taxonomy.data ? <SituationFacts situation={item.situation} headingLevel={3} /> : null}
          <SituationAgencies situation={item.situation} headingLevel={3} />
        </>
      )}
    </section>
  );
}
