/**
 * Where a page confirms what it just did ("Agency added."). The live region is always in the page,
 * so screen readers announce each new message without moving focus.
 */
export function StatusMessage({ message }: { message: string | null }) {
  return (
    <div role="status" aria-live="polite" className="admin-status">
      {message ? <p className="alert alert--success">{message}</p> : null}
    </div>
  );
}
