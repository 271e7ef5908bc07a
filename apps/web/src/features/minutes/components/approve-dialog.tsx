/**
 * Asks the chair to confirm approval, saying that the minutes will be frozen; an approval that
 * came too late (already approved, meeting not closed) is said in the page's own words.
 */
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/confirm-dialog';

export function ApproveDialog({
  open,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  open: boolean;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('minutes');
  return (
    <ConfirmDialog
      open={open}
      title={t('approve.title')}
      confirmLabel={t('approve.confirm')}
      busy={busy}
      error={error}
      refusals={{
        MINUTES_ALREADY_APPROVED: t('approve.alreadyApproved'),
        INVALID_TRANSITION: t('approve.notClosed'),
      }}
      onConfirm={onConfirm}
      onCancel={onClose}
    >
      {t('approve.body')}
    </ConfirmDialog>
  );
}
