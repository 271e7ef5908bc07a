/** The steps taken on a situation in this meeting, listed under its agenda item. Codes and agencies only. */
import { useTranslation } from 'react-i18next';
import type { MeetingDecision } from '@fourfold/shared/meetings';
import { useLanguage } from '../../../lib/use-language';
import { useCodeLabels } from '../../taxonomy/hooks/use-code-labels';
import { formatMeetingTime } from '../utils/meeting-time';

export function MeetingDecisions({
  decisions,
  timeZone,
}: {
  decisions: readonly MeetingDecision[];
  timeZone: string;
}) {
  const { t } = useTranslation('meetings');
  const language = useLanguage();
  const { label } = useCodeLabels();
  return (
    <section aria-labelledby="item-decisions-heading">
      <h3 id="item-decisions-heading">{t('decisions.heading')}</h3>
      {decisions.length === 0 ? (
        <p className="situations-muted">{t('decisions.none')}</p>
      ) : (
        <ul className="meeting-item__decisions">
          {decisions.map((decision) => (
            <li key={decision.id}>
              <strong>{t(`decisions.kind.${decision.kind}`)}</strong>
              {describe(decision) ? <> — {describe(decision)}</> : null}
              <span className="situations-muted">
                {' '}
                ({formatMeetingTime(decision.decidedAt, language, timeZone)}
                {decision.decidedBy ? `, ${decision.decidedBy.displayName}` : ''})
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );

  function describe(decision: MeetingDecision): string {
    switch (decision.kind) {
      case 'rejected':
        return decision.rejectionReason ? label('rejection_reason', decision.rejectionReason) : '';
      case 'involvement':
        return decision.agency
          ? t(decision.involved ? 'decisions.involvedYes' : 'decisions.involvedNo', {
              agency: decision.agency.name,
            })
          : '';
      case 'assigned':
        return t('decisions.assignedTo', {
          lead: decision.leadAgency?.name ?? '—',
          assisting:
            decision.assistingAgencies.map((agency) => agency.name).join(', ') ||
            t('decisions.noAssisting'),
        });
      case 'concluded':
        return [
          decision.conclusion ? label('conclusion_reason', decision.conclusion) : '',
          decision.noContactReason
            ? t('decisions.noContact', {
                reason: label('no_contact_reason', decision.noContactReason),
              })
            : '',
        ]
          .filter(Boolean)
          .join(' – ');
      case 'report_back':
        return decision.agency?.name ?? '';
      case 'accepted':
        return '';
    }
  }
}
