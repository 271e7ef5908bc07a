/**
 * A modal question before a consequential action (deactivating, removing, publishing), as a
 * `Confirmation` the admin screens build; shown by the app's one confirmation dialog.
 */
import type { ErrorCode } from '@fourfold/shared/error-codes';
import { ConfirmDialog as AppConfirmDialog } from '../../../components/confirm-dialog';

export type Confirmation = {
  title: string;
  body: string;
  confirmLabel: string;
  /** Runs on confirm; the dialog closes when it resolves, and stays open showing a failure. */
  action: () => Promise<unknown>;
  /** What an expected refusal means here, in the page's language (e.g. a 409 on removal). */
  refusals?: Partial<Record<ErrorCode, string>>;
};

/** The app's confirmation dialog, for a consequential administrative action. */
export function ConfirmDialog({
  confirmation,
  onClose,
  busy,
  error,
}: {
  confirmation: Confirmation | null;
  onClose: () => void;
  busy: boolean;
  error: unknown;
}) {
  return (
    <AppConfirmDialog
      open={confirmation !== null}
      title={confirmation?.title ?? ''}
      confirmLabel={confirmation?.confirmLabel ?? ''}
      tone="danger"
      busy={busy}
      error={error}
      refusals={confirmation?.refusals}
      onConfirm={() => void confirmation?.action()}
      onCancel={onClose}
    >
      {confirmation?.body ?? ''}
    </AppConfirmDialog>
  );
}
