/** An action in words; a code without words is shown as code, in the log's own (English) terms. */
import { useAuditLabels } from './use-audit-labels';

export function ActionLabel({ code }: { code: string }) {
  const labels = useAuditLabels();
  const words = labels.action(code);
  if (words) return <>{words}</>;
  return (
    <code lang="en" className="audit-code">
      {code}
    </code>
  );
}
