/**
 * What the administrator learns after a one-time link was issued: that it was e-mailed to the
 * person (at a partly hidden address), and when it expires. The link itself never reaches the
 * administrator, so an administrator cannot set another person's password. Without a mail server
 * (the embedded quick start) the message went to the server's outbox folder, and the panel says so.
 */
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserLink } from '@fourfold/shared/admin';
import { useLanguage } from '../../../lib/use-language';
import { formatDateTime } from '../../../lib/format';

export function LinkPanel({
  link,
  personName,
  onDismiss,
}: {
  link: UserLink;
  personName: string;
  /** Takes the notice off the screen. */
  onDismiss: () => void;
}) {
  const { t } = useTranslation('admin');
  const language = useLanguage();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();

  // The panel appears after a submission: take the person to it.
  useEffect(() => {
    headingRef.current?.focus();
  }, [link.expiresAt]);

  const kind = link.purpose === 'invite' ? 'invite' : 'reset';
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__heading" ref={headingRef} tabIndex={-1}>
        {t(`link.${kind}.heading`, { name: personName })}
      </h2>
      <p>{t(`link.${kind}.intro`, { sentTo: link.sentTo })}</p>
      {link.delivery === 'outbox' ? <p>{t('link.outbox')}</p> : null}
      <p>
        {t('link.once', {
          expiresAt: formatDateTime(link.expiresAt, language, { dateStyle: 'long' }),
        })}
      </p>
      <div className="form__actions">
        <button type="button" className="button button--secondary" onClick={onDismiss}>
          {t('link.done')}
        </button>
      </div>
    </section>
  );
}
