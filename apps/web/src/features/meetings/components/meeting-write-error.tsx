/**
 * The failure of a change made from the meeting screen. A stale view (412) or a step the stage no
 * longer allows (409) means someone acted first: the screen has already re-read the meeting, so
 * the message says what changed and asks to check before trying again. Anything else is the
 * API's problem, shown as everywhere.
 */
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import { isStaleError } from '../../situations/components/write-error';

export function MeetingWriteError({
  error,
  subject,
}: {
  error: unknown;
  /** What changed under the person: the situation (its steps) or the meeting (its agenda…). */
  subject: 'situation' | 'meeting';
}) {
  const { t } = useTranslation('meetings');
  if (!error) return null;
  if (!isStaleError(error)) return <ProblemAlert error={error} />;
  // A situation changed under the person: the item's detail says so above it (its forms start
  // again from the new version, so a message here would vanish with them).
  if (subject === 'situation') return null;
  return (
    <div role="alert" className="alert alert--error">
      <p className="alert__title">{t(`stale.${subject}.title`)}</p>
      <p>{t(`stale.${subject}.body`)}</p>
    </div>
  );
}
