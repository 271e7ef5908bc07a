/**
 * A one-time link, shown once after it was issued: the address to pass on, a button that copies
 * it, and when it expires. The token travels in the fragment (#…), which browsers never send to a
 * server, so it cannot land in a web server's or proxy's log.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SET_PASSWORD_PATH, type UserLink } from '@fourfold/shared/admin';
import { useLanguage } from '../../../lib/use-language';
import { formatDateTime } from '../utils/format';

export function linkUrl(link: UserLink): string {
  return `${window.location.origin}${SET_PASSWORD_PATH}#${link.token}`;
}

export function LinkPanel({
  link,
  personName,
  onDismiss,
}: {
  link: UserLink;
  personName: string;
  /** Takes the link off the screen once it has been passed on. */
  onDismiss: () => void;
}) {
  const { t } = useTranslation('admin');
  const language = useLanguage();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const inputId = useId();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const url = linkUrl(link);

  // The panel appears after a submission: take the person to it.
  useEffect(() => {
    headingRef.current?.focus();
  }, [link.token]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }

  const kind = link.purpose === 'invite' ? 'invite' : 'reset';
  return (
    <section className="panel admin-link-panel" aria-labelledby={`${inputId}-heading`}>
      <h2 id={`${inputId}-heading`} className="panel__heading" ref={headingRef} tabIndex={-1}>
        {t(`link.${kind}.heading`, { name: personName })}
      </h2>
      <p>{t(`link.${kind}.intro`)}</p>
      <p className="admin-link-panel__warning">
        {t('link.once', { expiresAt: formatDateTime(link.expiresAt, language) })}
      </p>
      <div className="field">
        <label htmlFor={inputId}>{t(`link.${kind}.label`)}</label>
        <input
          id={inputId}
          type="text"
          readOnly
          value={url}
          className="admin-link-panel__url"
          onFocus={(event) => event.target.select()}
        />
      </div>
      <div className="form__actions">
        <button type="button" className="button button--primary" onClick={() => void copy()}>
          {t('link.copy')}
        </button>
        <button type="button" className="button button--secondary" onClick={onDismiss}>
          {t('link.done')}
        </button>
      </div>
      <p role="status" aria-live="polite" className="admin-link-panel__copied">
        {copied === 'yes' ? t('link.copied') : copied === 'failed' ? t('link.copyFailed') : ''}
      </p>
    </section>
  );
}
