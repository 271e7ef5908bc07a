/**
 * In the header, for a signed-in person: a link to their notifications with the unread count,
 * polled every minute. Its accessible name says the count ("Notifications, 3 unread"); a polite
 * status (`NotificationsAnnouncer`) tells screen reader users when the count goes up while they
 * are on a page. The two are apart because on a phone the link folds behind the header's menu,
 * and a live region inside a hidden element announces nothing.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useSessionState } from '../../auth/use-session';
import { useUnreadCount } from '../api/notifications';
import '../notifications.css';

export function NotificationsLink() {
  const { t } = useTranslation('notifications');
  const session = useSessionState();
  const signedIn = session.status === 'signed-in';
  const unread = useUnreadCount(signedIn);
  const count = unread.data ?? 0;
  if (!signedIn) return null;
  // The visible text ("Notifications 3") starts the accessible name, as speech-input users say
  // what they see; hidden words beside it would be read as separate blocks ("Notifications , 3").
  const label = count === 0 ? t('link.noneUnread') : t('link.unread', { count });
  return (
    <NavLink to="/notifications" className="notifications-link" aria-label={label}>
      {t('link.text')}
      {count > 0 ? (
        <>
          {' '}
          <span className="notifications-link__count">{count}</span>
        </>
      ) : null}
    </NavLink>
  );
}

/** The polite status that says when more notifications arrive; always in the visible header. */
export function NotificationsAnnouncer() {
  const { t } = useTranslation('notifications');
  const session = useSessionState();
  const signedIn = session.status === 'signed-in';
  // The same query as the link's (one request): TanStack Query shares it.
  const unread = useUnreadCount(signedIn);
  const [announcement, setAnnouncement] = useState('');
  const previous = useRef<number | null>(null);
  useEffect(() => {
    if (unread.data === undefined) return;
    // Not on the first answer (the link already says it), only when more arrive.
    if (previous.current !== null && unread.data > previous.current) {
      setAnnouncement(t('link.arrived', { count: unread.data }));
    }
    previous.current = unread.data;
  }, [unread.data, t]);
  if (!signedIn) return null;
  return (
    <span className="visually-hidden" role="status" aria-live="polite">
      {announcement}
    </span>
  );
}
