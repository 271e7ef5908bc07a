/**
 * The confirmation of each irreversible step on a situation, in the one accessible dialog of the
 * app (components/confirm-dialog.tsx), saying what will happen: presenting sends the de-identified
 * facts to every member agency of the table; a rejection destroys the identity and the free text;
 * a conclusion starts the retention countdown. The situation page and the meeting room ask with
 * the same words. Cancel leaves everything as it was.
 */
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/confirm-dialog';

type Confirmation = {
  open: boolean;
  reference: string;
  busy: boolean;
  error?: unknown;
  onConfirm: () => void;
  onCancel: () => void;
};

export function ConfirmPresentation({
  reference,
  tableName,
  ...dialog
}: Confirmation & { tableName: string }) {
  const { t } = useTranslation('situations');
  return (
    <ConfirmDialog
      {...dialog}
      title={t('confirm.present.title', { reference })}
      confirmLabel={t('confirm.present.confirm')}
    >
      <p>{t('confirm.present.facts', { table: tableName })}</p>
      <p>{t('confirm.present.identity')}</p>
    </ConfirmDialog>
  );
}

export function ConfirmRejection({
  reference,
  reason,
  ...dialog
}: Confirmation & { reason: string }) {
  const { t } = useTranslation('situations');
  return (
    <ConfirmDialog
      {...dialog}
      tone="danger"
      title={t('confirm.reject.title', { reference })}
      confirmLabel={t('confirm.reject.confirm')}
    >
      <p>{t('confirm.reject.reason', { reason })}</p>
      <p>
        <strong>{t('confirm.reject.destroyed')}</strong>
      </p>
      <p>{t('confirm.reject.kept')}</p>
    </ConfirmDialog>
  );
}

export function ConfirmConclusion({
  reference,
  conclusion,
  noContactReason,
  retentionDays,
  ...dialog
}: Confirmation & {
  conclusion: string;
  noContactReason: string | null;
  /** Days identity is kept after conclusion, when known. */
  retentionDays: number | null;
}) {
  const { t } = useTranslation('situations');
  return (
    <ConfirmDialog
      {...dialog}
      title={t('confirm.conclude.title', { reference })}
      confirmLabel={t('confirm.conclude.confirm')}
    >
      <p>{t('confirm.conclude.conclusion', { conclusion })}</p>
      {noContactReason ? (
        <p>{t('confirm.conclude.noContact', { reason: noContactReason })}</p>
      ) : null}
      <p>
        <strong>
          {retentionDays === null
            ? t('confirm.conclude.retention')
            : retentionDays === 0
              ? t('confirm.conclude.retentionNone')
              : t('confirm.conclude.retentionDays', { count: retentionDays })}
        </strong>
      </p>
      <p>{t('confirm.conclude.final')}</p>
    </ConfirmDialog>
  );
}
