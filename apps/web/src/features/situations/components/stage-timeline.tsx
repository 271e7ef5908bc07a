/**
 * Where the situation stands in the Four Filter process: each stage with the time and the person
 * (and their agency) who brought it there. An ordered list, so screen readers announce "3 of 5".
 */
import { useTranslation } from 'react-i18next';
import type { Situation } from '@fourfold/shared/situations';
import { useLanguage } from '../../../lib/use-language';
import { formatDateTime } from '../../../lib/format';
import { timelineOf } from '../utils/timeline';

export function StageTimeline({ situation }: { situation: Situation }) {
  const { t } = useTranslation('situations');
  const language = useLanguage();
  const entries = timelineOf(situation);
  return (
    <section className="panel situation-timeline" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading" className="panel__heading">
        {t('timeline.heading')}
      </h2>
      <ol className="situation-timeline__list">
        {entries.map((entry) => (
          <li
            key={entry.stage}
            className={`situation-timeline__item situation-timeline__item--${entry.state}`}
            aria-current={entry.state === 'current' ? 'step' : undefined}
          >
            <span className="situation-timeline__marker" aria-hidden="true" />
            <span className="situation-timeline__stage">{t(`stageLong.${entry.stage}`)}</span>
            <span className="visually-hidden"> – {t(`timeline.state.${entry.state}`)}</span>
            {entry.step ? (
              <span className="situation-timeline__step">
                {t(`timeline.step.${entry.stage}`, {
                  date: formatDateTime(entry.step.at, language),
                })}
                {entry.step.by ? (
                  <>
                    <br />
                    {entry.step.by.agencyName
                      ? t('timeline.byWithAgency', {
                          name: entry.step.by.displayName,
                          agency: entry.step.by.agencyName,
                        })
                      : t('timeline.by', { name: entry.step.by.displayName })}
                  </>
                ) : null}
              </span>
            ) : entry.state === 'current' ? (
              <span className="situation-timeline__step">
                {t(`timeline.waiting.${entry.stage}`)}
              </span>
            ) : null}
          </li>
        ))}
      </ol>
      {situation.steps.identityDestroyed ? (
        <p className="situation-timeline__note">
          {t('timeline.identityDestroyed', {
            date: formatDateTime(situation.steps.identityDestroyed.at, language),
          })}
        </p>
      ) : null}
    </section>
  );
}
