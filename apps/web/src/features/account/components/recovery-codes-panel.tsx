/**
 * The recovery codes, shown once: a list to copy, a text file to download, and an
 * acknowledgement before the panel goes away for good.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format';
import { AcknowledgementField } from '../../../components/form-fields';

type RecoveryCodesPanelProps = {
  codes: readonly string[];
  email: string;
  onDone: () => void;
};

export function RecoveryCodesPanel({ codes, email, onDone }: RecoveryCodesPanelProps) {
  const { t } = useTranslation('account');
  const format = useFormat();
  const [stored, setStored] = useState(false);
  const [reminded, setReminded] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // The panel replaces the form the person just submitted: take them to its heading.
  useEffect(() => headingRef.current?.focus(), []);

  function download() {
    const date = format.date(new Date().toISOString());
    const text = [t('recoveryCodes.fileIntro', { email, date }), '', ...codes, ''].join('\r\n');
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = t('recoveryCodes.fileName');
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  function finish() {
    if (!stored) {
      setReminded(true);
      return;
    }
    onDone();
  }

  return (
    <div className="recovery-codes">
      <h3 ref={headingRef} tabIndex={-1}>
        {t('recoveryCodes.heading')}
      </h3>
      <p>{t('recoveryCodes.intro')}</p>
      <ol className="recovery-codes__list" aria-label={t('recoveryCodes.listLabel')}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p>
        <button type="button" className="button button--secondary" onClick={download}>
          {t('recoveryCodes.download')}
        </button>
      </p>
      <AcknowledgementField
        id="recovery-codes-stored"
        label={t('recoveryCodes.acknowledge')}
        error={reminded && !stored ? t('recoveryCodes.acknowledgeRequired') : undefined}
        checked={stored}
        onChange={setStored}
      />
      <button type="button" className="button button--primary" onClick={finish}>
        {t('recoveryCodes.done')}
      </button>
    </div>
  );
}
