/**
 * What a rejected situation has instead of a lead agency and an intervention: the table's
 * decision (not an acutely elevated risk), its reason, who recorded it and when, and that the
 * identity and the free text were destroyed with it (only the coded facts are kept).
 */
import { useTranslation } from 'react-i18next';
import type { Situation } from '@fourfold/shared/situations';
import { useLanguage } from '../../../lib/use-language';
import { useCodeLabels } from '../../taxonomy/hooks/use-code-labels';
import { formatDateTime } from '../../../lib/format';

export function RejectedOutcome({ situation }: { situation: Situation }) {
  const { t } = useTranslation('situations');
  const language = useLanguage();
  const { label } = useCodeLabels();
  const decided = situation.steps.decided;
  const destroyedAt = situation.steps.identityDestroyed?.at ?? situation.freeTextDestroyedAt;
  return (
    <section aria-labelledby="outcome-heading">
      <h2 id="outcome-heading">{t('outcome.heading')}</h2>
      <dl className="details">
        <dt>{t('outcome.decision')}</dt>
        <dd>{t('outcome.rejected')}</dd>
        {situation.rejectionReason ? (
          <>
            <dt>{t('outcome.rejectionReason')}</dt>
            <dd>{label('rejection_reason', situation.rejectionReason)}</dd>
          </>
        ) : null}
        {decided ? (
          <>
            <dt>{t('outcome.decided')}</dt>
            <dd>
              {decided.by
                ? decided.by.agencyName
                  ? t('outcome.decidedByWithAgency', {
                      date: formatDateTime(decided.at, language),
                      name: decided.by.displayName,
                      agency: decided.by.agencyName,
                    })
                  : t('outcome.decidedBy', {
                      date: formatDateTime(decided.at, language),
                      name: decided.by.displayName,
                    })
                : formatDateTime(decided.at, language)}
            </dd>
          </>
        ) : null}
      </dl>
      <p>
        {destroyedAt
          ? t('outcome.destroyedOn', { date: formatDateTime(destroyedAt, language) })
          : t('outcome.destroyed')}
      </p>
    </section>
  );
}
