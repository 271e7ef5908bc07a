/**
 * The de-identified facts of a situation: what every agency at the table sees from filter 2.
 * Once identity is destroyed (rejection, end of retention) the summary is gone too, and the page
 * says so, and what was kept.
 */
import { useTranslation } from 'react-i18next';
import type { Situation } from '@fourfold/shared/situations';
import { useLanguage } from '../../../lib/use-language';
import { useCodeLabels } from '../../taxonomy/hooks/use-code-labels';
import { formatDateTime } from '../../../lib/format';
import { filter1Order } from '../utils/filter1-order';
import { Heading, type HeadingLevel } from '../../../components/heading';

export function SituationFacts({
  situation,
  headingLevel = 2,
}: {
  situation: Situation;
  /** 3 where the facts sit under an agenda item's heading (the meeting screen). */
  headingLevel?: HeadingLevel;
}) {
  const { t } = useTranslation('situations');
  const { label } = useCodeLabels();
  const language = useLanguage();
  const list = (
    codes: readonly string[],
    kind: 'risk_factor' | 'protective_factor' | 'study_flag',
  ) =>
    codes.length === 0 ? (
      <p className="situations-muted">{t('facts.none')}</p>
    ) : (
      <ul className="situation-facts__codes">
        {codes.map((code) => (
          <li key={code}>{label(kind, code)}</li>
        ))}
      </ul>
    );
  const allYes = filter1Order.every((question) => situation.filter1[question]);
  return (
    <section aria-labelledby="facts-heading" className="situation-facts">
      <Heading level={headingLevel} id="facts-heading">
        {t('facts.heading')}
      </Heading>
      <p className="field__hint">{t('facts.deidentified')}</p>
      <dl className="details">
        <dt>{t('form.situationType')}</dt>
        <dd>{label('situation_type', situation.situationType)}</dd>
        <dt>{t('form.ageBand')}</dt>
        <dd>{label('age_band', situation.ageBand)}</dd>
        <dt>{t('form.gender')}</dt>
        <dd>{label('gender', situation.gender)}</dd>
        <dt>{t('facts.filter1')}</dt>
        <dd>
          {allYes ? (
            t('facts.filter1AllYes')
          ) : (
            <ul className="situation-facts__codes">
              {filter1Order.map((question) => (
                <li key={question}>
                  {t(`filter1.questions.${question}`)}{' '}
                  <strong>
                    {situation.filter1[question] === null
                      ? t('filter1.notAnswered')
                      : situation.filter1[question]
                        ? t('filter1.yes')
                        : t('filter1.no')}
                  </strong>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      <h3>
        {t('form.riskFactors')}{' '}
        <span className="situations-muted">({situation.riskFactors.length})</span>
      </h3>
      {list(situation.riskFactors, 'risk_factor')}
      <h3>{t('form.protectiveFactors')}</h3>
      {list(situation.protectiveFactors, 'protective_factor')}
      <h3>{t('form.studyFlags')}</h3>
      {list(situation.studyFlags, 'study_flag')}
      <h3>{t('form.summary.label')}</h3>
      {situation.summary === null ? (
        <div className="alert situations-alert--info situation-facts__destroyed">
          <p>
            {t('facts.freeTextDestroyed', {
              date: situation.freeTextDestroyedAt
                ? formatDateTime(situation.freeTextDestroyedAt, language)
                : '',
            })}
          </p>
          <p>{t('facts.codedFactsKept')}</p>
        </div>
      ) : (
        <p className="situation-facts__summary">{situation.summary}</p>
      )}
    </section>
  );
}
