/**
 * The agencies of a situation: the one that brought it, those present at the filter-2 decision
 * (with whether each already works with the person), the lead and the assisting agencies. A
 * rejected situation never reaches filter 3: it has no lead, no assisting agencies and no
 * involvement question, so only the agencies present at the decision are listed.
 */
import { useTranslation } from 'react-i18next';
import type { Situation } from '@fourfold/shared/situations';
import { Heading, type HeadingLevel } from '../../../components/heading';

export function SituationAgencies({
  situation,
  headingLevel = 2,
}: {
  situation: Situation;
  /** 3 where the facts sit under an agenda item's heading (the meeting screen). */
  headingLevel?: HeadingLevel;
}) {
  const { t } = useTranslation('situations');
  const involvement = (involved: boolean | null) =>
    involved === null
      ? situation.stage === 'filter3'
        ? t('agencies.involvement.unknown')
        : t('agencies.involvement.none')
      : involved
        ? t('agencies.involvement.yes')
        : t('agencies.involvement.no');
  return (
    <section aria-labelledby="agencies-heading">
      <Heading level={headingLevel} id="agencies-heading">
        {t('agencies.heading')}
      </Heading>
      <dl className="details">
        <dt>{t('agencies.originating')}</dt>
        <dd>{situation.originatingAgency.name}</dd>
        {/* A rejected situation never gets a lead or assisting agencies. */}
        {situation.stage !== 'rejected' ? (
          <>
            <dt>{t('agencies.lead')}</dt>
            <dd>{situation.leadAgency?.name ?? t('agencies.notAssigned')}</dd>
            <dt>{t('agencies.assisting')}</dt>
            <dd>
              {situation.assistingAgencies.length === 0 ? (
                situation.leadAgency ? (
                  t('agencies.noneAssisting')
                ) : (
                  t('agencies.notAssigned')
                )
              ) : (
                <ul className="situation-facts__codes">
                  {situation.assistingAgencies.map((agency) => (
                    <li key={agency.id}>{agency.name}</li>
                  ))}
                </ul>
              )}
            </dd>
          </>
        ) : null}
      </dl>
      {situation.agenciesPresent.length > 0 && situation.stage === 'rejected' ? (
        <>
          <Heading level={headingLevel + 1}>{t('agencies.presentCaption')}</Heading>
          <ul className="situation-facts__codes">
            {situation.agenciesPresent.map((agency) => (
              <li key={agency.id}>{agency.name}</li>
            ))}
          </ul>
        </>
      ) : situation.agenciesPresent.length > 0 ? (
        <table className="data-table">
          <caption>{t('agencies.presentCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('agencies.agency')}</th>
              <th scope="col">{t('agencies.involvement.heading')}</th>
            </tr>
          </thead>
          <tbody>
            {situation.agenciesPresent.map((agency) => (
              <tr key={agency.id}>
                <th scope="row">{agency.name}</th>
                <td>{involvement(agency.involved)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
