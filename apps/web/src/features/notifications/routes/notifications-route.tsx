/**
 * /notifications: the signed-in person's notifications, newest first: what their agency was given
 * (in words), the situation's reference linking to it, the table, the due time of an action item,
 * and when it came (relative and absolute, in the interface language). Each can be marked read,
 * or all at once. Notifications never carry anything about the person.
 */
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Notification } from '@fourfold/shared/notifications';
import { CheckboxField } from '../../../components/form-fields';
import { PageHeading } from '../../../components/page-heading';
import { ProblemAlert } from '../../../components/problem-alert';
import { useLanguage } from '../../../lib/use-language';
import { useMarkAllRead, useMarkRead, useNotifications } from '../api/notifications';
import { formatDateTime, formatRelative } from '../../../lib/format';
import '../notifications.css';

export function NotificationsRoute() {
  const { t } = useTranslation('notifications');
  const [unreadOnly, setUnreadOnly] = useState(false);
  const notifications = useNotifications(unreadOnly);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const [status, setStatus] = useState('');
  const filterId = useId();

  const pages = notifications.data?.pages ?? [];
  const items = pages.flatMap((page) => page.items);
  const unreadCount = pages[0]?.unreadCount ?? 0;

  async function readOne(notification: Notification): Promise<boolean> {
    setStatus('');
    try {
      await markRead.mutateAsync(notification.id);
      setStatus(t('markReadDone', { reference: notification.reference }));
      return true;
    } catch {
      // Shown below from the mutation's error.
      return false;
    }
  }

  async function readAll() {
    setStatus('');
    try {
      await markAll.mutateAsync();
      setStatus(t('markAllDone'));
    } catch {
      // Shown below from the mutation's error.
    }
  }

  return (
    <>
      <PageHeading>{t('title')}</PageHeading>
      <p className="lead">{t('lead')}</p>
      <div className="notification-toolbar">
        <CheckboxField
          id={filterId}
          label={t('unreadOnly')}
          checked={unreadOnly}
          onChange={setUnreadOnly}
        />
        <button
          type="button"
          className="button button--secondary"
          disabled={unreadCount === 0 || markAll.isPending}
          onClick={() => void readAll()}
        >
          {t('markAll')}
        </button>
      </div>
      <div role="status" aria-live="polite">
        {status ? <p className="alert alert--success">{status}</p> : null}
      </div>
      {markRead.error ? <ProblemAlert error={markRead.error} /> : null}
      {markAll.error ? <ProblemAlert error={markAll.error} /> : null}
      {notifications.isPending ? (
        <p className="loading" role="status">
          {t('loading')}
        </p>
      ) : notifications.isError ? (
        <ProblemAlert error={notifications.error} />
      ) : items.length === 0 ? (
        <p>{unreadOnly ? t('noneUnread') : t('none')}</p>
      ) : (
        <>
          <ul className="notification-list" aria-label={t('listLabel')}>
            {items.map((notification) => (
              <NotificationItem
                key={notification.id}
                notification={notification}
                busy={markRead.isPending}
                onRead={() => readOne(notification)}
              />
            ))}
          </ul>
          {notifications.hasNextPage ? (
            <button
              type="button"
              className="button button--secondary"
              disabled={notifications.isFetchingNextPage}
              onClick={() => void notifications.fetchNextPage()}
            >
              {notifications.isFetchingNextPage ? t('loadingMore') : t('loadMore')}
            </button>
          ) : null}
        </>
      )}
    </>
  );
}

function NotificationItem({
  notification,
  busy,
  onRead,
}: {
  notification: Notification;
  busy: boolean;
  onRead: () => Promise<boolean>;
}) {
  const { t } = useTranslation('notifications');
  // The button goes away once read: keyboard focus moves to the item's link instead of the page.
  const linkRef = useRef<HTMLAnchorElement>(null);
  const language = useLanguage();
  const unread = notification.readAt === null;
  const kind = t(`kinds.${notification.kind}`);
  return (
    <li className={`notification-item${unread ? ' notification-item--unread' : ''}`}>
      <div className="notification-item__body">
        <p className="notification-item__kind">
          {unread ? <span className="visually-hidden">{t('unreadBadge')}: </span> : null}
          {kind}
        </p>
        <p className="notification-item__meta">
          <Link ref={linkRef} to={`/situations/${notification.situationId}`}>
            {t('situation', { reference: notification.reference })}
          </Link>
          {' · '}
          {t('table', { table: notification.tableName })}
        </p>
        {notification.dueAt ? (
          <p className="notification-item__meta">
            <time dateTime={notification.dueAt}>
              {t('due', { date: formatDateTime(notification.dueAt, language) })}
            </time>
          </p>
        ) : null}
        <p className="notification-item__meta">
          <time dateTime={notification.createdAt}>
            {t('received', {
              relative: formatRelative(notification.createdAt, language),
              date: formatDateTime(notification.createdAt, language),
            })}
          </time>
        </p>
      </div>
      {unread ? (
        <button
          type="button"
          className="button button--secondary"
          disabled={busy}
          aria-label={t('markReadLabel', { kind, reference: notification.reference })}
          onClick={() =>
            void onRead().then((done) => {
              if (done) linkRef.current?.focus();
            })
          }
        >
          {t('markRead')}
        </button>
      ) : null}
    </li>
  );
}
