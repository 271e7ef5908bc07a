/**
 * A small badge saying whether the meeting screen follows the room live. A polite live region, so
 * a screen-reader user hears when the view stops (or starts again) updating by itself.
 */
import { useTranslation } from 'react-i18next';
import type { MeetingEventsState } from './use-meeting-events';
import './live-status.css';

export function LiveStatus({ state }: { state: MeetingEventsState }) {
  const { t } = useTranslation('meetings');
  const label =
    state.status === 'live'
      ? t('live.live')
      : state.status === 'reconnecting'
        ? t('live.reconnecting')
        : state.status === 'connecting'
          ? t('live.connecting')
          : t('live.notLive');
  const reason =
    state.status === 'ended' && state.endReason ? t(`live.endReason.${state.endReason}`) : null;
  return (
    <p className="live-status" role="status" aria-live="polite">
      <span className={`live-status__badge live-status__badge--${state.status}`}>{label}</span>
      {reason ? <span className="live-status__reason">{reason}</span> : null}
    </p>
  );
}
