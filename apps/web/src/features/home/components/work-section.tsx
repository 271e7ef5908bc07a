/**
 * One section of the work home: a heading with its count, the situations as stacked cards
 * (reference, stage, facts, and at filter 4 the first-contact clock in words), an empty state in
 * words, and, when the section holds more than it lists, the way to all of them in the table's
 * situation list. Cards rather than a table: they fit a phone without sideways scrolling.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { WorkSituationSection } from '@fourfold/shared/work';
import { useCodeLabels } from '../../taxonomy/hooks/use-code-labels';
import { FirstContactClock } from '../../situations/components/first-contact-clock';
import { StageTag } from '../../situations/components/stage-tag';

export function WorkSection({
  heading,
  empty,
  section,
  tableId,
  listSearch,
}: {
  heading: string;
  empty: string;
  section: WorkSituationSection;
  tableId: string;
  /** The situation list's filters that show this section's situations, all of them. */
  listSearch: Record<string, string>;
}) {
  const { t } = useTranslation('home');
  const { label } = useCodeLabels();
  const headingId = useId();
  return (
    <section className="work-section" aria-labelledby={headingId}>
      <h3 id={headingId} className="work-section__heading">
        {heading}{' '}
        <span className="work-section__count">{t('work.count', { count: section.total })}</span>
      </h3>
      {section.total === 0 ? (
        <p className="work-section__empty">{empty}</p>
      ) : (
        <ul className="work-list">
          {section.items.map((item) => (
            <li key={item.id} className="work-item">
              <p className="work-item__title">
                <Link to={`/situations/${item.id}`}>{item.reference}</Link>{' '}
                <StageTag stage={item.stage} />
              </p>
              <p className="work-item__facts">
                {label('situation_type', item.situationType)} · {label('age_band', item.ageBand)} ·{' '}
                {t('work.originating', { agency: item.originatingAgency.name })}
                {item.leadAgency ? (
                  <> · {t('work.lead', { agency: item.leadAgency.name })}</>
                ) : null}
              </p>
              {item.stage === 'filter4' ? (
                <p className="work-item__clock">
                  <FirstContactClock
                    firstContactDueAt={item.firstContactDueAt}
                    firstContactAt={item.firstContactAt}
                    closed={false}
                    variant="full"
                  />
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {section.total > section.items.length ? (
        <p>
          <Link to={`/tables/${tableId}?${new URLSearchParams(listSearch).toString()}`}>
            {t('work.seeAll', { count: section.total })}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
