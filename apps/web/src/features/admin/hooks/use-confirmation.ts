/** State of the page's one confirmation dialog: what is asked, whether it runs, how it failed. */
import { useState } from 'react';
import type { Confirmation } from '../components/confirm-dialog';

export function useConfirmation() {
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  function ask(question: Confirmation) {
    setError(null);
    setConfirmation({
      ...question,
      action: async () => {
        setBusy(true);
        setError(null);
        try {
          await question.action();
          setConfirmation(null);
        } catch (caught) {
          setError(caught);
        } finally {
          setBusy(false);
        }
      },
    });
  }

  return {
    ask,
    dialogProps: {
      confirmation,
      busy,
      error,
      onClose: () => {
        setConfirmation(null);
        setError(null);
      },
    },
  };
}
